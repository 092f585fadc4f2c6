package io.github.keras4j.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable confusion matrix of a single-label classification, as scikit-learn's
 * {@code sklearn.metrics.confusion_matrix}: rows are the true classes, columns the predicted classes, and
 * {@code count(i, j)} is the number of samples of true class {@code i} predicted as class {@code j}.
 *
 * <pre>{@code
 * float[][] predictions = model.predict(scaledTestSamples, new PredictOptions().batchSize(10).verbose(0));
 * int[] rounded = ConfusionMatrix.argmax(predictions);      // np.argmax(predictions, axis=-1)
 * ConfusionMatrix cm = ConfusionMatrix.of(testLabels, rounded);
 * System.out.println(cm);                                    // [[195  15]
 *                                                            //  [ 10 200]]
 * }</pre>
 *
 * <p>Unlike scikit-learn, which keeps only the labels that occur ({@code unique_labels(y_true, y_pred)}), the classes
 * here are always {@code 0 .. numClasses - 1}: {@link #of(int[], int[])} takes {@code numClasses} as the largest
 * label plus one, and {@link #of(int[], int[], int)} lets the caller name it, so that a class that never occurs still
 * gets its (all-zero) row and column.
 */
public final class ConfusionMatrix {
  /** numpy's default {@code linewidth} print option. */
  private static final int NUMPY_LINE_WIDTH = 75;
  /** numpy's default {@code threshold} print option: arrays with more elements are summarized. */
  private static final int NUMPY_THRESHOLD = 1000;
  /** numpy's default {@code edgeitems} print option. */
  private static final int NUMPY_EDGE_ITEMS = 3;

  private final int[][] counts;
  private final int total;

  private ConfusionMatrix(int[][] counts) {
    this.counts = counts;
    int sum = 0;
    for (int[] row : counts) {
      for (int c : row) {
        sum = Math.addExact(sum, c);
      }
    }
    this.total = sum;
  }

  /**
   * Counts the (true, predicted) pairs, with {@code numClasses} = the largest label in either array plus one.
   *
   * @param yTrue the true class of each sample, each {@code >= 0}
   * @param yPred the predicted class of each sample, each {@code >= 0}; as long as {@code yTrue}
   * @return the confusion matrix, {@code numClasses × numClasses}
   * @throws IllegalArgumentException if the lengths differ, a label is negative, or both arrays are empty (use
   *     {@link #of(int[], int[], int)} to name the number of classes then)
   */
  public static ConfusionMatrix of(int[] yTrue, int[] yPred) {
    checkLabels(yTrue, yPred);
    if (yTrue.length == 0) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: cannot infer the number of classes from empty yTrue and yPred; "
              + "pass it explicitly with of(yTrue, yPred, numClasses).");
    }
    int max = 0;
    for (int i = 0; i < yTrue.length; i++) {
      checkNonNegative("yTrue", yTrue, i);
      checkNonNegative("yPred", yPred, i);
      max = Math.max(max, Math.max(yTrue[i], yPred[i]));
    }
    if (max == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: labels must be class indices below Integer.MAX_VALUE, but got "
              + Integer.MAX_VALUE + ".");
    }
    return count(yTrue, yPred, max + 1);
  }

  /**
   * Counts the (true, predicted) pairs into a {@code numClasses × numClasses} matrix.
   *
   * @param yTrue the true class of each sample, each in {@code [0, numClasses)}
   * @param yPred the predicted class of each sample, each in {@code [0, numClasses)}; as long as {@code yTrue}
   * @param numClasses the number of classes, {@code >= 1}
   * @return the confusion matrix; all zeros when the arrays are empty
   * @throws IllegalArgumentException if the lengths differ, {@code numClasses < 1}, or a label is outside
   *     {@code [0, numClasses)}
   */
  public static ConfusionMatrix of(int[] yTrue, int[] yPred, int numClasses) {
    checkLabels(yTrue, yPred);
    if (numClasses < 1) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: numClasses must be a positive integer, but got numClasses=" + numClasses + ".");
    }
    for (int i = 0; i < yTrue.length; i++) {
      checkInRange("yTrue", yTrue, i, numClasses);
      checkInRange("yPred", yPred, i, numClasses);
    }
    return count(yTrue, yPred, numClasses);
  }

  /**
   * Wraps an already computed matrix of counts (rows = true class, columns = predicted class), for instance one
   * printed by scikit-learn.
   *
   * @param counts a square, non-empty matrix of non-negative counts; copied
   * @return the confusion matrix
   * @throws IllegalArgumentException if {@code counts} is empty, not square, or holds a negative count
   */
  public static ConfusionMatrix fromCounts(int[][] counts) {
    requireNonNull(counts, "counts");
    int n = counts.length;
    if (n == 0) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: counts must have at least one row, but got an empty array.");
    }
    int[][] copy = new int[n][];
    for (int i = 0; i < n; i++) {
      int[] row = counts[i];
      if (row == null) {
        throw new NullPointerException("counts[" + i + "]");
      }
      if (row.length != n) {
        throw new IllegalArgumentException(
            "ConfusionMatrix: counts must be square, but row " + i + " has " + row.length
                + " columns and there are " + n + " rows.");
      }
      for (int j = 0; j < n; j++) {
        if (row[j] < 0) {
          throw new IllegalArgumentException(
              "ConfusionMatrix: counts must be non-negative, but got counts[" + i + "][" + j + "]=" + row[j] + ".");
        }
      }
      copy[i] = row.clone();
    }
    return new ConfusionMatrix(copy);
  }

  /**
   * Returns the index of the largest value of each row, as numpy's {@code np.argmax(predictions, axis=-1)}: the
   * first maximum wins on ties, and a NaN counts as the maximum (the first NaN wins).
   *
   * @param predictions one row of class scores per sample (for instance softmax outputs); each row non-empty
   * @return the predicted class of each sample
   * @throws IllegalArgumentException if a row is empty
   */
  public static int[] argmax(float[][] predictions) {
    requireNonNull(predictions, "predictions");
    int[] result = new int[predictions.length];
    for (int i = 0; i < predictions.length; i++) {
      float[] row = predictions[i];
      if (row == null) {
        throw new NullPointerException("predictions[" + i + "]");
      }
      if (row.length == 0) {
        throw new IllegalArgumentException(
            "ConfusionMatrix.argmax: every row needs at least one score, but row " + i + " is empty.");
      }
      int best = 0;
      for (int j = 0; j < row.length; j++) {
        if (Float.isNaN(row[j])) {
          best = j;
          break;
        }
        if (row[j] > row[best]) {
          best = j;
        }
      }
      result[i] = best;
    }
    return result;
  }

  /** Returns a copy of the counts: {@code counts()[trueClass][predictedClass]}. */
  public int[][] counts() {
    int[][] copy = new int[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /**
   * Returns the number of samples of class {@code trueClass} that were predicted as {@code predictedClass}.
   *
   * @throws IndexOutOfBoundsException if either class is outside {@code [0, numClasses())}
   */
  public int count(int trueClass, int predictedClass) {
    Objects.checkIndex(trueClass, counts.length);
    Objects.checkIndex(predictedClass, counts.length);
    return counts[trueClass][predictedClass];
  }

  /** Returns the number of classes, the side of the matrix. */
  public int numClasses() {
    return counts.length;
  }

  /** Returns the number of samples counted, the sum of all entries. */
  public int total() {
    return total;
  }

  /**
   * Returns the fraction of samples on the diagonal (the trace over the total), as scikit-learn's
   * {@code accuracy_score}; {@code NaN} when no sample was counted.
   */
  public double accuracy() {
    long trace = 0;
    for (int i = 0; i < counts.length; i++) {
      trace += counts[i][i];
    }
    return total == 0 ? Double.NaN : (double) trace / total;
  }

  /**
   * Returns the matrix normalized over each row (the true classes), as scikit-learn's
   * {@code confusion_matrix(..., normalize='true')}: entry {@code [i][j]} is the fraction of class {@code i}'s
   * samples predicted as {@code j}, so every row of a class that occurs sums to 1. Rows of classes without samples
   * are all zeros.
   */
  public double[][] normalized() {
    double[][] result = new double[counts.length][counts.length];
    for (int i = 0; i < counts.length; i++) {
      long rowSum = 0;
      for (int c : counts[i]) {
        rowSum += c;
      }
      if (rowSum == 0) {
        continue;
      }
      for (int j = 0; j < counts.length; j++) {
        result[i][j] = (double) counts[i][j] / rowSum;
      }
    }
    return result;
  }

  /**
   * Returns the matrix as numpy prints scikit-learn's result, for example {@code "[[195  15]\n [ 10 200]]"}: every
   * entry right-aligned to the widest one, entries separated by one space, rows on their own lines; long rows wrap
   * at numpy's default 75 columns and matrices of more than 1000 entries are summarized with {@code ...}, as numpy
   * does by default.
   */
  @Override
  public String toString() {
    int n = counts.length;
    boolean summarize = (long) n * n > NUMPY_THRESHOLD && 2 * NUMPY_EDGE_ITEMS < n;
    int[] shown = shownIndices(n, summarize);
    int width = 1;
    for (int i : shown) {
      for (int j : shown) {
        width = Math.max(width, Integer.toString(counts[i][j]).length());
      }
    }
    // numpy's _formatArray for a 2-D array with prefix "" and the default line width.
    String rowIndent = "  ";
    int elementWidth = NUMPY_LINE_WIDTH - 1 - 1;
    StringBuilder s = new StringBuilder("[");
    for (int r = 0; r < shown.length; r++) {
      if (r > 0) {
        s.append('\n').append(' ');
      }
      if (summarize && r == NUMPY_EDGE_ITEMS) {
        s.append("...").append('\n').append(' ');
      }
      s.append(formatRow(counts[shown[r]], shown, summarize, width, rowIndent, elementWidth));
    }
    return s.append(']').toString();
  }

  private static String formatRow(
      int[] row, int[] shown, boolean summarize, int width, String indent, int elementWidth) {
    StringBuilder s = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (int k = 0; k < shown.length; k++) {
      if (summarize && k == NUMPY_EDGE_ITEMS) {
        extendLine(s, line, "...", elementWidth, indent);
        line.append(' ');
      }
      extendLine(s, line, pad(Integer.toString(row[shown[k]]), width), elementWidth, indent);
      if (k < shown.length - 1) {
        line.append(' ');
      }
    }
    s.append(line);
    return "[" + s.substring(indent.length()) + "]";
  }

  /** numpy's {@code _extendLine}: wraps before {@code word} if it would pass the width and wrapping helps. */
  private static void extendLine(StringBuilder s, StringBuilder line, String word, int width, String indent) {
    boolean needsWrap = line.length() + word.length() > width && line.length() > indent.length();
    if (needsWrap) {
      s.append(line.toString().stripTrailing()).append('\n');
      line.setLength(0);
      line.append(indent);
    }
    line.append(word);
  }

  private static int[] shownIndices(int n, boolean summarize) {
    if (!summarize) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int[] edges = new int[2 * NUMPY_EDGE_ITEMS];
    for (int k = 0; k < NUMPY_EDGE_ITEMS; k++) {
      edges[k] = k;
      edges[NUMPY_EDGE_ITEMS + k] = n - NUMPY_EDGE_ITEMS + k;
    }
    return edges;
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  /** Returns whether {@code other} is a confusion matrix with the same counts. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ConfusionMatrix && Arrays.deepEquals(counts, ((ConfusionMatrix) other).counts);
  }

  /** Returns a hash of the counts, consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }

  private static ConfusionMatrix count(int[] yTrue, int[] yPred, int numClasses) {
    int[][] counts = new int[numClasses][numClasses];
    for (int i = 0; i < yTrue.length; i++) {
      counts[yTrue[i]][yPred[i]]++;
    }
    return new ConfusionMatrix(counts);
  }

  private static void checkLabels(int[] yTrue, int[] yPred) {
    requireNonNull(yTrue, "yTrue");
    requireNonNull(yPred, "yPred");
    if (yTrue.length != yPred.length) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: yTrue and yPred must have the same length, but got yTrue.length=" + yTrue.length
              + " and yPred.length=" + yPred.length + ".");
    }
  }

  private static void checkNonNegative(String name, int[] labels, int i) {
    if (labels[i] < 0) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: labels must be non-negative class indices, but got " + name + "[" + i + "]="
              + labels[i] + ".");
    }
  }

  private static void checkInRange(String name, int[] labels, int i, int numClasses) {
    if (labels[i] < 0 || labels[i] >= numClasses) {
      throw new IllegalArgumentException(
          "ConfusionMatrix: labels must be in [0, " + numClasses + ") for numClasses=" + numClasses + ", but got "
              + name + "[" + i + "]=" + labels[i] + "; pass a larger numClasses or fix the label.");
    }
  }
}
