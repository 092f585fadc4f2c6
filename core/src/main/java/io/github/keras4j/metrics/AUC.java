package io.github.keras4j.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Area under the ROC or precision-recall curve over the epoch, as Keras's {@code AUC} with
 * {@code summation_method="interpolation"}: the confusion counts of every output element at
 * {@code num_thresholds} thresholds ({@code -1e-7, 1/(n-1), …, (n-2)/(n-1), 1 + 1e-7}) are summed over the epoch,
 * then the ROC curve is integrated with the trapezoidal rule and the PR curve with Davis and Goadrich's
 * interpolation, as Keras does. Defaults: 200 thresholds, curve ROC.
 *
 * <pre>{@code
 * model.compile(new Adam(), "binary_crossentropy", "auc");   // or AUC.pr("pr_auc") through compile's metric objects
 * }</pre>
 */
public final class AUC extends StatefulMetric {
  /** Which curve is integrated. */
  public enum Curve {
    /** True-positive rate against false-positive rate. */
    ROC,
    /** Precision against recall. */
    PR
  }

  private static final double EPSILON = 1e-7;
  private final Curve curve;
  private final float[] thresholds;

  /** Creates Keras's default {@code AUC()}: ROC, 200 thresholds, logged as {@code auc}. */
  public AUC() {
    this("auc", Curve.ROC, 200);
  }

  /**
   * Creates the metric.
   *
   * @param numThresholds more than 1
   * @throws IllegalArgumentException for fewer than 2 thresholds
   */
  public AUC(String name, Curve curve, int numThresholds) {
    super(name);
    this.curve = java.util.Objects.requireNonNull(curve, "curve");
    if (numThresholds <= 1) {
      throw new IllegalArgumentException(
          name + ": num_thresholds must be > 1, but got num_thresholds=" + numThresholds + ".");
    }
    thresholds = new float[numThresholds];
    thresholds[0] = (float) -EPSILON;
    for (int i = 1; i < numThresholds - 1; i++) {
      thresholds[i] = (float) (i * 1.0 / (numThresholds - 1));
    }
    thresholds[numThresholds - 1] = (float) (1 + EPSILON);
  }

  /** Returns the curve. */
  public Curve curve() {
    return curve;
  }

  /** Parses Keras's {@code curve} config value ({@code "ROC"} or {@code "PR"}). */
  public static Curve curve(String value) {
    try {
      return Curve.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("AUC: curve must be 'ROC' or 'PR', but got curve=" + value + ".", e);
    }
  }

  @Override
  public Operand<TFloat32> batchState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    int n = thresholds.length;
    Operand<TFloat32> y = tf.reshape(flat(tf, yTrue), tf.constant(new long[] {1, -1}));
    Operand<TFloat32> p = tf.reshape(flat(tf, yPred), tf.constant(new long[] {1, -1}));
    Operand<TFloat32> t = tf.reshape(tf.constant(thresholds), tf.constant(new long[] {n, 1}));
    Operand<TFloat32> above = tf.dtypes.cast(tf.math.greater(p, t), TFloat32.class); // (n, elements)
    Operand<TFloat32> notY = tf.math.sub(tf.constant(1f), y);
    Operand<TFloat32> below = tf.math.sub(tf.constant(1f), above);
    Operand<org.tensorflow.types.TInt32> axis = tf.constant(1);
    List<Operand<TFloat32>> parts = new ArrayList<>();
    parts.add(tf.sum(tf.math.mul(above, y), axis));     // tp
    parts.add(tf.sum(tf.math.mul(above, notY), axis));  // fp
    parts.add(tf.sum(tf.math.mul(below, notY), axis));  // tn
    parts.add(tf.sum(tf.math.mul(below, y), axis));     // fn
    return tf.concat(parts, tf.constant(0));
  }

  @Override
  public double result(double[] state, long samples) {
    int n = thresholds.length;
    double[] tp = new double[n];
    double[] fp = new double[n];
    double[] tn = new double[n];
    double[] fn = new double[n];
    System.arraycopy(state, 0, tp, 0, n);
    System.arraycopy(state, n, fp, 0, n);
    System.arraycopy(state, 2 * n, tn, 0, n);
    System.arraycopy(state, 3 * n, fn, 0, n);
    if (curve == Curve.PR) {
      return interpolatePrAuc(tp, fp, fn);
    }
    double sum = 0;
    for (int i = 0; i < n - 1; i++) {
      double recall0 = divideNoNan(tp[i], tp[i] + fn[i]);
      double recall1 = divideNoNan(tp[i + 1], tp[i + 1] + fn[i + 1]);
      double fpr0 = divideNoNan(fp[i], fp[i] + tn[i]);
      double fpr1 = divideNoNan(fp[i + 1], fp[i + 1] + tn[i + 1]);
      sum += (fpr0 - fpr1) * (recall0 + recall1) / 2.0;
    }
    return sum;
  }

  /** Keras's {@code interpolate_pr_auc} (Davis &amp; Goadrich 2006). */
  private static double interpolatePrAuc(double[] tp, double[] fp, double[] fn) {
    double sum = 0;
    for (int i = 0; i < tp.length - 1; i++) {
      double dtp = tp[i] - tp[i + 1];
      double p0 = tp[i] + fp[i];
      double p1 = tp[i + 1] + fp[i + 1];
      double dp = p0 - p1;
      double precSlope = divideNoNan(dtp, Math.max(dp, 0));
      double intercept = tp[i + 1] - precSlope * p1;
      double safePRatio = p0 > 0 && p1 > 0 ? divideNoNan(p0, Math.max(p1, 0)) : 1.0;
      sum += divideNoNan(precSlope * (dtp + intercept * Math.log(safePRatio)), Math.max(tp[i + 1] + fn[i + 1], 0));
    }
    return sum;
  }
}
