package io.github.keras4j.metrics;

import io.github.keras4j.losses.Loss;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A loss reported as a mean metric, e.g. {@code mean_absolute_error}, as Keras's {@code MeanMetricWrapper}. */
public final class MeanMetricWrapper extends Metric {
  private final Loss loss;

  /** Reports the mean of {@code loss} under {@code name}. */
  public MeanMetricWrapper(String name, Loss loss) {
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
