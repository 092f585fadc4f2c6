package io.github.keras4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Layer#call} receives besides its input: the training flag and access to weight values.
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
}
