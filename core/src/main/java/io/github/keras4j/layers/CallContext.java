package io.github.keras4j.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Layer#call} receives besides its input: the training flag, access to weight values and the masks
 * of the call's inputs ({@link #inputMask()}: Keras's {@code mask} argument of {@code call}).
 */
public interface CallContext {
  /** Returns true in the training flavour of the forward pass (Dropout active, BatchNormalization on batch stats). */
  boolean training();

  /** Returns the value of one of the layer's weights as a graph operand. */
  Operand<TFloat32> read(Weight weight);

  /** Returns a fresh seed for a random op (dropout masks), derived from the Keras session seed. */
  long nextSeed();

  /**
   * Registers an update that runs with every training step, e.g. BatchNormalization's moving averages
   * ({@code weight <- value}). Ignored in the inference flavour.
   */
  void addUpdate(Weight weight, Operand<TFloat32> newValue);

  /** Returns the mask of the (first) input of the current call, or null when the input carries none. */
  default Operand<TBool> inputMask() {
    return null;
  }

  /** Returns the masks of all inputs of the current call (null entries where an input has none). */
  default List<Operand<TBool>> inputMasks() {
    return java.util.Collections.emptyList();
  }
}
