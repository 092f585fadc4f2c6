package io.github.keras4j.data;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.BatchSource;
import java.util.SplittableRandom;

/**
 * Batches of temporal windows for forecasting, as Keras's {@code keras.preprocessing.sequence.TimeseriesGenerator};
 * a {@link BatchSource}, so {@code model.fit(generator, options)} trains on it directly.
 *
 * <p>The sample that ends before row {@code i} is {@code data[i - length : i : samplingRate]} (so
 * {@code ceil(length / samplingRate)} steps) and its target is {@code targets[i]}, for {@code i} from
 * {@code startIndex + length} to {@code endIndex} (default the last row) by {@code stride}. Batch {@code k} holds
 * the next {@code batchSize} such samples; {@link #size()} is their number and {@link #steps()} equals Keras's
 * {@code len(generator)}. With {@code shuffle(true)} every batch instead draws {@code batchSize} rows at random
 * (with replacement, as Keras), seeded by {@link #seed(long)} and drawn anew each epoch; {@code reverse(true)}
 * returns each window in reverse time order.
 *
 * <p>Defaults as Keras: samplingRate 1, stride 1, startIndex 0, endIndex last row, shuffle false, reverse false,
 * batchSize 128. Multivariate data gives samples {@code (steps, features)}; a univariate {@code float[]} series
 * gives samples {@code (steps)}, as NumPy 1-D data does in Keras.
 *
 * <pre>{@code
 * TimeseriesGenerator gen = new TimeseriesGenerator(series, series, 12).batchSize(16);   // 12 months → next
 * model.fit(gen, new FitOptions().epochs(50));
 * }</pre>
 */
public final class TimeseriesGenerator implements BatchSource {
  private static final String WHO = "TimeseriesGenerator";

  private final float[][] data;
  private final float[][] targets;
  private final boolean univariate;
  private final int length;
  private int samplingRate = 1;
  private int stride = 1;
  private int startIndex;
  private Integer endIndex;
  private boolean shuffle;
  private boolean reverse;
  private int batchSize = 128;
  private long seed;
  private int epoch;

  /**
   * Creates a generator over a multivariate series.
   *
   * @param data one row of features per timestep
   * @param targets one row of target values per timestep, as many as {@code data}
   * @param length how many timesteps before the target each window spans
   * @throws IllegalArgumentException if the lengths differ, a series is ragged or empty, or {@code length} is not
   *     positive
   */
  public TimeseriesGenerator(float[][] data, float[][] targets, int length) {
    this(Windows.rows(WHO, "data", data), Windows.rows(WHO, "targets", targets), length, false);
  }

  /** Creates a generator over a univariate series (samples of shape {@code (steps)}, scalar targets). */
  public TimeseriesGenerator(float[] data, float[] targets, int length) {
    this(Windows.rows(WHO, "data", Windows.column(data)), Windows.rows(WHO, "targets", Windows.column(targets)),
        length, true);
  }

  private TimeseriesGenerator(float[][] data, float[][] targets, int length, boolean univariate) {
    if (data.length != targets.length) {
      throw new IllegalArgumentException(
          WHO + ": data and targets have to be of same length. Data length is " + data.length
              + " while target length is " + targets.length + ".");
    }
    if (length <= 0) {
      throw new IllegalArgumentException(WHO + ": length must be positive, but got length=" + length + ".");
    }
    this.data = data;
    this.targets = targets;
    this.length = length;
    this.univariate = univariate;
    check();
  }

  /** Sets the period between timesteps within a window (default 1). */
  public TimeseriesGenerator samplingRate(int samplingRate) {
    this.samplingRate = positive("samplingRate", samplingRate);
    return this;
  }

  /** Sets the period between successive windows (default 1). */
  public TimeseriesGenerator stride(int stride) {
    this.stride = positive("stride", stride);
    return this;
  }

  /** Sets the first row a window may start at (default 0). */
  public TimeseriesGenerator startIndex(int startIndex) {
    if (startIndex < 0) {
      throw new IllegalArgumentException(WHO + ": startIndex must be >= 0, but got startIndex=" + startIndex + ".");
    }
    this.startIndex = startIndex;
    return check();
  }

