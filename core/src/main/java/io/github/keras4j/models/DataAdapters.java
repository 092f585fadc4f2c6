package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.DataStorageVisitor;
import org.tensorflow.ndarray.impl.dense.FloatDenseNdArray;

/**
 * Turns the arrays users pass to {@code fit}, {@code evaluate} and {@code predict} into {@link ArrayBatches}
 * (Keras's {@code data_adapter}): checks them (empty, ragged, sample counts that differ) with messages naming the
 * array, and flattens them row-major.
 */
final class DataAdapters {
  private DataAdapters() {}

  /** Rows of features (one input) with flat labels ({@code y == null}: no labels). */
  static ArrayBatches rows(float[][] x, float[] y, int labelSize, boolean integerLabels, String xName, String yName) {
    requireNonNull(x, xName);
    if (x.length == 0) {
      throw new IllegalArgumentException(xName + " is empty: give at least one sample.");
    }
    int features = -1;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new IllegalArgumentException(xName + "[" + i + "] is null.");
      }
      if (features < 0) {
        features = x[i].length;
      } else if (x[i].length != features) {
        throw new IllegalArgumentException(
            xName + " is ragged: row 0 has " + features + " features but row " + i + " has " + x[i].length + ".");
      }
    }
    checkCardinality(x.length, y, labelSize, xName, yName);
    float[] flat = new float[Math.multiplyExact(x.length, features)];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * features, features);
    }
    return new ArrayBatches(flat, new long[] {features}, y, labelSize, integerLabels, 0, x.length, 32, false, 0);
  }

  /** Token ids (one input of integer ids, fed as float32: exact below 2^24) with flat labels. */
  static ArrayBatches tokens(int[][] x, float[] y, int labelSize, boolean integerLabels, String xName, String yName) {
    requireNonNull(x, xName);
    float[][] rows = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new IllegalArgumentException(xName + "[" + i + "] is null.");
      }
      rows[i] = new float[x[i].length];
      for (int j = 0; j < x[i].length; j++) {
        int id = x[i][j];
        if (Math.abs(id) > MAX_EXACT_ID) {
          throw new IllegalArgumentException(
              xName + "[" + i + "][" + j + "] = " + id + " cannot be fed exactly as float32 (ids must be within"
                  + " ±" + MAX_EXACT_ID + ").");
        }
        rows[i][j] = id;
      }
    }
    return rows(rows, y, labelSize, integerLabels, xName, yName);
  }

  /** The largest integer every smaller one of which float32 holds exactly (2^24). */
  static final int MAX_EXACT_ID = 1 << 24;

  /** An array of any rank, samples first, with flat labels. */
  static ArrayBatches nd(FloatNdArray x, float[] y, int labelSize, boolean integerLabels, String xName, String yName) {
    requireNonNull(x, xName);
    Shape shape = x.shape();
    if (shape.numDimensions() < 2 || shape.size(0) == 0) {
      throw new IllegalArgumentException(
          xName + " must have a batch dimension and at least one sample, but got shape " + shape + ".");
    }
    int n = Math.toIntExact(shape.size(0));
    checkCardinality(n, y, labelSize, xName, yName);
    return new ArrayBatches(flat(x), shape.tail().asArray(), y, labelSize, integerLabels, 0, n, 32, false, 0);
  }

  private static void checkCardinality(int n, float[] y, int labelSize, String xName, String yName) {
    if (y != null && y.length / labelSize != n) {
      throw new IllegalArgumentException(
          "Data cardinality is ambiguous: " + xName + " has " + n + " samples but " + yName + " has "
              + (y.length / labelSize) + " samples. Make sure all arrays contain the same number of samples.");
    }
  }

  private static float[] flat(FloatNdArray x) {
    long size = x.shape().size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "An array of shape " + x.shape() + " has " + size + " values, more than one Java array holds; give"
              + " the data in batches (a BatchSource).");
    }
    float[] whole = backingArray(x, size);
    if (whole != null) {
      return whole; // the samples are only read (copied batch by batch), so one copy of the data is enough
    }
    float[] flat = new float[(int) size];
    x.copyTo(DataBuffers.of(flat, false, false));
    return flat;
  }

  /**
   * Returns the Java array holding exactly {@code x}'s values in row-major order — an array from
   * {@code NdArrays.ofFloats} or {@code NdArrays.wrap} of a whole {@code float[]} — or {@code null} when there is
   * none (a view, a slice, a tensor's native memory): then {@code x} is copied. Reusing it saves a second copy of
   * the data on the heap (120 MB for 200 images of 224×224×3); the array is only read.
   */
  private static float[] backingArray(FloatNdArray x, long size) {
    if (!(x instanceof FloatDenseNdArray dense)
        || dense.dimensions().isSegmented()
        || dense.dimensions().physicalSize() != size
        || dense.buffer().size() != size) {
      return null;
    }
    return dense.buffer().accept(new DataStorageVisitor<float[]>() {
      @Override
      public float[] visit(FloatBuffer buffer) {
        return buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == size && buffer.array().length == size
            ? buffer.array()
            : null;
      }

      @Override
      public float[] fallback() {
        return null;
      }
    });
  }

  /**
   * One array per input — a {@link FloatNdArray} of any rank, {@code float[][]} rows or {@code int[][]} token ids
   * — and (unless {@code ys} is null) one label array per output, all with the same number of samples.
   */
  static ArrayBatches multi(List<?> xs, List<float[][]> ys) {
    requireNonNull(xs, "xs");
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("xs is empty: give one array per model input.");
    }
    List<float[]> flatXs = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    int[] xCounts = new int[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      String name = "x[" + i + "]";
      ArrayBatches one = single(xs.get(i), name);
      xCounts[i] = one.size();
      flatXs.add(one.inputs(0));
      shapes.add(one.sampleShapes().get(0));
    }
    List<float[]> flatYs = null;
    int[] labelSizes = new int[0];
    int[] yCounts = new int[0];
    if (ys != null) {
      if (ys.isEmpty()) {
        throw new IllegalArgumentException("ys is empty: give one label array per model output.");
      }
      flatYs = new ArrayList<>();
      labelSizes = new int[ys.size()];
      yCounts = new int[ys.size()];
      for (int o = 0; o < ys.size(); o++) {
        String name = "y[" + o + "]";
        float[][] y = requireNonNull(ys.get(o), name);
        labelSizes[o] = labelWidth(y, name);
        yCounts[o] = y.length;
        flatYs.add(flattenLabels(y, name));
      }
    }
    boolean same = true;
    for (int c : xCounts) {
      same &= c == xCounts[0];
    }
    for (int c : yCounts) {
      same &= c == xCounts[0];
    }
    if (!same) {
      throw new IllegalArgumentException(
          "Data cardinality is ambiguous: x sizes: " + Arrays.toString(xCounts)
              + (ys == null ? "" : ", y sizes: " + Arrays.toString(yCounts))
              + ". Make sure all arrays contain the same number of samples.");
    }
    return new ArrayBatches(flatXs, shapes, flatYs, labelSizes, false, 0, xCounts[0], 32, false, 0);
  }

  /** One input array of a multi-input call, without labels. */
  private static ArrayBatches single(Object x, String name) {
    requireNonNull(x, name);
    if (x instanceof FloatNdArray nd) {
      return nd(nd, null, 0, false, name, null);
    }
    if (x instanceof float[][] rows) {
      return rows(rows, null, 0, false, name, null);
    }
    if (x instanceof int[][] ids) {
      return tokens(ids, null, 0, false, name, null);
    }
    throw new IllegalArgumentException(
        name + " must be a FloatNdArray, float[][] or int[][], but got " + x.getClass().getSimpleName() + ".");
  }

  /** Class indices as float labels. */
  static float[] toFloat(int[] y, String name) {
    requireNonNull(y, name);
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i];
    }
    return out;
  }

  /** Returns the values per row of a label array (1 when empty). */
  static int labelWidth(float[][] y, String name) {
    requireNonNull(y, name);
    return y.length == 0 || y[0] == null ? 1 : y[0].length;
  }

  /** Flattens label rows, refusing ragged ones. */
  static float[] flattenLabels(float[][] y, String name) {
    requireNonNull(y, name);
    int width = labelWidth(y, name);
    float[] out = new float[y.length * width];
    for (int i = 0; i < y.length; i++) {
      if (y[i] == null || y[i].length != width) {
        throw new IllegalArgumentException(
            name + " is ragged: row 0 has " + width + " values but row " + i + " has "
                + (y[i] == null ? "null" : y[i].length) + ".");
      }
      System.arraycopy(y[i], 0, out, i * width, width);
    }
    return out;
  }

  /** Single-value labels as a column (a copy), one per sample. */
  static float[] column(float[] y, String name) {
    return requireNonNull(y, name).clone();
  }
}
