package io.github.keras4j.constraints;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keeps each weight slice's norm between two bounds, as Keras's {@code MinMaxNorm}: with {@code n} the l2 norm along
 * {@code axis}, {@code desired = rate * clip(n, min_value, max_value) + (1 - rate) * n} and
 * {@code w * desired / (1e-7 + n)}. Defaults {@code min_value = 0}, {@code max_value = 1}, {@code rate = 1},
 * {@code axis = 0}.
 */
public final class MinMaxNorm extends NormConstraint {
  private final double minValue;
  private final double maxValue;
  private final double rate;

  /** Creates {@code MinMaxNorm(0, 1, rate=1, axis=0)}. */
  public MinMaxNorm() {
    this(0, 1, 1, 0);
  }

  /**
   * Creates the constraint.
   *
   * @throws IllegalArgumentException unless {@code 0 <= minValue <= maxValue} and {@code rate} is in [0, 1]
   */
  public MinMaxNorm(double minValue, double maxValue, double rate, int... axis) {
    super(axis);
    if (!(minValue >= 0) || !(maxValue >= minValue) || Double.isInfinite(maxValue)) {
      throw new IllegalArgumentException("MinMaxNorm: need 0 <= min_value <= max_value, but got min_value="
          + minValue + ", max_value=" + maxValue + ".");
    }
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("MinMaxNorm: rate must be in [0, 1], but got rate=" + rate + ".");
    }
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.rate = rate;
  }

  @Override
  public String className() {
    return "MinMaxNorm";
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> w) {
    Operand<TFloat32> norms = norms(tf, w);
    Operand<TFloat32> clipped = tf.clipByValue(norms, tf.constant((float) minValue), tf.constant((float) maxValue));
    Operand<TFloat32> desired =
        tf.math.add(tf.math.mul(tf.constant((float) rate), clipped), tf.math.mul(tf.constant((float) (1 - rate)), norms));
    return rescale(tf, w, desired, norms);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = newConfig();
    config.put("min_value", minValue);
    config.put("max_value", maxValue);
    config.put("rate", rate);
    return axisConfig(config);
  }
}
