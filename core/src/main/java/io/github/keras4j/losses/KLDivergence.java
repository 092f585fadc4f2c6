package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Kullback-Leibler divergence, as Keras's {@code KLDivergence}: with both clipped to {@code [1e-7, 1]},
 * {@code sum(y * log(y / p))} over the last axis.
 *
 * <pre>{@code
 * model.compile(new Adam(), new KLDivergence(), "mae");
 * }</pre>
 */
public class KLDivergence extends Loss {
  /** Creates the loss. */
  public KLDivergence() {
    super("kl_divergence");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> eps = tf.constant(EPSILON);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> y = tf.clipByValue(yTrue, eps, one);
    Operand<TFloat32> p = tf.clipByValue(yPred, eps, one);
    return meanOverNonBatchAxes(tf, tf.sum(tf.math.mul(y, tf.math.log(tf.math.div(y, p))), tf.constant(-1)));
  }
}
