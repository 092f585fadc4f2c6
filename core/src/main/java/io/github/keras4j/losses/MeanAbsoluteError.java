package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Mean absolute error over the last axis, as Keras's {@code MeanAbsoluteError}: {@code mean(|y - p|)}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new MeanAbsoluteError(), "mae");
 * }</pre>
 */
public class MeanAbsoluteError extends Loss {
  /** Creates the loss. */
  public MeanAbsoluteError() {
    super("mean_absolute_error");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return meanOverNonBatchAxes(tf, tf.math.abs(tf.math.sub(yPred, yTrue)));
  }
}
