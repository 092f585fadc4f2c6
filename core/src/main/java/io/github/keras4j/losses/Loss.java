package io.github.keras4j.losses;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A training objective, as Keras's {@code keras.losses.Loss}. The model minimizes the mean of
 * {@link #perSample} over each batch (Keras's {@code sum_over_batch_size} reduction); the epoch's reported loss is
 * the mean over all samples of the epoch.
 *
 * <p>Built-ins: {@link SparseCategoricalCrossentropy}, {@link CategoricalCrossentropy},
 * {@link BinaryCrossentropy}, {@link MeanSquaredError}; look them up by Keras name with {@link Losses#get}.
 */
public abstract class Loss {
  /** Cross-entropies clip probabilities to {@code [EPSILON, 1 - EPSILON]}, as Keras's {@code backend.epsilon()}. */
  public static final float EPSILON = 1e-7f;

  private final String name;

  /** Creates a loss with its Keras function name (e.g. {@code sparse_categorical_crossentropy}). */
  protected Loss(String name) {
    this.name = name;
  }

  /** Returns the Keras function name, written to {@code training_config}. */
  public String name() {
    return name;
  }

  /** Returns whether labels are class indices (one number per sample) rather than arrays shaped like the output. */
  public boolean sparseLabels() {
    return false;
  }

  /**
   * Returns the loss of each sample, shape {@code (batch,)}.
   *
   * @param yTrue the labels: {@code (batch,)} class indices as floats when {@link #sparseLabels()}, else shaped
   *     like {@code yPred}
   * @param yPred the model's output
   */
  public abstract Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred);

  /** Returns the Keras config of this loss. */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("reduction", "auto");
    config.put("name", name);
    return config;
  }

  /**
   * Returns the logits behind {@code output} if it was produced by the given op type (Keras takes this shortcut
   * for numerical stability when a softmax or sigmoid output feeds a cross-entropy), else {@code null}.
   */
  @SuppressWarnings("unchecked")
  static Operand<TFloat32> logitsBehind(Operand<TFloat32> output, String opType) {
    if (output.op() instanceof GraphOperation op && op.type().equals(opType) && op.numInputs() == 1) {
      return (Operand<TFloat32>) op.input(0);
    }
    return null;
  }

  /** Reduces every axis after the batch axis by its mean, leaving {@code (batch,)}. */
  static Operand<TFloat32> meanOverNonBatchAxes(Ops tf, Operand<TFloat32> values) {
    int rank = values.shape().numDimensions();
    if (rank <= 1) {
      return values;
    }
    int[] axes = new int[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return tf.math.mean(values, tf.constant(axes));
  }

  /** Maps hinge labels in {0, 1} to {-1, 1} when every label is 0 or 1, as Keras's hinge losses do. */
  static Operand<TFloat32> hingeLabels(Ops tf, Operand<TFloat32> yTrue) {
    Operand<org.tensorflow.types.TBool> isBinary = tf.reduceAll(
        tf.math.logicalOr(tf.math.equal(yTrue, tf.constant(0f)), tf.math.equal(yTrue, tf.constant(1f))),
        allAxes(tf, yTrue));
    Operand<TFloat32> mapped = tf.math.sub(tf.math.mul(tf.constant(2f), yTrue), tf.constant(1f));
    return tf.select(isBinary, mapped, yTrue);
  }

  /** The hinge margin {@code max(1 - y * yPred, 0)}, with the labels mapped as {@link #hingeLabels}. */
  static Operand<TFloat32> hingeMargin(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> y = hingeLabels(tf, yTrue);
    return tf.math.maximum(tf.math.sub(tf.constant(1f), tf.math.mul(y, yPred)), tf.constant(0f));
  }

  static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }

  /**
   * Returns whether the config holds only Keras's defaults, so that {@code training_config} can name the loss by
   * its function name; otherwise it is written as {@code {"class_name", "config"}}.
   */
  public boolean hasDefaultConfig() {
    return true;
  }

  @Override
  public String toString() {
    return name;
  }
}
