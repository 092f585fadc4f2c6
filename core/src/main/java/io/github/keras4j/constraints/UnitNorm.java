package io.github.keras4j.constraints;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Scales each weight slice to unit norm, as Keras's {@code UnitNorm}: {@code w / (1e-7 + n)}; default axis 0. */
public final class UnitNorm extends NormConstraint {
  /** Creates {@code UnitNorm(axis=0)}. */
  public UnitNorm() {
    this(0);
  }

  /** Creates the constraint over these axes. */
  public UnitNorm(int... axis) {
    super(axis);
  }

  @Override
  public String className() {
    return "UnitNorm";
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> w) {
    return tf.math.div(w, tf.math.add(tf.constant(EPSILON), norms(tf, w)));
  }

  @Override
  public Map<String, Object> getConfig() {
    return axisConfig(newConfig());
  }
}
