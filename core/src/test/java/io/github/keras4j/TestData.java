package io.github.keras4j;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Seeded data and plain-Java reference computations shared by the core tests. */
public final class TestData {
  private TestData() {}

  /** Returns {@code rows × cols} standard normal values drawn from {@code seed}. */
  public static float[][] normal(int rows, int cols, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[rows][cols];
    for (float[] row : x) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  /** Returns {@code n} class indices in {@code [0, classes)} drawn from {@code seed}. */
  public static int[] labels(int n, int classes, long seed) {
    Random random = new Random(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(classes);
    }
    return y;
  }

  /** Returns rows {@code [from, to)} of {@code x}. */
  public static float[][] rows(float[][] x, int from, int to) {
    return Arrays.copyOfRange(x, from, to);
  }

  /** Returns entries {@code [from, to)} of {@code y}. */
  public static int[] rows(int[] y, int from, int to) {
    return Arrays.copyOfRange(y, from, to);
  }

  /** Returns one-hot rows for class indices. */
  public static float[][] oneHot(int[] y, int classes) {
    float[][] out = new float[y.length][classes];
    for (int i = 0; i < y.length; i++) {
      out[i][y[i]] = 1f;
    }
    return out;
  }

  /** Returns the index of the largest value of each row. */
  public static int[] argmax(float[][] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      int best = 0;
      for (int j = 1; j < rows[i].length; j++) {
        if (rows[i][j] > rows[i][best]) {
          best = j;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Returns the values of an array in row-major order. */
  public static float[] flat(FloatNdArray array) {
    float[] out = new float[Math.toIntExact(array.shape().size())];
    array.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Returns the weights' values, each flattened. */
  public static List<float[]> flat(List<FloatNdArray> arrays) {
    return arrays.stream().map(TestData::flat).toList();
  }

  /** Returns {@code x · kernel + bias} in double precision; {@code kernel} is {@code [in, out]} row-major. */
  public static double[][] affine(float[][] x, float[] kernel, float[] bias, int units) {
    double[][] out = new double[x.length][units];
    for (int i = 0; i < x.length; i++) {
      for (int u = 0; u < units; u++) {
        double s = bias == null ? 0 : bias[u];
        for (int k = 0; k < x[i].length; k++) {
          s += (double) x[i][k] * kernel[k * units + u];
        }
        out[i][u] = s;
      }
    }
    return out;
  }

  /** Applies relu in place and returns the argument. */
  public static double[][] relu(double[][] z) {
    for (double[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j]);
      }
    }
    return z;
  }

  /** Applies softmax to each row in place and returns the argument. */
  public static double[][] softmax(double[][] z) {
    for (double[] row : z) {
      double max = Arrays.stream(row).max().orElse(0);
      double sum = 0;
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.exp(row[j] - max);
        sum += row[j];
      }
      for (int j = 0; j < row.length; j++) {
        row[j] /= sum;
      }
    }
    return z;
  }

  /**
   * Returns the course's medical-trial data (episode 2): 50 outliers of each age group with the "wrong" label and
   * 1000 of each with the expected one (younger 13–64 → 0, older 65–100 → 1), ages scaled by {@code (age-13)/87},
   * shuffled in unison with a seeded generator. {@code x[i][0]} is the scaled age, {@code y[i]} the label.
   */
  public static CourseData courseData(long seed) {
    Random random = new Random(seed);
    int n = 2 * 50 + 2 * 1000;
    float[][] x = new float[n][1];
    int[] y = new int[n];
    int k = 0;
    for (int i = 0; i < 50; i++) {
      x[k][0] = scaleAge(13 + random.nextInt(52));
      y[k++] = 1;
      x[k][0] = scaleAge(65 + random.nextInt(36));
      y[k++] = 0;
    }
    for (int i = 0; i < 1000; i++) {
      x[k][0] = scaleAge(13 + random.nextInt(52));
      y[k++] = 0;
      x[k][0] = scaleAge(65 + random.nextInt(36));
      y[k++] = 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      float[] tx = x[i];
      x[i] = x[j];
      x[j] = tx;
      int ty = y[i];
      y[i] = y[j];
      y[j] = ty;
    }
    return new CourseData(x, y);
  }

  private static float scaleAge(int age) {
    return (age - 13) / 87f;
  }

  /** Scaled ages and labels. */
  public record CourseData(float[][] x, int[] y) {}

  /** A print stream that collects what is printed, for checking console output. */
  public static final class Capture {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** Returns the stream to print to. */
    public PrintStream stream() {
      return stream;
    }

    /** Returns everything printed so far. */
    public String text() {
      stream.flush();
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
