package io.github.keras4j.losses;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Cross-entropy between integer class labels and predicted class probabilities, as Keras's
 * {@code SparseCategoricalCrossentropy}: {@code -log(p[label])}.
 *
 * <p>Labels are class indices {@code 0 … classes-1}, one per sample. When the model's output is a softmax, the loss
 * is computed from its logits like Keras does (stable, and trainable in TF Java, whose sparse cross-entropy op has
 * no gradient); otherwise from the probabilities clipped to {@code [1e-7, 1 - 1e-7]}.
 */
public class SparseCategoricalCrossentropy extends Loss {
  private final boolean fromLogits;

  /** Creates the loss for probabilities (Keras's default). */
  public SparseCategoricalCrossentropy() {
    this(false);
  }

  /**
   * Creates the loss.
   *
   * @param fromLogits whether the model outputs logits rather than probabilities
   */
  public SparseCategoricalCrossentropy(boolean fromLogits) {
    super("sparse_categorical_crossentropy");
    this.fromLogits = fromLogits;
  }

  /** Returns whether predictions are logits. */
  public boolean fromLogits() {
    return fromLogits;
  }

  @Override
  public boolean hasDefaultConfig() {
    return !fromLogits;
  }

  @Override
  public boolean sparseLabels() {
    return true;
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    int classes = (int) yPred.shape().size(-1);
    Operand<TFloat32> logits = fromLogits ? yPred : logitsBehind(yPred, "Softmax");
    if (logits == null) {
      logits =
          tf.math.log(
              tf.clipByValue(yPred, tf.constant(EPSILON), tf.constant(1f - EPSILON)));
    }
    Operand<TInt64> labels = tf.dtypes.cast(tf.reshape(yTrue, tf.constant(new long[] {-1})), TInt64.class);
    Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    return tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("from_logits", fromLogits);
    return config;
  }
}
