package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
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
public class SpatialDropout1D extends Layer {
  /** The graph-level seed TensorFlow uses when only an op seed is given (as {@link Dropout}). */
  private static final long OP_SEED = 87654321L;

  private final double rate;
  private Long seed;

  /**
   * Creates the layer.
   *
   * @param rate the fraction of channels to drop, in {@code [0, 1)}
   */
  public SpatialDropout1D(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "SpatialDropout1D: rate must be in [0, 1), but got rate=" + rate + ".");
    }
    this.rate = rate;
  }

  /** Returns the drop rate. */
  public double rate() {
    return rate;
  }

  /** Returns the explicit seed, or {@code null} to derive one from the Keras session. */
  public Long seed() {
    return seed;
  }

  /** Sets the seed of the dropout masks. */
  public SpatialDropout1D seed(long seed) {
    checkNotBuilt("seed");
    this.seed = seed;
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

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    long s = seed != null ? seed : ctx.nextSeed();
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> noiseShape = tf.concat(java.util.List.of(
        tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {1})), tf.constant(new int[] {1}),
        tf.slice(shape, tf.constant(new int[] {2}), tf.constant(new int[] {1}))), tf.constant(0));
    Operand<TFloat32> random = tf.random.randomUniform(
        noiseShape, TFloat32.class, RandomUniform.seed(OP_SEED), RandomUniform.seed2(s & 0x7fffffffL));
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(random, tf.constant((float) rate)), TFloat32.class);
    return tf.math.mul(tf.math.mul(x, keep), tf.constant((float) (1.0 / (1.0 - rate))));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, ConvUtils.CHANNELS_LAST);
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static SpatialDropout1D fromConfig(Map<String, Object> config) {
    SpatialDropout1D layer = new SpatialDropout1D(Configs.getDouble(config, "rate", "SpatialDropout1D", 0.5));
    if (config.get("seed") instanceof Number n) {
      layer.seed(n.longValue());
    }
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rate", rate);
    config.put("noise_shape", null);
    config.put("seed", seed);
    return config;
  }
}
