package io.github.keras4j.regularizers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A penalty on a weight or a layer's output added to the training loss, as Keras's
 * {@code keras.regularizers.Regularizer}: {@code loss = compiled loss + sum of every regularizer's penalty}.
 *
 * <p>Set one on a layer ({@code new Dense(64).kernelRegularizer(new L2(0.01))}) or read it from a Keras config
 * ({@code "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.01}}}). Custom regularizers implement
 * {@link #penalty} and {@link #getConfig} and are serialized under {@link #className()}.
 */
public interface Regularizer {
  /** Returns the Keras class name, e.g. {@code L2}. */
  String className();

  /** Returns the scalar penalty for {@code x} (a weight's value or a layer's output). */
  Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> x);

  /** Returns the Keras config, e.g. {@code {"l2": 0.01}}. */
  Map<String, Object> getConfig();

  /** Checks a regularization factor: finite and {@code >= 0}. */
  static double checkFactor(String owner, String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          owner + ": " + key + " must be a finite number >= 0, but got " + key + "=" + value + ".");
    }
    return value;
  }
}
