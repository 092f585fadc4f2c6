package io.github.keras4j.layers.internal;

import io.github.keras4j.layers.Weight;

/**
 * Not API: something that holds the live value of weights (a compiled program's session). While a weight has a
 * store, the store holds its truth; see {@link Weight} and {@link LayerInternals#adopt}.
 *
 * <p>Lives beside {@code layers} because the weight owns the concept: {@code backend}'s program implements it, so the
 * arrow points from {@code backend} to {@code layers} only. Not for application code; may change in any release.
 */
public interface WeightStore {
  /** Reads the current value of {@code weight}. */
  float[] read(Weight weight);

  /** Overwrites the value of {@code weight}. */
  void write(Weight weight, float[] values);
}
