package io.github.keras4j.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/**
 * Adds zero-centered Gaussian noise in training, as Keras's {@code GaussianNoise}:
 * {@code y = x + stddev · N(0, 1)}; the identity at inference. Output shape = input shape.
 *
 * <pre>{@code
 * new GaussianNoise(0.1)
 * }</pre>
 */
public class GaussianNoise extends Layer {
  /** The graph-level seed TensorFlow uses when only an op seed is given. */
  static final long OP_SEED = 87654321L;

  private final double stddev;
  private Long seed;

  /**
   * Creates the layer.
   *
   * @param stddev the standard deviation of the noise
   * @throws IllegalArgumentException if negative or not finite
   */
  public GaussianNoise(double stddev) {
    if (!(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException(
          "GaussianNoise: stddev must be a finite number >= 0, but got stddev=" + stddev + ".");
    }
    this.stddev = stddev;
  }

  /** Returns the standard deviation. */
  public double stddev() {
    return stddev;
  }

  /** Sets the seed of the noise; default: derived from the Keras session. */
  public GaussianNoise seed(long seed) {
    checkNotBuilt("seed");
    this.seed = seed;
    return this;
  }

  /** Returns the explicit seed, or {@code null}. */
  public Long seed() {
    return seed;
  }

  @Override
  public GaussianNoise name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public GaussianNoise inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  /**
   * Standard normal noise of x's shape, seeded from the layer or the call context: Box–Muller on two uniform draws
   * behind a StopGradient (TensorFlow defines no gradient for the random ops, which a model's backward pass would
   * otherwise cross through the noise's shape input).
   */
  static Operand<TFloat32> standardNormal(Ops tf, Operand<TFloat32> x, Long seed, CallContext ctx) {
    long s = seed != null ? seed : ctx.nextSeed();
    Operand<org.tensorflow.types.TInt32> shape = tf.shape(x);
    Operand<TFloat32> u1 = tf.random.randomUniform(shape, TFloat32.class, RandomUniform.seed(OP_SEED),
        RandomUniform.seed2(s & 0x7fffffffL));
    Operand<TFloat32> u2 = tf.random.randomUniform(shape, TFloat32.class, RandomUniform.seed(OP_SEED),
        RandomUniform.seed2((s + 0x5DEECE66DL) & 0x7fffffffL));
    // z = sqrt(-2 ln(1 - u1)) · cos(2π u2), with 1 - u1 in (0, 1].
    Operand<TFloat32> radius = tf.math.sqrt(tf.math.mul(tf.constant(-2f),
        tf.math.log(tf.math.sub(tf.constant(1f), u1))));
    // The noise is a constant for backprop; StopGradient keeps the backward pass out of the random ops.
    return tf.stopGradient(
        tf.math.mul(radius, tf.math.cos(tf.math.mul(tf.constant((float) (2 * Math.PI)), u2))));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || stddev == 0) {
      return x;
    }
    return tf.math.add(x, tf.math.mul(standardNormal(tf, x, seed, ctx), tf.constant((float) stddev)));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static GaussianNoise fromConfig(Map<String, Object> config) {
    Object v = config.get("stddev");
    if (v == null) {
      throw new IllegalArgumentException("GaussianNoise config: missing required key 'stddev'.");
    }
    GaussianNoise layer = new GaussianNoise(Configs.getDouble(config, "stddev", "GaussianNoise", 0));
    if (config.get("seed") instanceof Number n) {
      layer.seed(n.longValue());
    }
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
    config.put("stddev", stddev);
    config.put("seed", seed);
    return config;
  }
}
