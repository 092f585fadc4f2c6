package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Exponential linear unit, as Keras's {@code ELU} layer: {@code f(x) = x} for {@code x > 0},
 * {@code alpha · (exp(x) - 1)} otherwise. Default {@code alpha} 1.0. Output shape = input shape.
 *
 * <pre>{@code
 * new ELU(0.5)
 * }</pre>
 */
public class ELU extends Layer {
  private final double alpha;

  /** Creates the layer with alpha 1. */
  public ELU() {
    this(1.0);
  }

  /**
   * Creates the layer.
   *
   * @param alpha the scale of the negative part
   * @throws IllegalArgumentException if NaN or infinite
   */
  public ELU(double alpha) {
    if (!Double.isFinite(alpha)) {
      throw new IllegalArgumentException("ELU: alpha must be a finite number, but got alpha=" + alpha + ".");
    }
    this.alpha = alpha;
  }

  /** Returns alpha. */
  public double alpha() {
    return alpha;
  }

  @Override
  public ELU name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public ELU inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> elu = tf.nn.elu(x);
    if (alpha == 1.0) {
      return elu;
    }
    // relu(x) + alpha * (elu(x) - relu(x)): x for x > 0, alpha * (exp(x) - 1) otherwise.
    Operand<TFloat32> relu = tf.nn.relu(x);
    return tf.math.add(relu, tf.math.mul(tf.constant((float) alpha), tf.math.sub(elu, relu)));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static ELU fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new ELU(Configs.getDouble(config, "alpha", "ELU", 1.0)), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha", alpha);
    return config;
  }
}
