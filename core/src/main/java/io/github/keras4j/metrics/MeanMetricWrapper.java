package io.github.keras4j.metrics;

import io.github.keras4j.losses.Loss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A loss (or any per-sample function) reported as a metric, e.g. {@code mean_squared_error}. */
final class MeanMetricWrapper extends Metric {
  private final Loss loss;

  MeanMetricWrapper(String name, Loss loss) {
    super(name);
    this.loss = loss;
  }

  @Override
  public boolean sparseLabels() {
    return loss.sparseLabels();
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return loss.perSample(tf, yTrue, yPred);
  }
}
