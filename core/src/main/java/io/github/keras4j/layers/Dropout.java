package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>With a {@link #noiseShape(long...) noise shape} one random keep/drop decision covers every value along the
 * axes of size 1 (Keras's {@code noise_shape}; e.g. {@code (-1, 1, 1, -1)} drops whole feature maps, as
 * {@link SpatialDropout2D}).
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
  private long[] noiseShape;

  /**
   * Creates the layer.
   *
   * @param rate the fraction to drop, in {@code [0, 1)}
   */
  public Dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + ": rate must be in [0, 1), but got rate=" + rate + ".");
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

  /**
   * Sets the shape of the random keep/drop mask, broadcast against the input (Keras's {@code noise_shape}); -1
   * (Keras's {@code None}) takes the input's size on that axis. Default: the input's shape.
   *
   * @throws IllegalArgumentException if a size is 0 or below -1
   */
  public Dropout noiseShape(long... noiseShape) {
    checkNotBuilt("noiseShape");
    java.util.Objects.requireNonNull(noiseShape, "noiseShape");
    for (long d : noiseShape) {
      if (d == 0 || d < -1) {
        throw new IllegalArgumentException(
            className() + ": noiseShape sizes must be positive or -1 (the input's size), but got noiseShape="
                + Arrays.toString(noiseShape) + ".");
      }
    }
    this.noiseShape = noiseShape.clone();
    return this;
  }

  /**
   * Returns the error a spatial dropout throws from {@link #noiseShape(long...)}: its noise shape is fixed.
   *
   * @param shape the fixed shape, as written in the message, e.g. {@code (batch, 1, channels)}
   */
  protected final IllegalArgumentException fixedNoiseShape(String shape) {
    return new IllegalArgumentException(
        className() + ": the noise shape is fixed to " + shape + "; use Dropout(rate).noiseShape(…) for another one.");
  }

  /** Returns the noise shape (-1 = the input's size), or {@code null} for the input's shape. */
  public long[] noiseShape() {
    return noiseShape == null ? null : noiseShape.clone();
  }

  /** Returns the shape of the random mask for {@code x}: the noise shape with -1 replaced by x's sizes. */
  protected Operand<org.tensorflow.types.TInt32> maskShape(Ops tf, Operand<TFloat32> x) {
    Operand<org.tensorflow.types.TInt32> shape = tf.shape(x);
    if (noiseShape == null) {
      return shape;
    }
    if (noiseShape.length != x.shape().numDimensions()) {
      throw new IncompatibleShapeException(
          name(), "an input of rank " + noiseShape.length, Shapes.format(x.shape()),
          "Layer '" + name() + "' (" + className() + "): noise_shape " + Arrays.toString(noiseShape) + " has rank "
              + noiseShape.length + ", but the input " + Shapes.format(x.shape()) + " has rank "
              + x.shape().numDimensions() + ".");
    }
    List<Operand<org.tensorflow.types.TInt32>> parts = new ArrayList<>();
    for (int i = 0; i < noiseShape.length; i++) {
      parts.add(noiseShape[i] == -1
          ? tf.slice(shape, tf.constant(new int[] {i}), tf.constant(new int[] {1}))
          : tf.constant(new int[] {(int) noiseShape[i]}));
    }
    return tf.concat(parts, tf.constant(0));
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
    return tf.math.mul(tf.math.mul(x, keepMask(tf, x, ctx)), tf.constant((float) (1.0 / (1.0 - rate))));
  }

  /**
   * Returns the random keep mask for {@code x} in training: 1 where a value is kept (probability
   * {@code 1 - rate}), 0 where dropped, of {@link #maskShape} (broadcast against x), seeded from the layer or the
   * call context.
   */
  protected final Operand<TFloat32> keepMask(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long s = seed != null ? seed : ctx.nextSeed();
    Operand<TFloat32> random =
        tf.random.randomUniform(
            maskShape(tf, x), TFloat32.class, RandomUniform.seed(OP_SEED), RandomUniform.seed2(s & 0x7fffffffL));
    return tf.dtypes.cast(tf.math.greaterEqual(random, tf.constant((float) rate)), TFloat32.class);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static Dropout fromConfig(Map<String, Object> config) {
    return configure(new Dropout(Configs.getDouble(config, "rate", "Dropout", 0.5)), config);
  }

  /** Applies {@code seed} and {@code noise_shape} of a Keras config, then the settings every layer shares. */
  static <D extends Dropout> D configure(D layer, Map<String, Object> config) {
    long[] noise = noiseShapeFromConfig(config, layer.className());
    if (noise != null) {
      layer.noiseShape(noise);
    }
    return configureSeed(layer, config);
  }

  /** Applies {@code seed} of a Keras config, then the settings every layer shares (not {@code noise_shape}). */
  static <D extends Dropout> D configureSeed(D layer, Map<String, Object> config) {
    return Configs.applySeedAndCommon(layer, config, layer::seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rate", rate);
    config.put("noise_shape", noiseShapeConfig(noiseShape));
    config.put("seed", seed);
    return config;
  }

  /** Reads {@code noise_shape} (a list with {@code null} for the input's size), or {@code null}. */
  static long[] noiseShapeFromConfig(Map<String, Object> config, String layer) {
    Object v = config.get("noise_shape");
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(
          layer + " config: 'noise_shape' must be a list such as [null, 1, 1, null], but got " + v + ".");
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object e = list.get(i);
      if (e == null) {
        out[i] = -1;
      } else if (e instanceof Number n && n.longValue() > 0) {
        out[i] = n.longValue();
      } else {
        throw new IllegalArgumentException(
            layer + " config: 'noise_shape' sizes must be positive or null, but got " + v + ".");
      }
    }
    return out;
  }

  /** Writes a noise shape as Keras does: a list with {@code null} for the input's size. */
  static List<Long> noiseShapeConfig(long[] noiseShape) {
    if (noiseShape == null) {
      return null;
    }
    List<Long> out = new ArrayList<>();
    for (long d : noiseShape) {
      out.add(d == -1 ? null : d);
    }
    return out;
  }
}
