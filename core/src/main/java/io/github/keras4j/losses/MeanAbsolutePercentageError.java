package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Mean absolute percentage error, as Keras's {@code MeanAbsolutePercentageError}:
 * {@code 100 * mean(|(y - p) / max(|y|, 1e-7)|)}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new MeanAbsolutePercentageError(), "mae");
 * }</pre>
 */
public class MeanAbsolutePercentageError extends Loss {
  /** Creates the loss. */
  public MeanAbsolutePercentageError() {
    super("mean_absolute_percentage_error");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> denom = tf.math.maximum(tf.math.abs(yTrue), tf.constant(EPSILON));
    Operand<TFloat32> ratio = tf.math.abs(tf.math.div(tf.math.sub(yTrue, yPred), denom));
    return tf.math.mul(tf.constant(100f), meanOverNonBatchAxes(tf, ratio));
  }
}
