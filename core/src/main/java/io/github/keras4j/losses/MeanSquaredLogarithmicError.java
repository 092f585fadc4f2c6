package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Mean squared logarithmic error, as Keras's {@code MeanSquaredLogarithmicError}:
 * {@code mean((log(max(p, 1e-7) + 1) - log(max(y, 1e-7) + 1))^2)}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new MeanSquaredLogarithmicError(), "mae");
 * }</pre>
 */
public class MeanSquaredLogarithmicError extends Loss {
  /** Creates the loss. */
  public MeanSquaredLogarithmicError() {
    super("mean_squared_logarithmic_error");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> eps = tf.constant(EPSILON);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> a = tf.math.log(tf.math.add(tf.math.maximum(yPred, eps), one));
    Operand<TFloat32> b = tf.math.log(tf.math.add(tf.math.maximum(yTrue, eps), one));
    Operand<TFloat32> d = tf.math.sub(a, b);
    return meanOverNonBatchAxes(tf, tf.math.mul(d, d));
  }
}
