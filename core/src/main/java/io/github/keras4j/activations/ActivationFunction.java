package io.github.keras4j.activations;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An element-wise (or, for softmax, last-axis) activation, as a function in {@code keras.activations}.
 *
 * <p>Implement it (or use {@link Activations#of}) to use a custom activation in {@code Dense.activation(...)};
 * the built-ins are in {@link Activations}; to make a custom activation loadable by name from configs, provide it
 * through an {@link ActivationProvider}.
 */
public interface ActivationFunction {
  /** Returns the Keras name, e.g. {@code relu}; saved in configs. */
  String name();

  /** Applies the activation to {@code x}. */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);
}
