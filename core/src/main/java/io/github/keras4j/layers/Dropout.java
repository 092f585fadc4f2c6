package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the rest by
 * {@code 1 / (1 - rate)} (inverted dropout), as Keras's {@code Dropout}; the identity at inference.
 * Output shape = input shape.
 *
 * <pre>{@code
 * new Dropout(0.5)
 * }</pre>
 */
public class Dropout extends Layer {
  /** The graph-level seed TensorFlow uses when only an op seed is given ({@code DEFAULT_GRAPH_SEED}). */
  private static final long OP_SEED = 87654321L;

  private final double rate;
  private Long seed;

  /**
   * Creates the layer.
   *
   * @param rate the fraction to drop, in {@code [0, 1)}
   */
  public Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          "Dropout: rate must be in [0, 1), but got rate=" + rate + ".");
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
  public Dropout seed(long seed) {
    checkNotBuilt("seed");
    this.seed = seed;
    return this;
  }

  @Override
  public Dropout name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Dropout inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    long s = seed != null ? seed : ctx.nextSeed();
    Operand<TFloat32> random =
        tf.random.randomUniform(
            tf.shape(x), TFloat32.class, RandomUniform.seed(OP_SEED), RandomUniform.seed2(s & 0x7fffffffL));
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(random, tf.constant((float) rate)), TFloat32.class);
    return tf.math.mul(tf.math.mul(x, keep), tf.constant((float) (1.0 / (1.0 - rate))));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static Dropout fromConfig(Map<String, Object> config) {
    Dropout layer = new Dropout(Configs.getDouble(config, "rate", "Dropout", 0.5));
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
