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
 * Batch normalization over the last (channels) axis, as Keras's {@code BatchNormalization}:
 * {@code gamma * (x - mean) / sqrt(variance + epsilon) + beta}.
 *
 * <p>In training, {@code mean} and {@code variance} are the batch's statistics, and the moving statistics are
 * updated with every training step: {@code moving = momentum * moving + (1 - momentum) * batch} (for images the
 * batch variance is the unbiased one, as TensorFlow's fused kernel gives it to Keras). In inference, and whenever
 * the layer is frozen ({@code trainable(false)}, as in Keras 2.x fine-tuning), the moving statistics are used and
 * not updated. Weights in Keras's order: {@code gamma}, {@code beta} (trainable), {@code moving_mean},
 * {@code moving_variance} (not trainable). Defaults: momentum 0.99, epsilon 1e-3, center and scale on.
 * Output shape = input shape.
 */
public class BatchNormalization extends Layer {
  private Object axisConfig;
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

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    Shape channels = Shape.of(inputShape.size(-1));
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
    long c = movingMean.shape()[0];
    Operand<TFloat32> g = gamma != null ? ctx.read(gamma) : tf.fill(tf.constant(new long[] {c}), tf.constant(1f));
    Operand<TFloat32> b = beta != null ? ctx.read(beta) : tf.fill(tf.constant(new long[] {c}), tf.constant(0f));
    Operand<TFloat32> mm = ctx.read(movingMean);
    Operand<TFloat32> mv = ctx.read(movingVariance);
    if (x.shape().numDimensions() == 4) {
      if (useBatchStatistics) {
        FusedBatchNorm<TFloat32, TFloat32> bn =
            tf.nn.fusedBatchNorm(
                x, g, b, mm, mv, FusedBatchNorm.epsilon((float) epsilon), FusedBatchNorm.isTraining(true),
                FusedBatchNorm.exponentialAvgFactor((float) (1 - momentum)));
        // With an averaging factor the op returns the updated moving statistics (unbiased batch variance).
        ctx.addUpdate(movingMean, bn.batchMean());
        ctx.addUpdate(movingVariance, bn.batchVariance());
        return bn.y();
      }
      return tf.nn.fusedBatchNorm(
              x, g, b, mm, mv, FusedBatchNorm.epsilon((float) epsilon), FusedBatchNorm.isTraining(false))
          .y();
    }
    Operand<TFloat32> mean = mm;
    Operand<TFloat32> variance = mv;
    if (useBatchStatistics) {
      int rank = x.shape().numDimensions();
      int[] axes = new int[rank - 1];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      mean = tf.math.mean(x, tf.constant(axes));
      Operand<TFloat32> centered = tf.math.sub(x, mean);
      variance = tf.math.mean(tf.math.mul(centered, centered), tf.constant(axes));
      Operand<TFloat32> m = tf.constant((float) momentum);
      Operand<TFloat32> oneMinus = tf.constant((float) (1 - momentum));
      ctx.addUpdate(movingMean, tf.math.add(tf.math.mul(mm, m), tf.math.mul(mean, oneMinus)));
      ctx.addUpdate(movingVariance, tf.math.add(tf.math.mul(mv, m), tf.math.mul(variance, oneMinus)));
    }
    Operand<TFloat32> inv = tf.math.mul(tf.math.rsqrt(tf.math.add(variance, tf.constant((float) epsilon))), g);
    return tf.math.add(tf.math.mul(tf.math.sub(x, mean), inv), b);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 2 || inputShape.size(-1) <= 0) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected a known channel (last) dimension", "(None, …, channels)", inputShape);
    }
    if (movingMean != null && movingMean.shape()[0] != inputShape.size(-1)) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected axis -1 of input shape to have value " + movingMean.shape()[0],
          "(None, …, " + movingMean.shape()[0] + ")", inputShape);
    }
    return inputShape;
  }

  /** Creates the layer from its Keras config (channels-last axis only). */
  public static BatchNormalization fromConfig(Map<String, Object> config) {
    Object axis = config.get("axis");
    if (axis instanceof List<?> l && l.size() == 1) {
      axis = l.get(0);
    }
    if (axis != null && !(axis instanceof Number n && (n.intValue() == -1 || n.intValue() >= 1))) {
      throw new IllegalArgumentException(
          "BatchNormalization config: only the last axis is supported, but got axis=" + config.get("axis") + ".");
    }
    BatchNormalization layer = new BatchNormalization();
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
    config.put("axis", axisConfig != null ? axisConfig : built == null ? -1 : List.of(built.numDimensions() - 1));
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
