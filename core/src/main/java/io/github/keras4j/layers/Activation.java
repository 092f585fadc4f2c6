package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.activations.Activations;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Applies an activation function to its input, as Keras's {@code Activation} layer. Output shape = input shape.
 *
 * <pre>{@code
 * new Activation("softmax")
 * }</pre>
 */
public class Activation extends Layer {
  private final ActivationFunction activation;

  /** Creates the layer for a Keras activation name ({@code relu}, {@code softmax}, …). */
  public Activation(String activation) {
    this(Activations.get(requireNonNull(activation, "activation")));
  }

  /** Creates the layer for an activation function. */
  public Activation(ActivationFunction activation) {
    this.activation = requireNonNull(activation, "activation");
  }

  /** Returns the activation. */
  public ActivationFunction activation() {
    return activation;
  }

  @Override
  public Activation name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Activation inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return activation.apply(tf, x);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static Activation fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(
        new Activation(Activations.get(Configs.getActivation(config, "activation", "Activation"))), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("activation", activation.name());
    return config;
  }
}
