package io.github.keras4j.metrics;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;

/**
 * F-beta score over the epoch, as Keras's {@code FBetaScore}: per class, with {@code eps = 1e-7},
 * {@code precision = tp / (tp + fp + eps)}, {@code recall = tp / (tp + fn + eps)} and
 * {@code f = (1 + beta^2) * precision * recall / (beta^2 * precision + recall + eps)}; averaged {@code "macro"}
 * (mean over classes), {@code "micro"} (counts summed over classes first) or {@code "weighted"} (by each class's
 * true count). Without a threshold a sample's predicted class is its largest output; with one, every output above
 * it. {@code beta > 1} weighs recall more, {@code beta < 1} precision; {@link F1Score} is {@code beta = 1}.
 *
 * <p>Keras's default {@code average=None} returns one value per class; Keras4J's logs (and so {@code History},
 * callbacks, {@code CSVLogger}) hold one number per metric, so the default here is {@code "macro"}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new CategoricalCrossentropy(), List.of(new FBetaScore("f2", "macro", 2.0, null)));
 * }</pre>
 */
public class FBetaScore extends StatefulMetric {
  private static final double EPSILON = 1e-7;
  private final String average;
  private final double beta;
  private final Double threshold;

  /** Creates {@code FBetaScore(average="macro", beta=1.0)}, logged as {@code fbeta_score}. */
  public FBetaScore() {
    this("fbeta_score", "macro", 1.0, null);
  }

  /**
   * Creates the metric.
   *
   * @param average {@code "macro"}, {@code "micro"} or {@code "weighted"}
   * @param beta the weight of recall against precision, positive (Keras's default 1.0)
   * @param threshold null for the largest output per sample, else in {@code (0, 1]}
   * @throws IllegalArgumentException for another average, a beta that is not positive, or a threshold outside
   *     {@code (0, 1]}
   */
  public FBetaScore(String name, String average, double beta, Double threshold) {
    super(name);
    if (!(beta > 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException(
          name + ": beta must be a positive number, but got beta=" + beta + ".");
    }
    this.beta = beta;
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

  private double f1(double tp, double fp, double fn) {
    double precision = tp / (tp + fp + EPSILON);
    double recall = tp / (tp + fn + EPSILON);
    double b2 = beta * beta;
    return (1 + b2) * precision * recall / (b2 * precision + recall + EPSILON);
  }

  /** Returns {@code average}. */
  public String average() {
    return average;
  }

  /** Returns {@code beta}. */
  public double beta() {
    return beta;
  }

  /** Returns {@code threshold}, or {@code null} for the largest output per sample. */
  public Double threshold() {
    return threshold;
  }
}
