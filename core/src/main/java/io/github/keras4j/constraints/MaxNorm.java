package io.github.keras4j.constraints;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Caps the norm of each weight slice, as Keras's {@code MaxNorm}: with {@code n} the l2 norm along {@code axis},
 * {@code w * clip(n, 0, max_value) / (1e-7 + n)}. Defaults {@code max_value = 2}, {@code axis = 0} (each
 * output unit's incoming weights of a Dense kernel).
 */
public final class MaxNorm extends NormConstraint {
  private final double maxValue;

  /** Creates {@code MaxNorm(max_value=2, axis=0)}. */
  public MaxNorm() {
    this(2);
  }

  /** Creates {@code MaxNorm(max_value, axis=0)}. */
  public MaxNorm(double maxValue) {
    this(maxValue, 0);
  }

  /**
   * Creates the constraint.
   *
   * @throws IllegalArgumentException if {@code maxValue} is negative or not finite
   */
  public MaxNorm(double maxValue, int... axis) {
    super(axis);
    if (!(maxValue >= 0) || Double.isInfinite(maxValue)) {
      throw new IllegalArgumentException("MaxNorm: max_value must be >= 0, but got max_value=" + maxValue + ".");
    }
    this.maxValue = maxValue;
  }

  /** Returns the maximum norm. */
  public double maxValue() {
    return maxValue;
  }

  @Override
  public String className() {
    return "MaxNorm";
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> w) {
    Operand<TFloat32> norms = norms(tf, w);
    Operand<TFloat32> desired = tf.clipByValue(norms, tf.constant(0f), tf.constant((float) maxValue));
    return rescale(tf, w, desired, norms);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = newConfig();
    config.put("max_value", maxValue);
    return axisConfig(config);
  }
}
