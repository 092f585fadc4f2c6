package io.github.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * Pushes the rows (or columns) of a 2-D weight towards orthogonality, as Keras's {@code OrthogonalRegularizer}.
 * With {@code n} the rows of {@code x} l2-normalized ({@code x / sqrt(max(sum(x^2), 1e-7))}), {@code P = n n^T}
 * and {@code k} the number of rows:
 *
 * <pre>
 * penalty = factor * 0.5 * sum(|P - diag(P)|) / (k (k - 1) / 2)
 * </pre>
 *
 * ({@code mode = "columns"} uses {@code n^T n} over the columns). Defaults {@code factor = 0.01},
 * {@code mode = "rows"}.
 */
public final class OrthogonalRegularizer implements Regularizer {
  private final double factor;
  private final String mode;

  /** Creates {@code OrthogonalRegularizer(factor=0.01, mode="rows")}. */
  public OrthogonalRegularizer() {
    this(0.01, "rows");
  }

  /**
   * Creates the regularizer.
   *
   * @param mode {@code "rows"} or {@code "columns"}
   * @throws IllegalArgumentException for a negative factor or another mode
   */
  public OrthogonalRegularizer(double factor, String mode) {
    this.factor = Regularizer.checkFactor("OrthogonalRegularizer", "factor", factor);
    if (!"rows".equals(mode) && !"columns".equals(mode)) {
      throw new IllegalArgumentException(
          "OrthogonalRegularizer: mode must be 'rows' or 'columns', but got mode=" + mode + ".");
    }
    this.mode = mode;
  }

  /** Returns the factor. */
  public double factor() {
    return factor;
  }

  /** Returns {@code rows} or {@code columns}. */
  public String mode() {
    return mode;
  }

  @Override
  public String className() {
    return "OrthogonalRegularizer";
  }

  @Override
  public Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> x) {
    if (x.shape().numDimensions() != 2) {
      throw new IllegalArgumentException(
          "OrthogonalRegularizer: inputs must have rank 2, but received shape " + x.shape()
              + ". Use it on Dense kernels (or other 2-D weights).");
    }
    boolean rows = mode.equals("rows");
    int axis = rows ? 1 : 0;
    Operand<TFloat32> squareSum = tf.sum(tf.math.square(x), tf.constant(axis), Sum.keepDims(true));
    Operand<TFloat32> n = tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squareSum, tf.constant(1e-7f))));
    Operand<TFloat32> product =
        rows
            ? tf.linalg.matMul(n, n, org.tensorflow.op.linalg.MatMul.transposeB(true))
            : tf.linalg.matMul(n, n, org.tensorflow.op.linalg.MatMul.transposeA(true));
    long size = x.shape().size(rows ? 0 : 1);
    float[][] mask = new float[(int) size][(int) size];
    for (int i = 0; i < size; i++) {
      java.util.Arrays.fill(mask[i], 1f);
      mask[i][i] = 0f;
    }
    Operand<TFloat32> offDiagonal = tf.math.mul(product, tf.constant(mask));
    double numPairs = size * (size - 1.0) / 2.0;
    Operand<TFloat32> total = tf.sum(tf.math.abs(offDiagonal), tf.constant(new int[] {0, 1}));
    return tf.math.mul(total, tf.constant((float) (factor * 0.5 / numPairs)));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("factor", factor);
    config.put("mode", mode);
    return config;
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
