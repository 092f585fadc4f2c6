package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Batch normalization, as Keras's {@code BatchNormalization}, over the feature {@link #axis(int...) axis} (default
 * -1, the channels; any axes of any rank, e.g. {@code axis(1)} for channels_first):
 * {@code gamma * (x - mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>In training, {@code mean} and {@code variance} are the batch's statistics, and the moving statistics are
 * updated with every training step: {@code moving = momentum * moving + (1 - momentum) * batch} (for images the
 * batch variance is the unbiased one, as TensorFlow's fused kernel gives it to Keras). In inference, and whenever
 * the layer is frozen ({@code trainable(false)}, as in Keras 2.x fine-tuning), the moving statistics are used and
 * not updated. Weights in Keras's order: {@code gamma}, {@code beta} (trainable), {@code moving_mean},
 * {@code moving_variance} (not trainable), each of the shape of the feature axes. Defaults: axis -1, momentum 0.99,
 * epsilon 1e-3, center and scale on. As tf.keras 2.x, rank-4 inputs normalized on axis 3 or 1 use the fused kernel
 * (unbiased variance for the moving average); other axes and ranks the population variance.
 * Output shape = input shape.
 */
public class BatchNormalization extends Layer {
  private Object axisConfig;
  private int[] axis = {-1};
  private double momentum = 0.99;
  private double epsilon = 1e-3;
  private boolean center = true;
  private boolean scale = true;
  private Initializer betaInitializer = Initializers.zeros();
  private Initializer gammaInitializer = Initializers.ones();
  private Initializer movingMeanInitializer = Initializers.zeros();
  private Initializer movingVarianceInitializer = Initializers.ones();
  private Weight gamma;
  private Weight beta;
  private Weight movingMean;
  private Weight movingVariance;

  /** Creates the layer with Keras's defaults. */
  public BatchNormalization() {}

  /** Returns the momentum of the moving statistics. */
  public double momentum() {
    return momentum;
  }

  /**
   * Sets the momentum of the moving statistics; default 0.99.
   *
   * @throws IllegalArgumentException if not in {@code [0, 1]}
   */
  public BatchNormalization momentum(double momentum) {
    checkNotBuilt("momentum");
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(
          "BatchNormalization: momentum must be in [0, 1], but got momentum=" + momentum + ".");
    }
    this.momentum = momentum;
    return this;
  }

  /** Returns epsilon. */
  public double epsilon() {
    return epsilon;
  }

  /**
   * Sets the small constant added to the variance; default 1e-3.
   *
   * @throws IllegalArgumentException if not positive
   */
  public BatchNormalization epsilon(double epsilon) {
    checkNotBuilt("epsilon");
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException(
          "BatchNormalization: epsilon must be positive, but got epsilon=" + epsilon + ".");
    }
    this.epsilon = epsilon;
    return this;
  }

  /** Returns whether {@code beta} is added. */
  public boolean center() {
    return center;
  }

  /** Turns the {@code beta} offset on (default) or off. */
  public BatchNormalization center(boolean center) {
    checkNotBuilt("center");
    this.center = center;
    return this;
  }

  /** Returns whether {@code gamma} multiplies. */
  public boolean scale() {
    return scale;
  }

  /** Turns the {@code gamma} scale on (default) or off. */
  public BatchNormalization scale(boolean scale) {
    checkNotBuilt("scale");
    this.scale = scale;
    return this;
  }

  /** Sets the initializers of gamma and beta. */
  public BatchNormalization initializers(Initializer gamma, Initializer beta) {
    checkNotBuilt("initializers");
    this.gammaInitializer = requireNonNull(gamma, "gamma");
    this.betaInitializer = requireNonNull(beta, "beta");
    return this;
  }

  @Override
  public BatchNormalization name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public BatchNormalization inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public BatchNormalization trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  /** Returns the moving mean weight, or {@code null} before build. */
  public Weight movingMean() {
    return movingMean;
  }

  /** Returns the moving variance weight, or {@code null} before build. */
  public Weight movingVariance() {
    return movingVariance;
  }

  /** Returns the normalized (feature) axes as given; default {@code {-1}}. */
  public int[] axis() {
    return axis.clone();
  }

  /**
   * Sets the feature axes, which keep their own statistics and weights (negative counts from the end); the other
   * axes are reduced. Default -1 (channels last); {@code axis(1)} is channels_first.
   *
   * @throws IllegalArgumentException if no axis is given
   */
  public BatchNormalization axis(int... axis) {
    checkNotBuilt("axis");
    requireNonNull(axis, "axis");
    if (axis.length == 0) {
      throw new IllegalArgumentException("BatchNormalization: axis must name at least one axis, but got axis=[].");
    }
    this.axis = axis.clone();
    this.axisConfig = null;
    return this;
  }

  private int[] resolvedAxes(Shape input) {
    int[] resolved = Axes.resolve(name(), "axis", axis, input);
    for (int a : resolved) {
      if (a == 0 && input.numDimensions() > 0) {
        throw new IncompatibleShapeException(
            name(), "a feature axis other than the batch axis", Shapes.format(input),
            "Layer '" + name() + "' (BatchNormalization): axis " + a + " is the batch axis; normalize over a"
                + " feature axis (default -1).");
      }
      if (input.size(a) <= 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "expected a known size on the normalized axis " + a, "(None, …)", input);
      }
    }
    return resolved;
  }

  private static long[] paramShape(Shape input, int[] resolved) {
    long[] shape = new long[resolved.length];
    for (int i = 0; i < resolved.length; i++) {
      shape[i] = input.size(resolved[i]);
    }
    return shape;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    Shape channels = Shape.of(paramShape(inputShape, resolvedAxes(inputShape)));
    if (scale) {
      gamma = ctx.addWeight("gamma", channels, gammaInitializer, true);
    }
    if (center) {
      beta = ctx.addWeight("beta", channels, betaInitializer, true);
    }
    movingMean = ctx.addWeight("moving_mean", channels, movingMeanInitializer, false);
    movingVariance = ctx.addWeight("moving_variance", channels, movingVarianceInitializer, false);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    boolean useBatchStatistics = ctx.training() && trainable();
    int rank = x.shape().numDimensions();
    int[] resolved = Axes.resolve(name(), "axis", axis, x.shape());
    long[] param = movingMean.shape();
    Operand<TFloat32> g = gamma != null ? ctx.read(gamma) : tf.fill(tf.constant(param), tf.constant(1f));
    Operand<TFloat32> b = beta != null ? ctx.read(beta) : tf.fill(tf.constant(param), tf.constant(0f));
    Operand<TFloat32> mm = ctx.read(movingMean);
    Operand<TFloat32> mv = ctx.read(movingVariance);
    boolean channelsLast = resolved.length == 1 && resolved[0] == rank - 1;
    boolean channelsFirst = resolved.length == 1 && resolved[0] == 1;
    if (rank == 4 && (channelsLast || channelsFirst)) {
      // tf.keras 2.x runs the fused kernel here (NCHW for axis 1); TF's CPU kernel takes NHWC, so transpose.
      Operand<TFloat32> in = channelsLast ? x : tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1}));
      Operand<TFloat32> y;
      if (useBatchStatistics) {
        FusedBatchNorm<TFloat32, TFloat32> bn =
            tf.nn.fusedBatchNorm(
                in, g, b, mm, mv, FusedBatchNorm.epsilon((float) epsilon), FusedBatchNorm.isTraining(true),
                FusedBatchNorm.exponentialAvgFactor((float) (1 - momentum)));
        // With an averaging factor the op returns the updated moving statistics (unbiased batch variance).
        ctx.addUpdate(movingMean, bn.batchMean());
        ctx.addUpdate(movingVariance, bn.batchVariance());
        y = bn.y();
      } else {
        y = tf.nn.fusedBatchNorm(
                in, g, b, mm, mv, FusedBatchNorm.epsilon((float) epsilon), FusedBatchNorm.isTraining(false))
            .y();
      }
      return channelsLast ? y : tf.linalg.transpose(y, tf.constant(new int[] {0, 3, 1, 2}));
    }
    // Any other axis and rank: moments over the reduced axes (population variance, as Keras's non-fused path).
    long[] broadcast = new long[rank];
    java.util.Arrays.fill(broadcast, 1);
    for (int a : resolved) {
      broadcast[a] = x.shape().size(a);
    }
    int[] reduced = new int[rank - resolved.length];
    for (int d = 0, i = 0; d < rank; d++) {
      if (java.util.Arrays.binarySearch(resolved, d) < 0) {
        reduced[i++] = d;
      }
    }
    Operand<org.tensorflow.types.TInt64> bshape = tf.constant(broadcast);
    Operand<TFloat32> mean = tf.reshape(mm, bshape);
    Operand<TFloat32> variance = tf.reshape(mv, bshape);
    if (useBatchStatistics) {
      mean = tf.math.mean(x, tf.constant(reduced), org.tensorflow.op.math.Mean.keepDims(true));
      Operand<TFloat32> centered = tf.math.sub(x, mean);
      variance = tf.math.mean(tf.math.mul(centered, centered), tf.constant(reduced),
          org.tensorflow.op.math.Mean.keepDims(true));
      Operand<TFloat32> m = tf.constant((float) momentum);
      Operand<TFloat32> oneMinus = tf.constant((float) (1 - momentum));
      Operand<org.tensorflow.types.TInt64> pshape = tf.constant(param);
      ctx.addUpdate(movingMean,
          tf.math.add(tf.math.mul(mm, m), tf.math.mul(tf.reshape(mean, pshape), oneMinus)));
      ctx.addUpdate(movingVariance,
          tf.math.add(tf.math.mul(mv, m), tf.math.mul(tf.reshape(variance, pshape), oneMinus)));
    }
    Operand<TFloat32> inv = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))),
        tf.reshape(g, bshape));
    return tf.math.add(tf.math.mul(tf.math.sub(x, mean), inv), tf.reshape(b, bshape));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 2) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected ndim >= 2, found ndim=" + inputShape.numDimensions(), "(None, …, channels)",
          inputShape);
    }
    long[] param = paramShape(inputShape, resolvedAxes(inputShape));
    if (movingMean != null && !java.util.Arrays.equals(movingMean.shape(), param)) {
      throw IncompatibleShapeException.forInput(
          name(), 0, axis.length == 1
              ? "expected axis " + axis[0] + " of input shape to have value " + movingMean.shape()[0]
              : "expected the normalized axes " + java.util.Arrays.toString(axis) + " of input shape to have"
                  + " sizes " + java.util.Arrays.toString(movingMean.shape()),
          "(None, …)", inputShape);
    }
    return inputShape;
  }

  /** Creates the layer from its Keras config (channels-last axis only). */
  public static BatchNormalization fromConfig(Map<String, Object> config) {
    BatchNormalization layer = new BatchNormalization();
    layer.axis(Axes.fromConfig(config, "axis", "BatchNormalization", new int[] {-1}));
    layer.axisConfig = config.get("axis");
    layer.momentum(Configs.getDouble(config, "momentum", "BatchNormalization", 0.99));
    layer.epsilon(Configs.getDouble(config, "epsilon", "BatchNormalization", 1e-3));
    layer.center(Configs.getBoolean(config, "center", "BatchNormalization", true));
    layer.scale(Configs.getBoolean(config, "scale", "BatchNormalization", true));
    layer.gammaInitializer =
        Configs.getInitializer(config, "gamma_initializer", "BatchNormalization", Initializers.ones());
    layer.betaInitializer = Configs.getInitializer(config, "beta_initializer", "BatchNormalization", Initializers.zeros());
    layer.movingMeanInitializer =
        Configs.getInitializer(config, "moving_mean_initializer", "BatchNormalization", Initializers.zeros());
    layer.movingVarianceInitializer =
        Configs.getInitializer(config, "moving_variance_initializer", "BatchNormalization", Initializers.ones());
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    Shape built = builtInputShape();
    Object axisValue;
    if (axisConfig != null) {
      axisValue = axisConfig;
    } else if (built != null) {
      // Keras normalizes axis to a list of non-negative ints when it builds.
      axisValue = java.util.Arrays.stream(Axes.resolve(name(), "axis", axis, built)).boxed().toList();
    } else {
      axisValue = Axes.toConfig(axis);
    }
    config.put("axis", axisValue);
    config.put("momentum", momentum);
    config.put("epsilon", epsilon);
    config.put("center", center);
    config.put("scale", scale);
    config.put("beta_initializer", Dense.initializerConfig(betaInitializer));
    config.put("gamma_initializer", Dense.initializerConfig(gammaInitializer));
    config.put("moving_mean_initializer", Dense.initializerConfig(movingMeanInitializer));
    config.put("moving_variance_initializer", Dense.initializerConfig(movingVarianceInitializer));
    config.put("beta_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("beta")));
    config.put("gamma_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("gamma")));
    config.put("beta_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("beta")));
    config.put("gamma_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("gamma")));
    return config;
  }
}
