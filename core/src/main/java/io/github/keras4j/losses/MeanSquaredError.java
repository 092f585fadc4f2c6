package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Mean squared error over the last axis, as Keras's {@code MeanSquaredError}: {@code mean((y - p)^2)}. */
public class MeanSquaredError extends Loss {
  /** Creates the loss. */
  public MeanSquaredError() {
    super("mean_squared_error");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> diff = tf.math.sub(yPred, yTrue);
    return meanOverNonBatchAxes(tf, tf.math.mul(diff, diff));
  }
}
