package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * Leaky rectified linear unit, as Keras's {@code LeakyReLU}: {@code f(x) = x} for {@code x >= 0},
 * {@code alpha · x} otherwise. Default {@code alpha} 0.3 (Keras 3 calls it {@code negative_slope}; both config
 * keys are read, {@code alpha} is written as tf.keras 2.x does). Output shape = input shape.
 *
 * <pre>{@code
 * new LeakyReLU(0.1)
 * }</pre>
 */
public class LeakyReLU extends Layer {
  private final double alpha;

  /** Creates the layer with Keras's default slope 0.3. */
  public LeakyReLU() {
    this(0.3);
  }

  /**
   * Creates the layer.
   *
   * @param alpha the slope for negative inputs
   * @throws IllegalArgumentException if negative or NaN (Keras refuses them)
   */
  public LeakyReLU(double alpha) {
    if (!(alpha >= 0)) {
      throw new IllegalArgumentException(
          "LeakyReLU: alpha (negative_slope) must be a number >= 0, but got alpha=" + alpha + ".");
    }
    this.alpha = alpha;
  }

  /** Returns the slope for negative inputs. */
  public double alpha() {
    return alpha;
  }

  @Override
  public LeakyReLU name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public LeakyReLU inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return tf.nn.leakyRelu(x, LeakyRelu.alpha((float) alpha));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config ({@code alpha}, or Keras 3's {@code negative_slope}). */
  public static LeakyReLU fromConfig(Map<String, Object> config) {
    double alpha = config.containsKey("alpha")
        ? Configs.getDouble(config, "alpha", "LeakyReLU", 0.3)
        : Configs.getDouble(config, "negative_slope", "LeakyReLU", 0.3);
    return Configs.applyCommon(new LeakyReLU(alpha), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha", alpha);
    return config;
  }
}
