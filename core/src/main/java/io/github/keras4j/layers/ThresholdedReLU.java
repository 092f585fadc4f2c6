package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Thresholded rectified linear unit, as tf.keras 2.x's {@code ThresholdedReLU}: {@code f(x) = x} for
 * {@code x > theta}, 0 otherwise. Default {@code theta} 1.0. Output shape = input shape.
 *
 * <pre>{@code
 * new ThresholdedReLU(0.5)
 * }</pre>
 */
public class ThresholdedReLU extends Layer {
  private final double theta;

  /** Creates the layer with theta 1. */
  public ThresholdedReLU() {
    this(1.0);
  }

  /**
   * Creates the layer.
   *
   * @param theta the threshold
   * @throws IllegalArgumentException if negative or NaN (Keras refuses them)
   */
  public ThresholdedReLU(double theta) {
    if (!(theta >= 0) || Double.isInfinite(theta)) {
      throw new IllegalArgumentException(
          "ThresholdedReLU: theta must be a finite number >= 0, but got theta=" + theta + ".");
    }
    this.theta = theta;
  }

  /** Returns the threshold. */
  public double theta() {
    return theta;
  }

  @Override
  public ThresholdedReLU name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public ThresholdedReLU inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return tf.math.mul(x, tf.dtypes.cast(tf.math.greater(x, tf.constant((float) theta)), TFloat32.class));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static ThresholdedReLU fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(
        new ThresholdedReLU(Configs.getDouble(config, "theta", "ThresholdedReLU", 1.0)), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("theta", theta);
    return config;
  }
}
