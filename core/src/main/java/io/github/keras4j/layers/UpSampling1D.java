package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Repeats each step {@code size} times, as Keras's {@code UpSampling1D}:
 * {@code (batch, steps, features) → (batch, steps·size, features)}, {@code out[t] = in[floor(t / size)]}.
 * Default size 2.
 *
 * <pre>{@code
 * new UpSampling1D(3)
 * }</pre>
 */
public class UpSampling1D extends Layer {
  private final int size;

  /** Creates the layer with size 2. */
  public UpSampling1D() {
    this(2);
  }

  /**
   * Creates the layer.
   *
   * @param size how many times each step is repeated; positive
   */
  public UpSampling1D(int size) {
    this.size = ConvUtils.positiveSingle("UpSampling1D", "size", size);
  }

  /** Returns the repetition factor. */
  public int size() {
    return size;
  }

  @Override
  public UpSampling1D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public UpSampling1D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (size == 1) {
      return x;
    }
    // (b, t, f) → (b, t, 1, f) → tile (b, t, size, f) → (b, t·size, f): each step repeated in place.
    Operand<TFloat32> x4 = tf.expandDims(x, tf.constant(2));
    Operand<TFloat32> tiled = tf.tile(x4, tf.constant(new int[] {1, 1, size, 1}));
    long steps = x.shape().size(1);
    long features = x.shape().size(2);
    return tf.reshape(tiled, tf.constant(new long[] {-1, steps < 0 ? -1 : steps * size, features}));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, ConvUtils.CHANNELS_LAST);
    long steps = inputShape.size(1);
    if (inputShape.size(2) < 0) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "the feature dimension must be defined", "(None, steps, features)", inputShape);
    }
    return Shape.of(inputShape.size(0), steps < 0 ? -1 : steps * size, inputShape.size(2));
  }

  /** Creates the layer from its Keras config ({@code size}, default 2). */
  public static UpSampling1D fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new UpSampling1D(ConvUtils.configSingle(config, "size", "UpSampling1D", 2)), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("size", size);
    return config;
  }
}
