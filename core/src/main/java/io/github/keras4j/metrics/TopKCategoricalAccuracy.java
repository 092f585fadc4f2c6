package io.github.keras4j.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Whether the label is among the {@code k} largest outputs, as Keras's {@code TopKCategoricalAccuracy} (one-hot
 * labels) and {@code SparseTopKCategoricalAccuracy} (class indices); default {@code k = 5}.
 */
public final class TopKCategoricalAccuracy extends Metric {
  private final int k;
  private final boolean sparse;

  private TopKCategoricalAccuracy(String name, int k, boolean sparse) {
    super(name);
    if (k < 1) {
      throw new IllegalArgumentException(name + ": k must be >= 1, but got k=" + k + ".");
    }
    this.k = k;
    this.sparse = sparse;
  }

  /** {@code top_k_categorical_accuracy} for one-hot labels, logged under {@code name}. */
  public static TopKCategoricalAccuracy categorical(String name, int k) {
    return new TopKCategoricalAccuracy(name, k, false);
  }

  /** {@code sparse_top_k_categorical_accuracy} for class-index labels, logged under {@code name}. */
  public static TopKCategoricalAccuracy sparse(String name, int k) {
    return new TopKCategoricalAccuracy(name, k, true);
  }

  /** Returns k. */
  public int k() {
    return k;
  }

  @Override
  public boolean sparseLabels() {
    return sparse;
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TInt32> labels = sparse
        ? tf.dtypes.cast(tf.reshape(yTrue, tf.constant(new long[] {-1})), TInt32.class)
        : tf.dtypes.cast(tf.math.argMax(yTrue, tf.constant(-1)), TInt32.class);
    return tf.dtypes.cast(tf.nn.inTopK(yPred, labels, tf.constant(k)), TFloat32.class);
  }
}
