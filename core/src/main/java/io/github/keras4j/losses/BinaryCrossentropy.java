package io.github.keras4j.losses;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Cross-entropy for 0/1 labels, as Keras's {@code BinaryCrossentropy}:
 * {@code -mean(y * log(p) + (1 - y) * log(1 - p))} over the last axis. A sigmoid output is handled through its
 * logits as Keras does ({@code sigmoid_cross_entropy_with_logits}); other outputs are clipped to
 * {@code [1e-7, 1 - 1e-7]}.
 */
public class BinaryCrossentropy extends SmoothedCrossentropy {
  /** Creates the loss for probabilities (Keras's default). */
  public BinaryCrossentropy() {
    this(false);
  }

  /**
   * Creates the loss.
   *
   * @param fromLogits whether the model outputs logits rather than probabilities
   */
  public BinaryCrossentropy(boolean fromLogits) {
    this(fromLogits, 0.0);
  }

  /**
   * Creates the loss with label smoothing, as Keras: labels become {@code y * (1 - s) + 0.5 * s}.
   *
   * @param labelSmoothing in {@code [0, 1]}; 0 (default) leaves labels as they are
   * @throws IllegalArgumentException if labelSmoothing is outside {@code [0, 1]}
   */
  public BinaryCrossentropy(boolean fromLogits, double labelSmoothing) {
    super("binary_crossentropy", "BinaryCrossentropy", fromLogits, labelSmoothing);
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    yTrue = smoothLabels(tf, yTrue, (float) (0.5 * labelSmoothing()));
    Operand<TFloat32> logits = fromLogits() ? yPred : logitsBehind(yPred, "Sigmoid");
    Operand<TFloat32> elementwise;
    if (logits != null) {
      // max(x, 0) - x * z + log(1 + exp(-|x|))
      elementwise =
          tf.math.add(
              tf.math.sub(tf.nn.relu(logits), tf.math.mul(logits, yTrue)),
              tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(logits)))));
    } else {
      Operand<TFloat32> eps = tf.constant(EPSILON);
      Operand<TFloat32> one = tf.constant(1f);
      Operand<TFloat32> p = tf.clipByValue(yPred, eps, tf.constant(1f - EPSILON));
      Operand<TFloat32> pos = tf.math.mul(yTrue, tf.math.log(tf.math.add(p, eps)));
      Operand<TFloat32> neg =
          tf.math.mul(tf.math.sub(one, yTrue), tf.math.log(tf.math.add(tf.math.sub(one, p), eps)));
      elementwise = tf.math.neg(tf.math.add(pos, neg));
    }
    return meanOverNonBatchAxes(tf, elementwise);
  }
}
