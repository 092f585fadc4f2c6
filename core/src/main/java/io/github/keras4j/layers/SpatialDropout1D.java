package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Drops whole feature channels of a sequence during training, as Keras's {@code SpatialDropout1D}: for each sample
 * a fraction {@code rate} of the channels is set to 0 at every step, and the rest are scaled by
 * {@code 1 / (1 - rate)} (Dropout with noise shape {@code (batch, 1, channels)}); the identity at inference.
 * Input and output {@code (batch, steps, channels)}.
 *
 * <pre>{@code
 * new SpatialDropout1D(0.2)
 * }</pre>
 */
public class SpatialDropout1D extends Dropout {
  /**
   * Creates the layer.
   *
   * @param rate the fraction of channels to drop, in {@code [0, 1)}
   */
  public SpatialDropout1D(double rate) {
    super(rate);
  }

  /**
   * Refuses: the noise shape of a spatial dropout is fixed to {@code (batch, 1, channels)}.
   *
   * @throws IllegalArgumentException always
   */
  @Override
  public SpatialDropout1D noiseShape(long... noiseShape) {
    throw fixedNoiseShape("(batch, 1, channels)");
  }

  @Override
  public SpatialDropout1D seed(long seed) {
    super.seed(seed);
    return this;
  }

  @Override
  public SpatialDropout1D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public SpatialDropout1D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  /** Passes an input mask through unchanged, as Keras's Dropout layers. */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  /** Returns the mask shape {@code (batch, 1, channels)}: one decision per channel, shared by every step. */
  @Override
  protected Operand<TInt32> maskShape(Ops tf, Operand<TFloat32> x) {
    Operand<TInt32> shape = tf.shape(x);
    return tf.concat(java.util.List.of(
        tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {1})), tf.constant(new int[] {1}),
        tf.slice(shape, tf.constant(new int[] {2}), tf.constant(new int[] {1}))), tf.constant(0));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, ConvUtils.CHANNELS_LAST);
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static SpatialDropout1D fromConfig(Map<String, Object> config) {
    return configureSeed(new SpatialDropout1D(Configs.getDouble(config, "rate", "SpatialDropout1D", 0.5)), config);
  }
}
