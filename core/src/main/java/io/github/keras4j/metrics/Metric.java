package io.github.keras4j.metrics;

import static java.util.Objects.requireNonNull;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A quantity reported during training and evaluation, as a Keras mean metric: the per-sample values are summed
 * in the graph at every step and divided by the number of samples seen, so the epoch's value is exact for any
 * batch size (Keras4J does not use TF Java's framework metrics, which are unreliable with dynamic batches).
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

  /** Returns the metric's value for each sample, shape {@code (batch,)}. */
  public abstract Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  @Override
  public String toString() {
    return name;
  }
}
