package io.github.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Zeroes negative weights, as Keras's {@code NonNeg}: {@code w * (w >= 0)}. */
public final class NonNeg implements Constraint {
  /** Creates the constraint. */
  public NonNeg() {}

  @Override
  public String className() {
    return "NonNeg";
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> w) {
    return tf.math.mul(w, tf.dtypes.cast(tf.math.greaterEqual(w, tf.constant(0f)), TFloat32.class));
  }

  @Override
  public Map<String, Object> getConfig() {
    return new LinkedHashMap<>();
  }

  @Override
  public String toString() {
    return "NonNeg{}";
  }
}
