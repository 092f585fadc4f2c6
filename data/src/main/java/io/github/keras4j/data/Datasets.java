package io.github.keras4j.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Random;

/**
 * Small-array helpers of the data-processing step: shuffling samples and labels in unison, reshaping a 1-D array
 * into a column, and a train/test split, as {@code sklearn.utils.shuffle}, {@code numpy.reshape(-1, 1)} and
 * {@code sklearn.model_selection.train_test_split}.
 *
 * <pre>{@code
 * Datasets.shuffle(trainSamples, trainLabels, seed);                    // in unison, in place
 * float[][] scaled = new MinMaxScaler(0, 1).fitTransform(Datasets.column(trainSamples));
 * Datasets.Split split = Datasets.split(scaled, trainLabels, 0.1, seed);
 * }</pre>
 *
 * <p>Randomness comes from {@link Random} seeded with the given seed and a Fisher-Yates shuffle, so a seed gives
 * the same order on every run and platform; the orders differ from those numpy gives for the same seed.
 */
public final class Datasets {
  private Datasets() {}

  /**
   * Returns a random permutation of {@code 0 .. n - 1}, as {@code np.random.permutation(n)}; the shuffles of this
   * class reorder arrays by this same permutation: after {@code shuffle(a, b, seed)}, {@code a[i]} is the old
   * {@code a[permutation(a.length, seed)[i]]}.
   *
   * @param n the number of indices, {@code >= 0}
   * @param seed the seed of the random order
   * @return a new array holding each index once
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public static int[] permutation(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("Datasets.permutation: n must be >= 0, but got n=" + n + ".");
    }
    int[] indices = new int[n];
    Arrays.setAll(indices, i -> i);
    fisherYates(n, seed, (i, j) -> swap(indices, i, j));
    return indices;
  }

  /**
   * Shuffles samples and their labels in place, in unison: the pair at each index stays together.
   *
   * @param samples one value per sample
   * @param labels one label per sample; as long as {@code samples}
   * @param seed the seed of the random order
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void shuffle(float[] samples, int[] labels, long seed) {
    shuffleTogether(requireNonNull(samples, "samples").length, requireNonNull(labels, "labels").length, seed,
        (i, j) -> swap(samples, i, j), (i, j) -> swap(labels, i, j));
  }

  /**
   * Shuffles the rows of {@code samples} and their labels in place, in unison (rows are moved, not copied).
   *
   * @param samples one row per sample
   * @param labels one label per sample; as long as {@code samples}
   * @param seed the seed of the random order
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void shuffle(float[][] samples, int[] labels, long seed) {
    shuffleTogether(requireNonNull(samples, "samples").length, requireNonNull(labels, "labels").length, seed,
        (i, j) -> swap(samples, i, j), (i, j) -> swap(labels, i, j));
  }

  /**
   * Shuffles the rows of {@code samples} and of {@code labels} (for instance one-hot rows) in place, in unison.
   *
   * @param samples one row per sample
   * @param labels one row per sample; as long as {@code samples}
   * @param seed the seed of the random order
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void shuffle(float[][] samples, float[][] labels, long seed) {
    shuffleTogether(requireNonNull(samples, "samples").length, requireNonNull(labels, "labels").length, seed,
        (i, j) -> swap(samples, i, j), (i, j) -> swap(labels, i, j));
  }

  /**
   * Shuffles integer samples and their labels in place, in unison.
   *
   * @param samples one value per sample
   * @param labels one label per sample; as long as {@code samples}
   * @param seed the seed of the random order
   * @throws IllegalArgumentException if the lengths differ
   */
  public static void shuffle(int[] samples, int[] labels, long seed) {
    shuffleTogether(requireNonNull(samples, "samples").length, requireNonNull(labels, "labels").length, seed,
        (i, j) -> swap(samples, i, j), (i, j) -> swap(labels, i, j));
  }

  /**
   * Returns the values as an {@code n × 1} matrix, one sample per row and one feature, as numpy's
   * {@code values.reshape(-1, 1)}: the shape {@link MinMaxScaler} and a {@code Dense} layer with
   * {@code inputShape(1)} expect.
   *
   * @param values one value per sample
   * @return a new {@code values.length × 1} array
   */
  public static float[][] column(float[] values) {
    requireNonNull(values, "values");
    float[][] result = new float[values.length][1];
    for (int i = 0; i < values.length; i++) {
      result[i][0] = values[i];
    }
    return result;
  }

  /**
   * Splits samples and labels into a shuffled train part and test part, as
   * {@code train_test_split(x, y, test_size=testFraction, shuffle=True)}.
   *
   * @see #split(float[][], int[], double, long, boolean)
   */
  public static Split split(float[][] x, int[] y, double testFraction, long seed) {
    return split(x, y, testFraction, seed, true);
  }

