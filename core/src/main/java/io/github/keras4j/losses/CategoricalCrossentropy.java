package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * Cross-entropy between one-hot labels and predicted class probabilities, as Keras's
 * {@code CategoricalCrossentropy}: {@code -sum(y * log(p))}. A softmax output is handled through its logits as
 * Keras does; other outputs are renormalized and clipped to {@code [1e-7, 1 - 1e-7]}.
 */
public class CategoricalCrossentropy extends SmoothedCrossentropy {
  /** Creates the loss for probabilities (Keras's default). */
  public CategoricalCrossentropy() {
    this(false);
  }

  /**
   * Creates the loss.
   *
   * @param fromLogits whether the model outputs logits rather than probabilities
   */
  public CategoricalCrossentropy(boolean fromLogits) {
    this(fromLogits, 0.0);
  }

  /**
   * Creates the loss with label smoothing, as Keras: labels become {@code y * (1 - s) + s / classes}.
   *
   * @param labelSmoothing in {@code [0, 1]}; 0 (default) leaves labels as they are
   * @throws IllegalArgumentException if labelSmoothing is outside {@code [0, 1]}
   */
  public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
    super("categorical_crossentropy", "CategoricalCrossentropy", fromLogits, labelSmoothing);
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    float classes = yPred.shape().size(-1);
    yTrue = smoothLabels(tf, yTrue, (float) labelSmoothing() / classes);
    Operand<TFloat32> logits = fromLogits() ? yPred : logitsBehind(yPred, "Softmax");
    if (logits != null && yPred.shape().numDimensions() == 2) {
      return tf.nn.softmaxCrossEntropyWithLogits(logits, yTrue).loss();
    }
    Operand<TFloat32> p = yPred;
    if (logits != null) {
      p = tf.nn.softmax(logits);
    }
    p = tf.math.div(p, tf.sum(p, tf.constant(-1), Sum.keepDims(true)));
    p = tf.clipByValue(p, tf.constant(EPSILON), tf.constant(1f - EPSILON));
    Operand<TFloat32> ce = tf.math.neg(tf.sum(tf.math.mul(yTrue, tf.math.log(p)), tf.constant(-1)));
    return meanOverNonBatchAxes(tf, ce);
  }
}
