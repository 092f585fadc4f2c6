package io.github.keras4j.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/** The shared part of the norm constraints: the l2 norm of {@code w} along {@code axis}, kept for broadcasting. */
abstract class NormConstraint implements Constraint {
  /** Keras's {@code backend.epsilon()}. */
  static final float EPSILON = 1e-7f;

  private final int[] axis;

  NormConstraint(int... axis) {
    this.axis = axis.clone();
  }

  /** Returns the axes the norm is taken over. */
  public int[] axis() {
    return axis.clone();
  }

  Operand<TFloat32> norms(Ops tf, Operand<TFloat32> w) {
    int rank = w.shape().numDimensions();
    for (int a : axis) {
      if (a >= rank || a < -rank) {
        throw new IllegalArgumentException(
            className() + ": axis=" + a + " is out of range for a weight of shape " + w.shape() + ".");
      }
    }
    return tf.math.sqrt(tf.sum(tf.math.square(w), tf.constant(axis), Sum.keepDims(true)));
  }

  /** Returns {@code w * desired / (epsilon + norms)}. */
  static Operand<TFloat32> rescale(Ops tf, Operand<TFloat32> w, Operand<TFloat32> desired, Operand<TFloat32> norms) {
    return tf.math.mul(w, tf.math.div(desired, tf.math.add(tf.constant(EPSILON), norms)));
  }

  Map<String, Object> axisConfig(Map<String, Object> config) {
    config.put("axis", axis.length == 1 ? (Object) axis[0] : java.util.Arrays.stream(axis).boxed().toList());
    return config;
  }

  static Map<String, Object> newConfig() {
    return new LinkedHashMap<>();
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
