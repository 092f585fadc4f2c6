package io.github.keras4j.data;

import io.github.keras4j.models.BatchSource;

/** The windowing both timeseries sources share: copies windows of rows of a series into a flat batch. */
final class Windows {
  private Windows() {}

  /** Returns a copy of a series as rows, checking it is non-empty and rectangular. */
  static float[][] rows(String who, String what, float[][] series) {
    java.util.Objects.requireNonNull(series, what);
    if (series.length == 0) {
      throw new IllegalArgumentException(who + ": " + what + " must hold at least one timestep, but it is empty.");
    }
    int width = -1;
    float[][] copy = new float[series.length][];
    for (int i = 0; i < series.length; i++) {
      if (series[i] == null) {
        throw new IllegalArgumentException(who + ": " + what + " timestep " + i + " is null.");
      }
      if (width < 0) {
        width = series[i].length;
      } else if (series[i].length != width) {
        throw new IllegalArgumentException(
            who + ": " + what + " is ragged: timestep 0 has " + width + " values but timestep " + i + " has "
                + series[i].length + ".");
      }
      copy[i] = series[i].clone();
    }
    return copy;
  }

  /** Returns a univariate series as rows of one value. */
  static float[][] column(float[] values) {
    java.util.Objects.requireNonNull(values, "values");
    float[][] rows = new float[values.length][1];
    for (int i = 0; i < values.length; i++) {
      rows[i][0] = values[i];
    }
    return rows;
  }

  /**
   * Fills a batch: window {@code b} takes rows {@code first[b] + t * rate} for {@code t < steps} (in reverse order
   * when {@code reverse}), and label row {@code targetRows[b]}.
   */
  static BatchSource.Batch batch(
      float[][] data, float[][] targets, int[] first, int[] targetRows, int steps, int rate, boolean reverse) {
    int features = data[0].length;
    float[] x = new float[first.length * steps * features];
    for (int b = 0; b < first.length; b++) {
      for (int t = 0; t < steps; t++) {
        int row = first[b] + (reverse ? steps - 1 - t : t) * rate;
        System.arraycopy(data[row], 0, x, (b * steps + t) * features, features);
      }
    }
    float[] y = null;
    if (targets != null) {
      int width = targets[0].length;
      y = new float[first.length * width];
      for (int b = 0; b < first.length; b++) {
        System.arraycopy(targets[targetRows[b]], 0, y, b * width, width);
      }
    }
    return new BatchSource.Batch(first.length, x, y);
  }

  /** Reshapes a flat batch to {@code (size, steps, features)}. */
  static float[][][] samples(BatchSource.Batch batch, int steps, int features) {
    float[][][] out = new float[batch.size()][steps][features];
    float[] x = batch.x();
    for (int b = 0; b < batch.size(); b++) {
      for (int t = 0; t < steps; t++) {
        System.arraycopy(x, (b * steps + t) * features, out[b][t], 0, features);
      }
    }
    return out;
  }

  /** Reshapes flat labels to {@code (size, width)}, or returns {@code null}. */
  static float[][] labels(BatchSource.Batch batch, int width) {
    if (batch.y() == null) {
      return null;
    }
    float[][] out = new float[batch.size()][width];
    for (int b = 0; b < batch.size(); b++) {
      System.arraycopy(batch.y(), b * width, out[b], 0, width);
    }
    return out;
  }
}
