package io.github.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Both penalties, as Keras's {@code L1L2}: {@code l1 * sum(|x|) + l2 * sum(x^2)}. Defaults {@code l1 = 0},
 * {@code l2 = 0}. {@link L1} and {@link L2} are the one-term forms.
 *
 * <pre>{@code
 * new Dense(64).kernelRegularizer(new L1L2(1e-5, 1e-4));
 * }</pre>
 */
public class L1L2 implements Regularizer {
  private final double l1;
  private final double l2;

  /** Creates {@code L1L2(l1=0, l2=0)}, Keras's defaults (no penalty). */
  public L1L2() {
    this(0, 0);
  }

  /**
   * Creates the regularizer.
   *
   * @throws IllegalArgumentException if a factor is negative or not finite
   */
  public L1L2(double l1, double l2) {
    this.l1 = Regularizer.checkFactor(getClass().getSimpleName(), "l1", l1);
    this.l2 = Regularizer.checkFactor(getClass().getSimpleName(), "l2", l2);
  }

  /** Returns the L1 factor. */
  public double l1() {
    return l1;
  }

  /** Returns the L2 factor. */
  public double l2() {
    return l2;
  }

  @Override
  public String className() {
    return "L1L2";
  }

  @Override
  public Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> total = tf.constant(0f);
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    if (l1 != 0) {
      total = tf.math.add(total, tf.math.mul(tf.constant((float) l1), tf.sum(tf.math.abs(x), tf.constant(axes))));
    }
    if (l2 != 0) {
      total = tf.math.add(total, tf.math.mul(tf.constant((float) l2), tf.sum(tf.math.square(x), tf.constant(axes))));
    }
    return total;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("l1", l1);
    config.put("l2", l2);
    return config;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof L1L2 other && other.getClass() == getClass() && other.l1 == l1 && other.l2 == l2;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(l1) * 31 + Double.hashCode(l2);
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
