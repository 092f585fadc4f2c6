package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Poisson loss, as Keras's {@code Poisson}: {@code mean(p - y * log(p + 1e-7))}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new Poisson(), "mae");
 * }</pre>
 */
public class Poisson extends Loss {
  /** Creates the loss. */
  public Poisson() {
    super("poisson");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return meanOverNonBatchAxes(tf,
        tf.math.sub(yPred, tf.math.mul(yTrue, tf.math.log(tf.math.add(yPred, tf.constant(EPSILON))))));
  }
}
