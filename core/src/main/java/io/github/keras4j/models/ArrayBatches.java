package io.github.keras4j.models;

import java.util.Arrays;
import java.util.SplittableRandom;

/** In-memory arrays as a {@link BatchSource}: a contiguous range of samples, optionally reshuffled each epoch. */
final class ArrayBatches implements BatchSource {
  private final float[] x;
  private final long[] sampleShape;
  private final int sampleSize;
  private final float[] y;
  private final int labelSize;
  private final boolean integerLabels;
  private final int start;
  private final int count;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final int[] order;
  private float[] xBuffer;
  private float[] yBuffer;

  ArrayBatches(
      float[] x, long[] sampleShape, float[] y, int labelSize, boolean integerLabels, int start, int count,
      int batchSize, boolean shuffle, long seed) {
    this.x = x;
    this.sampleShape = sampleShape.clone();
    long s = 1;
    for (long d : sampleShape) {
      s *= d;
    }
    this.sampleSize = Math.toIntExact(s);
    this.y = y;
    this.labelSize = y == null ? 0 : labelSize;
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
    return new ArrayBatches(x, sampleShape, y, labelSize, integerLabels, from, n, batch, shuffleIt, seedIt);
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
    return sampleShape.clone();
  }

  @Override
  public int labelSize() {
    return labelSize;
  }

  @Override
  public boolean integerLabels() {
    return integerLabels;
  }

  /** Returns the label values of the whole range, in order (for checks). */
  float[] labels() {
    return y == null ? null : Arrays.copyOfRange(y, start * labelSize, (start + count) * labelSize);
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
    if (xBuffer == null) {
      xBuffer = new float[Math.min(batchSize, count) * sampleSize];
      yBuffer = y == null ? null : new float[Math.min(batchSize, count) * labelSize];
    }
    for (int i = 0; i < n; i++) {
      int src = order[from + i];
      System.arraycopy(x, src * sampleSize, xBuffer, i * sampleSize, sampleSize);
      if (y != null) {
        System.arraycopy(y, src * labelSize, yBuffer, i * labelSize, labelSize);
      }
    }
    return new Batch(n, xBuffer, yBuffer);
  }

  /** Returns the sample indices of the current epoch's order (for tests). */
  int[] order() {
    return order.clone();
  }
}
