package io.github.keras4j.metrics;

import static java.util.Objects.requireNonNull;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * A quantity reported during training and evaluation, computed exactly over the epoch as Keras's stateful metrics:
 * every step adds the batch's {@link #batchState} (a vector of sums, e.g. Precision's true and false positives) to
 * the epoch's state, and {@link #result} turns the state into the value logged. A mean metric (accuracy, MAE)
 * keeps the sum of its per-sample values and divides by the number of samples seen, so the epoch's value is exact
 * for any batch size (Keras4J does not use TF Java's framework metrics, which are unreliable with dynamic batches).
 *
 * <p>Implement {@link #perSample} for a mean metric, or override {@link #batchState} and {@link #result} for a
 * metric with other state.
 */
public abstract class Metric {
  private final String name;

  /** Creates a metric reported under {@code name} (e.g. {@code accuracy}). */
  protected Metric(String name) {
    this.name = requireNonNull(name, "name");
  }

  /** Returns the name logged in history and progress output. */
  public String name() {
    return name;
  }

  /** Returns whether labels are class indices (one per sample). */
  public boolean sparseLabels() {
    return false;
  }

  /** Returns the metric's value for each sample, shape {@code (batch,)}, for a mean metric. */
  public abstract Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /**
   * Returns the batch's contribution to the metric's state: a 1-D vector of known size whose elements are summed
   * over the epoch. The default is {@code [sum of perSample]}.
   */
  public Operand<TFloat32> batchState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> values = perSample(tf, yTrue, yPred);
    int rank = values.shape().numDimensions();
    if (rank > 1) { // a sequence output (batch, steps, …): Keras averages over every element of a sample
      int[] axes = new int[rank - 1];
      for (int i = 1; i < rank; i++) {
        axes[i - 1] = i;
      }
      values = tf.math.mean(values, tf.constant(axes));
    }
    return tf.sum(values, tf.constant(0), Sum.keepDims(true)); // shape (1,): one op, no reshape
  }

  /**
   * Returns the metric's value from the epoch's summed state and the number of samples seen. The default is the
   * mean {@code state[0] / samples} (0 before any sample).
   */
  public double result(double[] state, long samples) {
    return samples == 0 ? 0.0 : state[0] / samples;
  }

  @Override
  public String toString() {
    return name;
  }
}
