package io.github.keras4j.losses;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What {@link BinaryCrossentropy} and {@link CategoricalCrossentropy} share: Keras's {@code from_logits} and
 * {@code label_smoothing} arguments (checked, readable, in the config) and the smoothing of the labels.
 */
abstract class SmoothedCrossentropy extends Loss {
  private final boolean fromLogits;
  private final double labelSmoothing;

  /**
   * Creates the loss; {@code owner} names it in error messages.
   *
   * @throws IllegalArgumentException if labelSmoothing is outside {@code [0, 1]}
   */
  SmoothedCrossentropy(String name, String owner, boolean fromLogits, double labelSmoothing) {
    super(name);
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          owner + ": label_smoothing must be in [0, 1], but got label_smoothing=" + labelSmoothing + ".");
    }
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("from_logits", fromLogits);
    config.put("label_smoothing", labelSmoothing);
    return config;
  }

  /** Returns the label smoothing. */
  public double labelSmoothing() {
    return labelSmoothing;
  }

  @Override
  public boolean hasDefaultConfig() {
    return !fromLogits && labelSmoothing == 0;
  }

  /** Returns whether predictions are logits. */
  public boolean fromLogits() {
    return fromLogits;
  }

  /** Keras's label smoothing: {@code yTrue * (1 - s) + offset}, or the labels as they are when s is 0. */
  Operand<TFloat32> smoothLabels(Ops tf, Operand<TFloat32> yTrue, float offset) {
    if (labelSmoothing > 0) {
      return tf.math.add(tf.math.mul(yTrue, tf.constant((float) (1 - labelSmoothing))), tf.constant(offset));
    }
    return yTrue;
  }
}
