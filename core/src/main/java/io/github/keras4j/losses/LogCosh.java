package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Logarithm of the hyperbolic cosine of the error, as Keras's {@code LogCosh}:
 * {@code mean(log(cosh(p - y)))}, computed stably as {@code x + softplus(-2x) - log(2)}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new LogCosh(), "mae");
 * }</pre>
 */
public class LogCosh extends Loss {
  /** Creates the loss. */
  public LogCosh() {
    super("log_cosh");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> x = tf.math.sub(yPred, yTrue);
    Operand<TFloat32> value = tf.math.sub(
        tf.math.add(x, tf.math.softplus(tf.math.mul(tf.constant(-2f), x))), tf.constant((float) Math.log(2)));
    return meanOverNonBatchAxes(tf, value);
  }
}
