package io.github.keras4j.data;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.BatchSource;
import java.util.Random;

/**
 * Sliding windows over a series, as Keras's {@code keras.utils.timeseries_dataset_from_array}; a
 * {@link BatchSource} for {@code fit}, {@code evaluate} and {@code predict}.
 *
 * <p>Window {@code k} starts at row {@code startIndex + k·sequenceStride} and takes {@code sequenceLength} rows
 * spaced by {@code samplingRate}; its target is {@code targets[startIndex + k·sequenceStride]} (the row the window
 * starts at, Keras's convention: pass {@code targets} shifted by the horizon to forecast). There are
 * {@code ceil(n / sequenceStride)} windows with {@code n = endIndex - startIndex - (sequenceLength - 1)·samplingRate}
 * (at most {@code targets.length}), batched by {@code batchSize}. {@code shuffle(true)} visits the windows in a new
 * random order each epoch, seeded by {@code seed} (Keras shuffles with NumPy and tf.data, whose order is not
 * reproduced).
 *
 * <p>Defaults as Keras: sequenceStride 1, samplingRate 1, batchSize 128, shuffle false, startIndex 0, endIndex the
 * number of rows (exclusive).
 *
 * <pre>{@code
 * // the past 10 steps predict the next one
 * TimeseriesDataset ds = TimeseriesDataset.fromArray(Arrays.copyOf(x, n - 10), Arrays.copyOfRange(y, 10, n), 10)
 *     .batchSize(32).shuffle(true).seed(7);
 * }</pre>
 */
public final class TimeseriesDataset implements BatchSource {
  private static final String WHO = "timeseriesDatasetFromArray";

  private final float[][] data;
  private final float[][] targets;
  private final int sequenceLength;
  private int sequenceStride = 1;
  private int samplingRate = 1;
  private int batchSize = 128;
  private boolean shuffle;
  private long seed;
  private Integer startIndex;
  private Integer endIndex;
  private int[] order;

  private TimeseriesDataset(float[][] data, float[][] targets, int sequenceLength) {
    this.data = data;
    this.targets = targets;
    if (sequenceLength <= 0) {
      throw new IllegalArgumentException(
          WHO + ": sequenceLength must be positive, but got sequenceLength=" + sequenceLength + ".");
    }
    this.sequenceLength = sequenceLength;
  }

  /**
   * Windows over multivariate data; {@code targets} may be {@code null} (then batches carry no labels).
   *
   * @throws IllegalArgumentException if a series is empty or ragged, or {@code sequenceLength} is not positive
   */
  public static TimeseriesDataset fromArray(float[][] data, float[][] targets, int sequenceLength) {
    return new TimeseriesDataset(
        Windows.rows(WHO, "data", data), targets == null ? null : Windows.rows(WHO, "targets", targets),
        sequenceLength);
  }

  /** Windows over a univariate series (samples {@code (sequenceLength, 1)}); {@code targets} may be null. */
  public static TimeseriesDataset fromArray(float[] data, float[] targets, int sequenceLength) {
    return fromArray(Windows.column(requireNonNull(data, "data")),
        targets == null ? null : Windows.column(targets), sequenceLength);
  }

  /** Sets the period between successive windows (default 1). */
  public TimeseriesDataset sequenceStride(int sequenceStride) {
    this.sequenceStride = positiveBelowLength("sequenceStride", sequenceStride);
    return changed();
  }

  /** Sets the period between the rows of a window (default 1). */
  public TimeseriesDataset samplingRate(int samplingRate) {
    this.samplingRate = positiveBelowLength("samplingRate", samplingRate);
    return changed();
  }

  /** Sets the number of windows per batch (default 128). */
  public TimeseriesDataset batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(WHO + ": batchSize must be positive, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /** Visits the windows in a random order, new each epoch (default false). */
  public TimeseriesDataset shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return changed();
  }

  /** Sets the shuffling seed (default 0). */
  public TimeseriesDataset seed(long seed) {
    this.seed = seed;
    return changed();
  }

