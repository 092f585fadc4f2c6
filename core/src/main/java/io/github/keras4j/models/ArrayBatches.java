package io.github.keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * In-memory arrays as a {@link BatchSource}: a contiguous range of samples, optionally reshuffled each epoch. Holds
 * one flat array per model input and one label array per model output; shuffling and splitting apply to all of
 * them in unison.
 */
final class ArrayBatches implements BatchSource {
  private final List<float[]> xs;
  private final List<long[]> sampleShapes;
  private final int[] sampleSizes;
  private final List<float[]> ys;
  private final int[] labelSizes;
  private final boolean integerLabels;
  private final int start;
  private final int count;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final int[] order;
  private List<float[]> xBuffers;
  private List<float[]> yBuffers;

  /** One input, one output (labels {@code null} for none). */
  ArrayBatches(
      float[] x, long[] sampleShape, float[] y, int labelSize, boolean integerLabels, int start, int count,
      int batchSize, boolean shuffle, long seed) {
    this(List.of(x), List.of(sampleShape), y == null ? null : List.of(y), y == null ? new int[0] : new int[] {labelSize},
        integerLabels, start, count, batchSize, shuffle, seed);
  }

  /** Several inputs and outputs ({@code ys == null} for no labels). */
  ArrayBatches(
      List<float[]> xs, List<long[]> sampleShapes, List<float[]> ys, int[] labelSizes, boolean integerLabels,
      int start, int count, int batchSize, boolean shuffle, long seed) {
    this.xs = List.copyOf(xs);
    this.sampleShapes = sampleShapes.stream().map(long[]::clone).toList();
    this.sampleSizes = new int[sampleShapes.size()];
    for (int i = 0; i < sampleSizes.length; i++) {
      long s = 1;
      for (long d : sampleShapes.get(i)) {
        s *= d;
      }
      sampleSizes[i] = Math.toIntExact(s);
    }
    this.ys = ys == null ? null : List.copyOf(ys);
    this.labelSizes = ys == null ? new int[0] : labelSizes.clone();
    this.integerLabels = integerLabels;
    this.start = start;
    this.count = count;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = start + i;
    }
  }

  /** Returns a source over samples {@code [from, from + n)} of the same arrays. */
  ArrayBatches range(int from, int n, int batch, boolean shuffleIt, long seedIt) {
    return new ArrayBatches(xs, sampleShapes, ys, labelSizes, integerLabels, from, n, batch, shuffleIt, seedIt);
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long[] sampleShape() {
    return sampleShapes.get(0).clone();
  }

  @Override
  public List<long[]> sampleShapes() {
    return sampleShapes.stream().map(long[]::clone).toList();
  }

  @Override
  public int labelSize() {
    return labelSizes.length == 0 ? 0 : labelSizes[0];
  }

  @Override
  public List<Integer> labelSizes() {
    return Arrays.stream(labelSizes).boxed().toList();
  }

  @Override
  public boolean integerLabels() {
    return integerLabels;
  }

  /** Returns the label values of the first output over the whole range, in order (for checks). */
  float[] labels() {
    return labels(0);
  }

  /** Returns the flat values of input {@code input} (the whole array, not a copy; for the data adapters). */
  float[] inputs(int input) {
    return xs.get(input);
  }

  /** Returns the label values of output {@code output} over the whole range, in order (for checks). */
  float[] labels(int output) {
    if (ys == null) {
      return null;
    }
    int size = labelSizes[output];
    return Arrays.copyOfRange(ys.get(output), start * size, (start + count) * size);
  }

  @Override
  public void onEpochBegin(int epoch) {
    for (int i = 0; i < count; i++) {
      order[i] = start + i;
    }
    if (shuffle) {
      SplittableRandom random = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (epoch + 1));
      for (int i = count - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
  }

  @Override
  public Batch batch(int step) {
    if (step < 0 || step >= steps()) {
      throw new IndexOutOfBoundsException("batch " + step + " of " + steps());
    }
    int from = step * batchSize;
    int n = Math.min(batchSize, count - from);
    int rows = Math.min(batchSize, count);
    if (xBuffers == null) {
      xBuffers = new ArrayList<>();
      for (int size : sampleSizes) {
        xBuffers.add(new float[rows * size]);
      }
      if (ys != null) {
        yBuffers = new ArrayList<>();
        for (int size : labelSizes) {
          yBuffers.add(new float[rows * size]);
        }
      }
      xBuffers = List.copyOf(xBuffers);
      yBuffers = yBuffers == null ? null : List.copyOf(yBuffers);
    }
    for (int i = 0; i < n; i++) {
      int src = order[from + i];
      for (int k = 0; k < sampleSizes.length; k++) {
        int size = sampleSizes[k];
        System.arraycopy(xs.get(k), src * size, xBuffers.get(k), i * size, size);
      }
      if (ys != null) {
        for (int k = 0; k < labelSizes.length; k++) {
          int size = labelSizes[k];
          System.arraycopy(ys.get(k), src * size, yBuffers.get(k), i * size, size);
        }
      }
    }
    return new Batch(n, xBuffers, yBuffers);
  }

  /** Returns the sample indices of the current epoch's order (for tests). */
  int[] order() {
    return order.clone();
  }
}
