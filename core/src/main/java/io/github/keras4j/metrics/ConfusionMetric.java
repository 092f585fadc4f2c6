package io.github.keras4j.metrics;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Precision and Recall, as Keras's {@code Precision} and {@code Recall} with one threshold: every element of the
 * output is a prediction {@code p > threshold} of its label (0 or 1), counted over the whole epoch.
 *
 * <pre>
 * precision = tp / (tp + fp)        recall = tp / (tp + fn)        (0 when the denominator is 0)
 * </pre>
 *
 * With {@code classId}, only that column of the output and labels is counted.
 */
public final class ConfusionMetric extends StatefulMetric {
  /** Which ratio the metric reports. */
  public enum Kind {
    /** {@code tp / (tp + fp)}. */
    PRECISION,
    /** {@code tp / (tp + fn)}. */
    RECALL
  }

  private final Kind kind;
  private final double threshold;
  private final Integer classId;

  private ConfusionMetric(String name, Kind kind, double threshold, Integer classId) {
    super(name);
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException(
          name + ": threshold values must be in [0, 1], but got thresholds=" + threshold + ".");
    }
    if (classId != null && classId < 0) {
      throw new IllegalArgumentException(name + ": class_id must be >= 0, but got class_id=" + classId + ".");
    }
    this.kind = kind;
    this.threshold = threshold;
    this.classId = classId;
  }

  /** Keras's {@code Precision()}: threshold 0.5, logged as {@code precision}. */
  public static ConfusionMetric precision() {
    return precision("precision", 0.5, null);
  }

  /** Keras's {@code Precision(thresholds, class_id)}, logged under {@code name}; {@code classId} may be null. */
  public static ConfusionMetric precision(String name, double threshold, Integer classId) {
    return new ConfusionMetric(name, Kind.PRECISION, threshold, classId);
  }

  /** Keras's {@code Recall()}: threshold 0.5, logged as {@code recall}. */
  public static ConfusionMetric recall() {
    return recall("recall", 0.5, null);
  }

  /** Keras's {@code Recall(thresholds, class_id)}, logged under {@code name}; {@code classId} may be null. */
  public static ConfusionMetric recall(String name, double threshold, Integer classId) {
    return new ConfusionMetric(name, Kind.RECALL, threshold, classId);
  }

  /** Returns which ratio the metric reports. */
  public Kind kind() {
    return kind;
  }

  @Override
  public Operand<TFloat32> batchState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = yTrue;
    Operand<TFloat32> p = yPred;
    if (classId != null) {
      long classes = yPred.shape().size(-1);
      if (classId >= classes) {
        throw new IllegalArgumentException(name() + ": class_id=" + classId + " is out of range for outputs with "
            + classes + " classes.");
      }
      y = tf.gather(y, tf.constant(classId), tf.constant(-1));
      p = tf.gather(p, tf.constant(classId), tf.constant(-1));
    }
    Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.greater(p, tf.constant((float) threshold)), TFloat32.class);
    Operand<TFloat32> tp = sumAll(tf, tf.math.mul(y, predicted));
    Operand<TFloat32> other = kind == Kind.PRECISION
        ? sumAll(tf, tf.math.mul(tf.math.sub(tf.constant(1f), y), predicted))
        : sumAll(tf, tf.math.mul(y, tf.math.sub(tf.constant(1f), predicted)));
    return tf.stack(List.of(tp, other));
  }

  @Override
  public double result(double[] state, long samples) {
    return divideNoNan(state[0], state[0] + state[1]);
  }
}
