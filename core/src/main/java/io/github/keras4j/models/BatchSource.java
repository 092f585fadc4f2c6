package io.github.keras4j.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code fit}, {@code evaluate} and {@code predict} take their batches from: in-memory arrays, a directory
 * iterator, an augmenting generator. The training loop only sees this interface.
 *
 * <p>A source yields {@link #steps()} batches per epoch; {@link #onEpochBegin(int)} lets it reshuffle. Batches are
 * read in step order from one thread; implementations may prefetch on others.
 *
 * <p>A source for a model with several inputs and/or outputs overrides {@link #sampleShapes()} and
 * {@link #labelSizes()} and returns batches with one array per input and per output (see
 * {@link Batch#Batch(int, List, List)}); {@link #sampleShape()} and {@link #labelSize()} then describe the first
 * input and output.
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

  /**
   * Returns the sample shape of each input, in the model's input order; the default is {@link #sampleShape()}
   * alone.
   */
  default List<long[]> sampleShapes() {
    return List.of(sampleShape());
  }

  /**
   * Returns the number of label values per sample of each output, in the model's output order, or an empty list
   * when the source has no labels; the default is {@link #labelSize()} alone.
   */
  default List<Integer> labelSizes() {
    int size = labelSize();
    return size == 0 ? List.of() : List.of(size);
  }

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
   * One batch: {@code size} samples, each input flattened row-major in {@code xs} (one array per model input),
   * labels in {@code ys} (one array per model output; {@code null} without labels). The arrays may be longer
   * than needed and reused by the next call: read them before asking for another batch.
   *
   * @param size the number of samples in this batch
   * @param xs per input, at least {@code size * prod(sampleShape)} values
   * @param ys per output, at least {@code size * labelSize} label values, or {@code null}
   */
  record Batch(int size, List<float[]> xs, List<float[]> ys) {
    /** Checks and copies the lists (the arrays themselves are not copied). */
    public Batch {
      if (xs == null || xs.isEmpty() || hasNull(xs)) {
        throw new IllegalArgumentException("Batch: xs must hold one non-null array per input.");
      }
      xs = List.copyOf(xs);
      if (ys != null) {
        if (hasNull(ys)) {
          throw new IllegalArgumentException("Batch: ys must not contain null arrays.");
        }
        ys = List.copyOf(ys);
      }
    }

    /**
     * Creates a batch for a model with one input and one output.
     *
     * @param x at least {@code size * prod(sampleShape)} input values
     * @param y at least {@code size * labelSize} label values, or {@code null}
     */
    public Batch(int size, float[] x, float[] y) {
      this(size, single(x), y == null ? null : List.of(y));
    }

    private static boolean hasNull(List<float[]> arrays) {
      for (float[] a : arrays) {
        if (a == null) {
          return true;
        }
      }
      return false;
    }

    private static List<float[]> single(float[] x) {
      List<float[]> xs = new ArrayList<>(1);
      xs.add(x);
      return xs;
    }

    /** Returns the first (for a single-input model, the only) input array. */
    public float[] x() {
      return xs.get(0);
    }

    /** Returns the first (for a single-output model, the only) label array, or {@code null} without labels. */
    public float[] y() {
      return ys == null || ys.isEmpty() ? null : ys.get(0);
    }
  }
}