  /** Sets the last row that may be a target (default the last row of the data). */
  public TimeseriesGenerator endIndex(int endIndex) {
    if (endIndex < 0 || endIndex >= data.length) {
      throw new IllegalArgumentException(
          WHO + ": endIndex must be in [0, " + (data.length - 1) + "] for data of " + data.length
              + " timesteps, but got endIndex=" + endIndex + ".");
    }
    this.endIndex = endIndex;
    return check();
  }

  /** Draws the rows of every batch at random (default false). */
  public TimeseriesGenerator shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** Returns windows in reverse time order (default false). */
  public TimeseriesGenerator reverse(boolean reverse) {
    this.reverse = reverse;
    return this;
  }

  /** Sets the number of windows per batch (default 128). */
  public TimeseriesGenerator batchSize(int batchSize) {
    this.batchSize = positive("batchSize", batchSize);
    return this;
  }

  /** Sets the seed of the random rows drawn with {@code shuffle(true)} (default 0). */
  public TimeseriesGenerator seed(long seed) {
    this.seed = seed;
    return this;
  }

  private int positive(String what, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(WHO + ": " + what + " must be positive, but got " + what + "=" + v + ".");
    }
    return v;
  }

  private TimeseriesGenerator check() {
    int first = startIndex + length;
    int last = lastRow();
    if (first > last) {
      throw new IllegalArgumentException(
          WHO + ": `start_index+length=" + first + " > end_index=" + last + "` is disallowed, as no part of the"
              + " sequence would be left to be used as current step; use a shorter length or more data.");
    }
    return this;
  }

  private int firstRow() {
    return startIndex + length;
  }

  private int lastRow() {
    return endIndex == null ? data.length - 1 : endIndex;
  }

  private int rows() {
    return (lastRow() - firstRow()) / stride + 1;
  }

  /** Returns the number of timesteps of one sample: {@code ceil(length / samplingRate)}. */
  public int sampleSteps() {
    return (length + samplingRate - 1) / samplingRate;
  }

  @Override
  public int size() {
    return shuffle ? steps() * batchSize : rows();
  }

  @Override
  public int steps() {
    return (lastRow() - firstRow() + batchSize * stride) / (batchSize * stride);
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long[] sampleShape() {
    return univariate ? new long[] {sampleSteps()} : new long[] {sampleSteps(), data[0].length};
  }

  @Override
  public int labelSize() {
    return targets[0].length;
  }

  @Override
  public boolean integerLabels() {
    return false;
  }

  @Override
  public void onEpochBegin(int epoch) {
    this.epoch = epoch;
  }

  @Override
  public Batch batch(int step) {
    if (step < 0 || step >= steps()) {
      throw new IndexOutOfBoundsException(
          WHO + ": batch index " + step + " is out of range [0, " + steps() + ").");
    }
    int[] rows;
    if (shuffle) {
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch * 7919L + step);
      rows = new int[batchSize];
      for (int b = 0; b < batchSize; b++) {
        rows[b] = firstRow() + random.nextInt(lastRow() - firstRow() + 1);
      }
    } else {
      int i = firstRow() + batchSize * stride * step;
      int count = (Math.min(i + batchSize * stride, lastRow() + 1) - i + stride - 1) / stride;
      rows = new int[count];
      for (int b = 0; b < count; b++) {
        rows[b] = i + b * stride;
      }
    }
    int[] first = new int[rows.length];
    for (int b = 0; b < rows.length; b++) {
      first[b] = rows[b] - length;
    }
    return Windows.batch(data, targets, first, rows, sampleSteps(), samplingRate, reverse);
  }

  /** Returns batch {@code index} as arrays, as Keras's {@code generator[index]}: samples and targets. */
  public TimeseriesBatch get(int index) {
    Batch batch = batch(index);
    return new TimeseriesBatch(Windows.samples(batch, sampleSteps(), data[0].length), Windows.labels(batch,
        targets[0].length));
  }
}
