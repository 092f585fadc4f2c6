package io.github.keras4j.backend;

import io.github.keras4j.layers.Weight;

/**
 * Internal: something that holds the live value of weights (a compiled program's session). While a weight has
 * a store, the store holds its truth; see {@link Weight}.
 */
public interface WeightStore {
  /** Reads the current value of {@code weight}. */
  float[] read(Weight weight);

  /** Overwrites the value of {@code weight}. */
  void write(Weight weight, float[] values);
}
