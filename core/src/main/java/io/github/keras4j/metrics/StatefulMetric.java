package io.github.keras4j.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A metric whose value is not a mean of per-sample values (Precision, Recall, AUC, F1Score, RMSE): subclasses
 * define the state summed over the epoch ({@link #batchState}) and the value computed from it ({@link #result}).
 */
public abstract class StatefulMetric extends Metric {
  /** Creates a metric reported under {@code name}. */
  protected StatefulMetric(String name) {
    super(name);
  }

  /**
   * Not defined for a stateful metric: its value exists only for the whole epoch.
   *
   * @throws IllegalStateException always, naming the metric
   */
  @Override
  public final Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    throw new IllegalStateException(
        name() + " has no per-sample value; it is computed from its state over the epoch (batchState, result).");
  }

  @Override
  public abstract Operand<TFloat32> batchState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  @Override
  public abstract double result(double[] state, long samples);

  /** Keras's {@code divide_no_nan}: {@code a / b}, 0 when {@code b} is 0. */
  static double divideNoNan(double a, double b) {
    return b == 0 ? 0.0 : a / b;
  }

  /** Flattens to one column of elements. */
  static Operand<TFloat32> flat(Ops tf, Operand<TFloat32> x) {
    return tf.reshape(x, tf.constant(new long[] {-1}));
  }

  static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
    return tf.sum(flat(tf, x), tf.constant(0));
  }
}
