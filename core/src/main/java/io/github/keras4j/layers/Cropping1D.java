package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Removes steps at the start and the end of each sequence, as Keras's {@code Cropping1D}:
 * {@code (batch, steps, features) → (batch, steps - start - end, features)}. Default 1 on each side.
 *
 * <pre>{@code
 * new Cropping1D(2, 1)     // drop the first 2 and the last step
 * }</pre>
 */
public class Cropping1D extends Layer {
  private final int start;
  private final int end;

  /**
   * Creates the layer: one value crops both ends; two are (start, end). Default 1.
   *
   * @throws IllegalArgumentException for a negative value or more than two values
   */
  public Cropping1D(int... cropping) {
    int[] c = ZeroPadding1D.sides("Cropping1D", "cropping", cropping, 1);
    this.start = c[0];
    this.end = c[1];
  }

  /** Returns (start, end). */
  public int[] cropping() {
    return new int[] {start, end};
  }

  @Override
  public Cropping1D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Cropping1D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long steps = x.shape().size(1);
    if (steps >= 0) {
      return tf.slice(
          x, tf.constant(new int[] {0, start, 0}), tf.constant(new int[] {-1, (int) steps - start - end, -1}));
    }
    Operand<org.tensorflow.types.TInt32> dynamicSteps =
        tf.slice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {1}));
    Operand<org.tensorflow.types.TInt32> size = tf.concat(List.of(
        tf.constant(new int[] {-1}), tf.math.sub(dynamicSteps, tf.constant(new int[] {start + end})),
        tf.constant(new int[] {-1})), tf.constant(0));
    return tf.slice(x, tf.constant(new int[] {0, start, 0}), size);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, ConvUtils.CHANNELS_LAST);
    long steps = inputShape.size(1);
    if (steps >= 0 && steps - start - end <= 0) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "cropping (" + start + ", " + end + ") removes all " + steps + " steps",
          "(None, more than " + (start + end) + " steps, features)", inputShape);
    }
    return Shape.of(inputShape.size(0), steps < 0 ? -1 : steps - start - end, inputShape.size(2));
  }

  /** Creates the layer from its Keras config ({@code cropping}: an int or a pair). */
  public static Cropping1D fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(
        new Cropping1D(ZeroPadding1D.configSides(config, "cropping", "Cropping1D", 1)), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("cropping", List.of(start, end));
    return config;
  }
}
