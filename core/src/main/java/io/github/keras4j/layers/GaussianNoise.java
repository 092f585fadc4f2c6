package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
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
public class GaussianNoise extends NoiseLayer<GaussianNoise> {
  /** The graph-level seed TensorFlow uses when only an op seed is given. */
  static final long OP_SEED = 87654321L;


  /**
   * Creates the layer.
   *
   * @param stddev the standard deviation of the noise
   * @throws IllegalArgumentException if negative or not finite
   */
  public GaussianNoise(double stddev) {
    super("stddev", stddev);
    if (!(stddev >= 0) || Double.isInfinite(stddev)) {
      throw new IllegalArgumentException(
          "GaussianNoise: stddev must be a finite number >= 0, but got stddev=" + stddev + ".");
    }
  }

  /** Returns the standard deviation. */
  public double stddev() {
    return amount();
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
  protected Operand<TFloat32> addNoise(Ops tf, Operand<TFloat32> x, Operand<TFloat32> normal) {
    return tf.math.add(x, tf.math.mul(normal, tf.constant((float) amount())));
  }

  /** Creates the layer from its Keras config. */
  public static GaussianNoise fromConfig(Map<String, Object> config) {
    return new GaussianNoise(requiredAmount(config, "stddev", "GaussianNoise")).applyNoiseConfig(config);
  }
}