  /** Sets the first row windows may use (default 0). */
  public TimeseriesDataset startIndex(int startIndex) {
    if (startIndex < 0 || startIndex >= data.length) {
      throw new IllegalArgumentException(
          WHO + ": startIndex must be in [0, " + (data.length - 1) + "] for data of " + data.length
              + " rows, but got startIndex=" + startIndex + ".");
    }
    this.startIndex = startIndex;
    return changed();
  }

  /** Sets the row after the last one windows may use (exclusive; default the number of rows). */
  public TimeseriesDataset endIndex(int endIndex) {
    if (endIndex <= 0 || endIndex > data.length) {
      throw new IllegalArgumentException(
          WHO + ": endIndex must be in [1, " + data.length + "] for data of " + data.length
              + " rows, but got endIndex=" + endIndex + ".");
    }
    this.endIndex = endIndex;
    return changed();
  }

  private int positiveBelowLength(String what, int v) {
    if (v <= 0 || v >= data.length) {
      throw new IllegalArgumentException(
          WHO + ": " + what + " must be in [1, " + (data.length - 1) + "] for data of " + data.length
              + " rows, but got " + what + "=" + v + ".");
    }
    return v;
  }

  private TimeseriesDataset changed() {
    order = null;
    return this;
  }

  private int start() {
    return startIndex == null ? 0 : startIndex;
  }

  private int end() {
    return endIndex == null ? data.length : endIndex;
  }

  /** Returns the number of window start positions {@code n} before striding (see the class comment). */
  private int positions() {
    int n = end() - start() - (sequenceLength - 1) * samplingRate;
    if (targets != null) {
      n = Math.min(n, targets.length - start()); // Keras takes min(n, len(targets)); this also keeps rows in range
    }
    return n;
  }

  /** Returns the start offsets (relative to startIndex) in visiting order. */
  private int[] order() {
    if (order == null) {
      int n = positions();
      if (n <= 0 || start() >= end()) {
        throw new IllegalArgumentException(
            WHO + ": no window fits: rows [" + start() + ", " + end() + ") hold " + (end() - start())
                + " timesteps, but one window of sequenceLength=" + sequenceLength + " with samplingRate="
                + samplingRate + " spans " + ((sequenceLength - 1) * samplingRate + 1) + ".");
      }
      int count = (n + sequenceStride - 1) / sequenceStride;
      order = new int[count];
      for (int k = 0; k < count; k++) {
        order[k] = k * sequenceStride;
      }
    }
    return order;
  }

  @Override
  public int size() {
    return order().length;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long[] sampleShape() {
    return new long[] {sequenceLength, data[0].length};
  }

  @Override
  public int labelSize() {
    return targets == null ? 0 : targets[0].length;
  }

  @Override
  public boolean integerLabels() {
    return false;
  }

  @Override
  public void onEpochBegin(int epoch) {
    int[] positions = order();
    java.util.Arrays.sort(positions);
    if (shuffle) {
      Random random = new Random(seed * 1_000_003L + epoch);
      for (int i = positions.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = positions[i];
        positions[i] = positions[j];
        positions[j] = t;
      }
    }
  }

  @Override
  public Batch batch(int step) {
    int[] positions = order();
    if (step < 0 || step >= steps()) {
      throw new IndexOutOfBoundsException(WHO + ": batch index " + step + " is out of range [0, " + steps() + ").");
    }
    int from = step * batchSize;
    int count = Math.min(batchSize, positions.length - from);
    int[] first = new int[count];
    for (int b = 0; b < count; b++) {
      first[b] = start() + positions[from + b];
    }
    return Windows.batch(data, targets, first, first, sequenceLength, samplingRate, false);
  }

  /** Returns batch {@code step} of the current order as arrays. */
  public TimeseriesBatch get(int step) {
    Batch batch = batch(step);
    return new TimeseriesBatch(
        Windows.samples(batch, sequenceLength, data[0].length), targets == null ? null
            : Windows.labels(batch, targets[0].length));
  }
}
