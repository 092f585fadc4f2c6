package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Squared hinge loss, as Keras's {@code SquaredHinge}: {@code mean(max(1 - y * p, 0)^2)}; labels in {0, 1}
 * are mapped to {-1, 1} first.
 *
 * <pre>{@code
 * model.compile(new Adam(), new SquaredHinge(), "mae");
 * }</pre>
 */
public class SquaredHinge extends Loss {
  /** Creates the loss. */
  public SquaredHinge() {
    super("squared_hinge");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> h = hingeMargin(tf, yTrue, yPred);
    return meanOverNonBatchAxes(tf, tf.math.mul(h, h));
  }
}
