package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Rectified linear unit, as Keras's {@code ReLU} layer: {@code f(x) = maxValue} for {@code x >= maxValue},
 * {@code x} for {@code threshold <= x < maxValue}, {@code negativeSlope * (x - threshold)} otherwise.
 * Defaults: no max value, slope 0, threshold 0. {@code new ReLU(6.0)} is MobileNet's ReLU6.
 */
public class ReLU extends Layer {
  private final Double maxValue;
  private double negativeSlope;
  private double threshold;

  /** Creates a plain ReLU. */
  public ReLU() {
    this.maxValue = null;
  }

  /**
   * Creates a ReLU capped at {@code maxValue}.
   *
   * @throws IllegalArgumentException if negative
   */
  public ReLU(double maxValue) {
    if (!(maxValue >= 0)) {
      throw new IllegalArgumentException("ReLU: maxValue must be >= 0, but got maxValue=" + maxValue + ".");
    }
    this.maxValue = maxValue;
  }

  /** Returns the cap, or {@code null}. */
  public Double maxValue() {
    return maxValue;
  }

  /** Returns the slope below the threshold. */
  public double negativeSlope() {
    return negativeSlope;
  }

  /**
   * Sets the slope below the threshold; default 0.
   *
   * @throws IllegalArgumentException if negative
   */
  public ReLU negativeSlope(double slope) {
    checkNotBuilt("negativeSlope");
    if (!(slope >= 0)) {
      throw new IllegalArgumentException("ReLU: negativeSlope must be >= 0, but got negativeSlope=" + slope + ".");
    }
    this.negativeSlope = slope;
    return this;
  }

  /** Returns the threshold. */
  public double threshold() {
    return threshold;
  }

  /** Sets the threshold below which values are damped; default 0. */
  public ReLU threshold(double threshold) {
    checkNotBuilt("threshold");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("ReLU: threshold must be a number, but got threshold=NaN.");
    }
    this.threshold = threshold;
    return this;
  }

  @Override
  public ReLU name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public ReLU inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (negativeSlope == 0 && threshold == 0) {
      if (maxValue == null) {
        return tf.nn.relu(x);
      }
      if (maxValue == 6.0) {
        return tf.nn.relu6(x);
      }
      return tf.math.minimum(tf.nn.relu(x), tf.constant(maxValue.floatValue()));
    }
    Operand<TFloat32> t = tf.constant((float) threshold);
    Operand<TFloat32> positive =
        threshold != 0
            ? tf.math.mul(x, tf.dtypes.cast(tf.math.greater(x, t), TFloat32.class))
            : tf.nn.relu(x);
    if (maxValue != null) {
      positive = tf.clipByValue(positive, tf.constant(0f), tf.constant(maxValue.floatValue()));
    }
    if (negativeSlope != 0) {
      Operand<TFloat32> negative = tf.nn.relu(tf.math.sub(t, x));
      positive = tf.math.sub(positive, tf.math.mul(tf.constant((float) negativeSlope), negative));
    }
    return positive;
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static ReLU fromConfig(Map<String, Object> config) {
    Object max = config.get("max_value");
    ReLU layer = max instanceof Number n ? new ReLU(n.doubleValue()) : new ReLU();
    layer.negativeSlope(Configs.getDouble(config, "negative_slope", "ReLU", 0.0));
    layer.threshold(Configs.getDouble(config, "threshold", "ReLU", 0.0));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("max_value", maxValue);
    config.put("negative_slope", negativeSlope);
    config.put("threshold", threshold);
    return config;
  }
}
