package io.github.keras4j.metrics;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;

/**
 * F1 score over the epoch, as Keras's {@code F1Score}: per class, with {@code eps = 1e-7},
 * {@code precision = tp / (tp + fp + eps)}, {@code recall = tp / (tp + fn + eps)} and
 * {@code f1 = 2 precision recall / (precision + recall + eps)}; averaged {@code "macro"} (mean over classes),
 * {@code "micro"} (counts summed over classes first) or {@code "weighted"} (by each class's true count).
 * Without a threshold a sample's predicted class is its largest output; with one, every output above it.
 *
 * <p>Keras's default {@code average=None} logs one value per class; Keras4J logs scalars, so the default here is
 * {@code "macro"}.
 */
public final class F1Score extends StatefulMetric {
  private static final double EPSILON = 1e-7;
  private final String average;
  private final Double threshold;

  /** Creates {@code F1Score(average="macro")}, logged as {@code f1_score}. */
  public F1Score() {
    this("f1_score", "macro", null);
  }

  /**
   * Creates the metric.
   *
   * @param average {@code "macro"}, {@code "micro"} or {@code "weighted"}
   * @param threshold null for the largest output per sample, else in {@code (0, 1]}
   * @throws IllegalArgumentException for another average or a threshold outside {@code (0, 1]}
   */
  public F1Score(String name, String average, Double threshold) {
    super(name);
    if (!List.of("macro", "micro", "weighted").contains(average)) {
      throw new IllegalArgumentException(name + ": average must be 'macro', 'micro' or 'weighted' (Keras4J logs"
          + " one number per metric), but got average=" + average + ".");
    }
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          name + ": threshold must be in (0, 1], but got threshold=" + threshold + ".");
    }
    this.average = average;
    this.threshold = threshold;
  }

  @Override
  public Operand<TFloat32> batchState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> predicted;
    if (threshold == null) {
      Operand<TFloat32> max = tf.max(yPred, tf.constant(-1), Max.keepDims(true));
      predicted = tf.dtypes.cast(tf.math.greaterEqual(yPred, max), TFloat32.class);
    } else {
      predicted = tf.dtypes.cast(tf.math.greater(yPred, tf.constant(threshold.floatValue())), TFloat32.class);
    }
    long classes = yPred.shape().size(-1);
    Operand<TFloat32> y = tf.reshape(yTrue, tf.constant(new long[] {-1, classes}));
    Operand<TFloat32> p = tf.reshape(predicted, tf.constant(new long[] {-1, classes}));
    Operand<TFloat32> one = tf.constant(1f);
    Operand<org.tensorflow.types.TInt32> batchAxis = tf.constant(0);
    Operand<TFloat32> tp = tf.sum(tf.math.mul(y, p), batchAxis);
    Operand<TFloat32> fp = tf.sum(tf.math.mul(tf.math.sub(one, y), p), batchAxis);
    Operand<TFloat32> fn = tf.sum(tf.math.mul(y, tf.math.sub(one, p)), batchAxis);
    return tf.concat(List.of(tp, fp, fn), tf.constant(0));
  }

  @Override
  public double result(double[] state, long samples) {
    int c = state.length / 3;
    double[] tp = java.util.Arrays.copyOfRange(state, 0, c);
    double[] fp = java.util.Arrays.copyOfRange(state, c, 2 * c);
    double[] fn = java.util.Arrays.copyOfRange(state, 2 * c, 3 * c);
    if (average.equals("micro")) {
      return f1(java.util.Arrays.stream(tp).sum(), java.util.Arrays.stream(fp).sum(),
          java.util.Arrays.stream(fn).sum());
    }
    double total = 0;
    double weights = 0;
    for (int i = 0; i < c; i++) {
      weights += tp[i] + fn[i];
    }
    for (int i = 0; i < c; i++) {
      double f1 = f1(tp[i], fp[i], fn[i]);
      total += average.equals("weighted") ? f1 * (tp[i] + fn[i]) / (weights + EPSILON) : f1 / c;
    }
    return total;
  }

  private static double f1(double tp, double fp, double fn) {
    double precision = tp / (tp + fp + EPSILON);
    double recall = tp / (tp + fn + EPSILON);
    return 2 * precision * recall / (precision + recall + EPSILON);
  }
}