  /**
   * Splits samples and labels into a train part and a test part, as scikit-learn's
   * {@code train_test_split(x, y, test_size=testFraction, shuffle=shuffle)}: the test part has
   * {@code ceil(testFraction * n)} samples and the train part the rest. Without shuffling, the train part is the
   * first samples and the test part the last ones; with shuffling, the test part is the samples at the first
   * {@code nTest} indices of {@link #permutation(int, long) permutation(n, seed)} and the train part those at the
   * remaining indices, in that order (scikit-learn's {@code ShuffleSplit} layout). Rows are copied, so the parts
   * share no array with the input.
   *
   * @param x one row per sample
   * @param y one label per sample; as long as {@code x}
   * @param testFraction the fraction of samples to hold out, in {@code (0, 1)}
   * @param seed the seed of the shuffle; unused when {@code shuffle} is false
   * @param shuffle whether to shuffle before splitting
   * @return the four parts
   * @throws IllegalArgumentException if the lengths differ, {@code testFraction} is outside {@code (0, 1)}, or
   *     either part would be empty
   */
  public static Split split(float[][] x, int[] y, double testFraction, long seed, boolean shuffle) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "Datasets.split: x and y must have the same number of samples, but got x.length=" + x.length
              + " and y.length=" + y.length + ".");
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException(
          "Datasets.split: testFraction must be in (0, 1), but got testFraction=" + testFraction + ".");
    }
    int n = x.length;
    int nTest = (int) Math.ceil(testFraction * n);
    int nTrain = n - nTest;
    if (nTest == 0 || nTrain == 0) {
      throw new IllegalArgumentException(
          "Datasets.split: with n=" + n + " samples and testFraction=" + testFraction + ", the "
              + (nTest == 0 ? "test" : "train") + " part would be empty (nTest=ceil(testFraction * n)=" + nTest
              + ", nTrain=" + nTrain + "); use more samples or another testFraction.");
    }
    int[] testIdx;
    int[] trainIdx;
    if (shuffle) {
      int[] order = permutation(n, seed);
      testIdx = Arrays.copyOfRange(order, 0, nTest);
      trainIdx = Arrays.copyOfRange(order, nTest, n);
    } else {
      trainIdx = new int[nTrain];
      Arrays.setAll(trainIdx, i -> i);
      testIdx = new int[nTest];
      Arrays.setAll(testIdx, i -> nTrain + i);
    }
    return new Split(rows(x, trainIdx), take(y, trainIdx), rows(x, testIdx), take(y, testIdx));
  }

  /**
   * The four parts of a {@link Datasets#split(float[][], int[], double, long, boolean) split}, as the tuple
   * {@code x_train, x_test, y_train, y_test} of scikit-learn (note the different order of the components).
   *
   * <p>The arrays are the ones the split made, not copies: they belong to the caller. {@code equals} compares their
   * contents.
   *
   * @param xTrain the training samples
   * @param yTrain the training labels, one per row of {@code xTrain}
   * @param xTest the held-out samples
   * @param yTest the held-out labels, one per row of {@code xTest}
   */
  public record Split(float[][] xTrain, int[] yTrain, float[][] xTest, int[] yTest) {
    /**
     * Creates a split from its parts.
     *
     * @throws IllegalArgumentException if a part's samples and labels differ in length
     */
    public Split {
      requireNonNull(xTrain, "xTrain");
      requireNonNull(yTrain, "yTrain");
      requireNonNull(xTest, "xTest");
      requireNonNull(yTest, "yTest");
      if (xTrain.length != yTrain.length || xTest.length != yTest.length) {
        throw new IllegalArgumentException(
            "Datasets.Split: samples and labels must pair up, but got xTrain.length=" + xTrain.length
                + ", yTrain.length=" + yTrain.length + ", xTest.length=" + xTest.length + ", yTest.length="
                + yTest.length + ".");
      }
    }

    /** Returns whether {@code other} is a split with equal contents. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Split
          && Arrays.deepEquals(xTrain, ((Split) other).xTrain)
          && Arrays.equals(yTrain, ((Split) other).yTrain)
          && Arrays.deepEquals(xTest, ((Split) other).xTest)
          && Arrays.equals(yTest, ((Split) other).yTest);
    }

    /** Returns a hash of the contents, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
      return Arrays.deepHashCode(new Object[] {xTrain, yTrain, xTest, yTest});
    }

    /** Returns the sizes of the parts, for example {@code Split[train=90, test=10]}. */
    @Override
    public String toString() {
      return "Split[train=" + yTrain.length + ", test=" + yTest.length + "]";
    }
  }

  @FunctionalInterface
  private interface Swapper {
    void swap(int i, int j);
  }

  /** Fisher-Yates (Durstenfeld), as {@code Collections.shuffle}: the same seed gives the same swaps. */
  private static void fisherYates(int n, long seed, Swapper swapper) {
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      swapper.swap(i, j);
    }
  }

  /** Shuffles samples and labels in unison, after checking they are as many. */
  private static void shuffleTogether(int samples, int labels, long seed, Swapper swapSample, Swapper swapLabel) {
    checkSameLength(samples, labels);
    fisherYates(samples, seed, (i, j) -> {
      swapSample.swap(i, j);
      swapLabel.swap(i, j);
    });
  }

  private static void checkSameLength(int samples, int labels) {
    if (samples != labels) {
      throw new IllegalArgumentException(
          "Datasets.shuffle: samples and labels must have the same length, but got " + samples + " samples and "
              + labels + " labels.");
    }
  }

  private static float[][] rows(float[][] x, int[] indices) {
    float[][] result = new float[indices.length][];
    for (int k = 0; k < indices.length; k++) {
      float[] row = x[indices[k]];
      if (row == null) {
        throw new NullPointerException("x[" + indices[k] + "]");
      }
      result[k] = row.clone();
    }
    return result;
  }

  private static int[] take(int[] y, int[] indices) {
    int[] result = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      result[k] = y[indices[k]];
    }
    return result;
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static void swap(float[][] a, int i, int j) {
    float[] t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
