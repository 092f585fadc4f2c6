package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Categorical hinge loss, as Keras's {@code CategoricalHinge}: with {@code pos = sum(y * p)} and
 * {@code neg = max((1 - y) * p)} over the last axis, {@code max(neg - pos + 1, 0)}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new CategoricalHinge(), "mae");
 * }</pre>
 */
public class CategoricalHinge extends Loss {
  /** Creates the loss. */
  public CategoricalHinge() {
    super("categorical_hinge");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> pos = tf.sum(tf.math.mul(yTrue, yPred), tf.constant(-1));
    Operand<TFloat32> neg = tf.max(tf.math.mul(tf.math.sub(tf.constant(1f), yTrue), yPred), tf.constant(-1));
    return meanOverNonBatchAxes(tf,
        tf.math.maximum(tf.math.add(tf.math.sub(neg, pos), tf.constant(1f)), tf.constant(0f)));
  }
}
