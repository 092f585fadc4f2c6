package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Layer normalization, as Keras's {@code LayerNormalization}: each sample is normalized over {@code axis} with its
 * own mean and (population) variance, then scaled and shifted:
 * {@code y = (x - mean) / sqrt(variance + epsilon) · gamma + beta}.
 *
 * <p>Weights, in Keras's order: {@code gamma} (when {@code scale}) and {@code beta} (when {@code center}), each of
 * the shape of the normalized axes. Defaults: axis -1, epsilon 1e-3, center and scale on, gamma ones, beta zeros.
 * Output shape = input shape.
 *
 * <pre>{@code
 * new LayerNormalization().epsilon(1e-6)
 * new LayerNormalization(1, 2, 3)       // over rows, cols and channels of an image
 * }</pre>
 */
public class LayerNormalization extends Layer {
  private final int[] axis;
  private double epsilon = 1e-3;
  private boolean center = true;
  private boolean scale = true;
  private Initializer betaInitializer = Initializers.zeros();
  private Initializer gammaInitializer = Initializers.ones();
  private Weight gamma;
  private Weight beta;

  /** Creates the layer over the last axis. */
  public LayerNormalization() {
    this(-1);
  }

  /**
   * Creates the layer over these axes (negative counts from the end).
   *
   * @throws IllegalArgumentException if no axis is given
   */
  public LayerNormalization(int... axis) {
    requireNonNull(axis, "axis");
    if (axis.length == 0) {
      throw new IllegalArgumentException("LayerNormalization: axis must name at least one axis, but got axis=[].");
    }
    this.axis = axis.clone();
  }

  /** Returns the axes as given. */
  public int[] axis() {
    return axis.clone();
  }

  /**
   * Sets the small value added to the variance; default 1e-3.
   *
   * @throws IllegalArgumentException if not positive
   */
  public LayerNormalization epsilon(double epsilon) {
    checkNotBuilt("epsilon");
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException(
          "LayerNormalization: epsilon must be a positive number, but got epsilon=" + epsilon + ".");
    }
    this.epsilon = epsilon;
    return this;
  }

  /** Returns epsilon. */
  public double epsilon() {
    return epsilon;
  }

  /** Turns the offset {@code beta} on (default) or off. */
  public LayerNormalization center(boolean center) {
    checkNotBuilt("center");
    this.center = center;
    return this;
  }

  /** Returns whether beta is added. */
  public boolean center() {
    return center;
  }

  /** Turns the scale {@code gamma} on (default) or off. */
  public LayerNormalization scale(boolean scale) {
    checkNotBuilt("scale");
    this.scale = scale;
    return this;
  }

  /** Returns whether gamma multiplies. */
  public boolean scale() {
    return scale;
  }

  /** Sets the initializer of beta; default zeros. */
  public LayerNormalization betaInitializer(Initializer initializer) {
    checkNotBuilt("betaInitializer");
    this.betaInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the initializer of gamma; default ones. */
  public LayerNormalization gammaInitializer(Initializer initializer) {
    checkNotBuilt("gammaInitializer");
    this.gammaInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  @Override
  public LayerNormalization name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public LayerNormalization inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  private long[] paramShape(Shape input) {
    int[] resolved = Axes.resolve(name(), "axis", axis, input);
    long[] shape = new long[resolved.length];
    for (int i = 0; i < resolved.length; i++) {
      shape[i] = input.size(resolved[i]);
      if (shape[i] < 0) {
        throw new IncompatibleShapeException(
            name(), "a known size on axis " + resolved[i], Shapes.format(input),
            "Layer '" + name() + "' (LayerNormalization) needs a known size on the normalized axis " + resolved[i]
                + ", but got input shape " + Shapes.format(input) + ".");
      }
    }
    return shape;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    long[] shape = paramShape(inputShape);
    if (scale) {
      gamma = ctx.addWeight("gamma", Shape.of(shape), gammaInitializer, true);
    }
    if (center) {
      beta = ctx.addWeight("beta", Shape.of(shape), betaInitializer, true);
    }
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    int rank = x.shape().numDimensions();
    int[] resolved = Axes.resolve(name(), "axis", axis, x.shape());
    long[] broadcast = new long[rank];
    Arrays.fill(broadcast, 1);
    for (int a : resolved) {
      broadcast[a] = x.shape().size(a);
    }
    Operand<TInt32> axes = tf.constant(resolved);
    Operand<TFloat32> mean = tf.math.mean(x, axes, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> centered = tf.math.sub(x, mean);
    Operand<TFloat32> variance = tf.math.mean(tf.math.mul(centered, centered), axes, org.tensorflow.op.math.Mean.keepDims(true));
    Operand<TFloat32> y = tf.math.mul(centered, tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))));
    Operand<org.tensorflow.types.TInt64> shape = tf.constant(broadcast);
    if (gamma != null) {
      y = tf.math.mul(y, tf.reshape(ctx.read(gamma), shape));
    }
    if (beta != null) {
      y = tf.math.add(y, tf.reshape(ctx.read(beta), shape));
    }
    return y;
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    paramShape(inputShape);
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static LayerNormalization fromConfig(Map<String, Object> config) {
    String cls = "LayerNormalization";
    LayerNormalization layer = new LayerNormalization(Axes.fromConfig(config, "axis", cls, new int[] {-1}));
    layer.epsilon(Configs.getDouble(config, "epsilon", cls, 1e-3));
    layer.center(Configs.getBoolean(config, "center", cls, true));
    layer.scale(Configs.getBoolean(config, "scale", cls, true));
    layer.betaInitializer(Configs.getInitializer(config, "beta_initializer", cls, Initializers.zeros()));
    layer.gammaInitializer(Configs.getInitializer(config, "gamma_initializer", cls, Initializers.ones()));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", Axes.toConfig(axis));
    config.put("epsilon", epsilon);
    config.put("center", center);
    config.put("scale", scale);
    config.put("beta_initializer", Dense.initializerConfig(betaInitializer));
    config.put("gamma_initializer", Dense.initializerConfig(gammaInitializer));
    config.put("beta_regularizer", null);
    config.put("gamma_regularizer", null);
    config.put("beta_constraint", null);
    config.put("gamma_constraint", null);
    return config;
  }
}
