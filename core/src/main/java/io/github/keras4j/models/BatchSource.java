package io.github.keras4j.models;

/**
 * Where {@code fit}, {@code evaluate} and {@code predict} take their batches from: in-memory arrays, a directory
 * iterator, an augmenting generator. The training loop only sees this interface.
 *
 * <p>A source yields {@link #steps()} batches per epoch; {@link #onEpochBegin(int)} lets it reshuffle. Batches are
 * read in step order from one thread; implementations may prefetch on others.
 */
public interface BatchSource {
  /** Returns the number of samples. */
  int size();

  /** Returns the number of samples per batch (the last batch may be smaller). */
  int batchSize();

  /** Returns the number of batches per epoch: {@code ceil(size / batchSize)}. */
  default int steps() {
    return (size() + batchSize() - 1) / batchSize();
  }

  /** Returns the shape of one input sample, without the batch dimension. */
  long[] sampleShape();

  /** Returns the number of label values per sample (1 for class indices), or 0 when the source has no labels. */
  int labelSize();

  /** Returns whether labels are integer class indices (one per sample). */
  boolean integerLabels();

  /** Called before each epoch (zero-based); a shuffling source draws a new order here. */
  void onEpochBegin(int epoch);

  /**
   * Called after the last batch of an epoch (or of an evaluate/predict pass) was read; a prefetching source stops
   * its background work here so that no threads outlive {@code fit}. The default does nothing.
   */
  default void onEpochEnd(int epoch) {}

  /**
   * Returns batch {@code step} of the current epoch.
   *
   * @throws IndexOutOfBoundsException if {@code step} is not in {@code [0, steps())}
   */
  Batch batch(int step);

  /**
   * One batch: {@code size} samples, inputs flattened row-major in {@code x}, labels in {@code y} ({@code null}
   * without labels). The arrays may be longer than needed and reused by the next call: read them before asking
   * for another batch.
   *
   * @param size the number of samples in this batch
   * @param x at least {@code size * prod(sampleShape)} input values
   * @param y at least {@code size * labelSize} label values, or {@code null}
   */
  record Batch(int size, float[] x, float[] y) {}
}
