package io.github.keras4j.constraints;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A projection applied to a weight after every optimizer update, as Keras's {@code keras.constraints.Constraint}:
 * {@code w <- constraint(w)}.
 *
 * <pre>{@code
 * new Dense(64).kernelConstraint(new MaxNorm(3));
 * }</pre>
 */
public interface Constraint {
  /** Returns the Keras class name, e.g. {@code MaxNorm}. */
  String className();

  /** Returns the projected weight, shaped like {@code w}. */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> w);

  /** Returns the Keras config, e.g. {@code {"max_value": 2, "axis": 0}}. */
  Map<String, Object> getConfig();
}
