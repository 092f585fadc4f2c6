package io.github.keras4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Multiplicative 1-centered Gaussian noise in training, as Keras's {@code GaussianDropout}:
 * {@code y = x · N(1, sqrt(rate / (1 - rate)))}; the identity at inference. Output shape = input shape.
 *
 * <pre>{@code
 * new GaussianDropout(0.2)
 * }</pre>
 */
public class GaussianDropout extends Layer {
  private final double rate;
  private Long seed;

  /**
   * Creates the layer.
   *
   * @param rate the drop probability of the equivalent Dropout, in {@code [0, 1)}
   */
  public GaussianDropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("GaussianDropout: rate must be in [0, 1), but got rate=" + rate + ".");
    }
    this.rate = rate;
  }

  /** Returns the rate. */
  public double rate() {
    return rate;
  }

  /** Sets the seed of the noise; default: derived from the Keras session. */
  public GaussianDropout seed(long seed) {
    checkNotBuilt("seed");
    this.seed = seed;
    return this;
  }

  /** Returns the explicit seed, or {@code null}. */
  public Long seed() {
    return seed;
  }

  @Override
  public GaussianDropout name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public GaussianDropout inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate == 0) {
      return x;
    }
    double stddev = Math.sqrt(rate / (1 - rate));
    Operand<TFloat32> noise = tf.math.add(
        tf.constant(1f), tf.math.mul(GaussianNoise.standardNormal(tf, x, seed, ctx), tf.constant((float) stddev)));
    return tf.math.mul(x, noise);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static GaussianDropout fromConfig(Map<String, Object> config) {
    if (config.get("rate") == null) {
      throw new IllegalArgumentException("GaussianDropout config: missing required key 'rate'.");
    }
    GaussianDropout layer = new GaussianDropout(Configs.getDouble(config, "rate", "GaussianDropout", 0));
    if (config.get("seed") instanceof Number n) {
      layer.seed(n.longValue());
    }
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
    config.put("rate", rate);
    config.put("seed", seed);
    return config;
  }
}
