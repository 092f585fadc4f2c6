package io.github.keras4j.optimizers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What Adam, Adamax and Nadam share: Keras's {@code beta_1}, {@code beta_2} and {@code epsilon} (checked, readable,
 * in the config) and the moment updates {@code m = beta1 * m + (1 - beta1) * g} and
 * {@code v = beta2 * v + (1 - beta2) * g^2}.
 */
abstract class MomentOptimizer extends Optimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;

  /**
   * Creates the optimizer named {@code name}.
   *
   * @throws IllegalArgumentException if a beta is outside {@code [0, 1)} or epsilon is negative
   */
  MomentOptimizer(String name, double learningRate, double beta1, double beta2, double epsilon) {
    super(name, learningRate);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          name + ": beta_1 and beta_2 must be in [0, 1), but got beta_1=" + beta1 + ", beta_2=" + beta2 + ".");
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException(name + ": epsilon must be >= 0, but got epsilon=" + epsilon + ".");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** Returns beta_1. */
  public double beta1() {
    return beta1;
  }

  /** Returns beta_2. */
  public double beta2() {
    return beta2;
  }

  /** Returns epsilon. */
  public double epsilon() {
    return epsilon;
  }

  /** Assigns and returns the first moment {@code m = beta1 * m + (1 - beta1) * g}. */
  final Operand<TFloat32> updateFirstMoment(Ops tf, Operand<TFloat32> m, Operand<TFloat32> g) {
    Operand<TFloat32> b1 = tf.constant((float) beta1);
    return tf.assign(m, tf.math.add(tf.math.mul(b1, m), tf.math.mul(tf.math.sub(tf.constant(1f), b1), g)));
  }

  /** Assigns and returns the second moment {@code v = beta2 * v + (1 - beta2) * g^2}. */
  final Operand<TFloat32> updateSecondMoment(Ops tf, Operand<TFloat32> v, Operand<TFloat32> g) {
    Operand<TFloat32> b2 = tf.constant((float) beta2);
    return tf.assign(v,
        tf.math.add(tf.math.mul(b2, v), tf.math.mul(tf.math.sub(tf.constant(1f), b2), tf.math.square(g))));
  }

  /** Puts {@code beta_1}, {@code beta_2} and {@code epsilon} into the config, in that order; returns it. */
  final Map<String, Object> putMoments(Map<String, Object> config) {
    config.put("beta_1", beta1);
    config.put("beta_2", beta2);
    config.put("epsilon", epsilon);
    return config;
  }
}
