package io.github.keras4j.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The accuracy metrics of Keras: {@link #sparseCategorical}, {@link #categorical} and {@link #binary}.
 * {@code "accuracy"} in {@code compile} resolves to one of them as Keras does (see {@link Metrics#get}).
 */
public final class Accuracy extends Metric {
  /** Which comparison an accuracy makes. */
  public enum Kind {
    /** {@code argmax(p) == label}. */
    SPARSE_CATEGORICAL,
    /** {@code argmax(p) == argmax(y)}. */
    CATEGORICAL,
    /** {@code (p > threshold) == y}, averaged over the last axis. */
    BINARY
  }

  private final Kind kind;
  private final float threshold;

  private Accuracy(String name, Kind kind, float threshold) {
    super(name);
    this.kind = kind;
    this.threshold = threshold;
  }

  /** {@code sparse_categorical_accuracy}, logged under {@code name}. */
  public static Accuracy sparseCategorical(String name) {
    return new Accuracy(name, Kind.SPARSE_CATEGORICAL, 0.5f);
  }

  /** {@code categorical_accuracy}, logged under {@code name}. */
  public static Accuracy categorical(String name) {
    return new Accuracy(name, Kind.CATEGORICAL, 0.5f);
  }

  /** {@code binary_accuracy} with threshold 0.5, logged under {@code name}. */
  public static Accuracy binary(String name) {
    return new Accuracy(name, Kind.BINARY, 0.5f);
  }

  /** Returns the comparison this accuracy makes. */
  public Kind kind() {
    return kind;
  }

  @Override
  public boolean sparseLabels() {
    return kind == Kind.SPARSE_CATEGORICAL;
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TInt64> lastAxis = tf.constant(-1L);
    return switch (kind) {
      case SPARSE_CATEGORICAL -> {
        Operand<TFloat32> predicted = tf.dtypes.cast(tf.math.argMax(yPred, lastAxis), TFloat32.class);
        Operand<TFloat32> labels = tf.reshape(yTrue, tf.constant(new long[] {-1}));
        yield tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
      }
      case CATEGORICAL -> tf.dtypes.cast(
          tf.math.equal(tf.math.argMax(yPred, lastAxis), tf.math.argMax(yTrue, lastAxis)), TFloat32.class);
      case BINARY -> {
        Operand<TFloat32> predicted =
            tf.dtypes.cast(tf.math.greater(yPred, tf.constant(threshold)), TFloat32.class);
        Operand<TFloat32> hits = tf.dtypes.cast(tf.math.equal(predicted, yTrue), TFloat32.class);
        int rank = yPred.shape().numDimensions();
        yield rank <= 1 ? hits : tf.math.mean(hits, tf.constant(-1));
      }
    };
  }
}
