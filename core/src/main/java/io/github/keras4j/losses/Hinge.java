package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Hinge loss, as Keras's {@code Hinge}: {@code mean(max(1 - y * p, 0))}; labels in {0, 1} are mapped to
 * {-1, 1} first, as Keras does.
 *
 * <pre>{@code
 * model.compile(new Adam(), new Hinge(), "mae");
 * }</pre>
 */
public class Hinge extends Loss {
  /** Creates the loss. */
  public Hinge() {
    super("hinge");
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    return meanOverNonBatchAxes(tf, hingeMargin(tf, yTrue, yPred));
  }
}
