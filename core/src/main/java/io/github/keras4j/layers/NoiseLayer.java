package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Base of the layers that add random Gaussian noise in training and are the identity at inference
 * ({@link GaussianNoise}, {@link GaussianDropout}): the optional seed (Keras's {@code seed}; default derived from
 * the Keras session) and the training switch. Output shape = input shape.
 *
 * <pre>{@code
 * new GaussianNoise(0.1).seed(42)
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class NoiseLayer<L extends NoiseLayer<L>> extends FluentLayer<L> {
  private final String amountKey;
  private final double amount;
  private Long seed;

  /**
   * Creates the layer.
   *
   * @param amountKey the Keras config key of the noise's one hyperparameter ({@code stddev}, {@code rate})
   * @param amount its value; 0 makes the layer the identity
   */
  protected NoiseLayer(String amountKey, double amount) {
    this.amountKey = amountKey;
    this.amount = amount;
  }

  /** Returns the noise's hyperparameter (Keras's {@code stddev} or {@code rate}). */
  protected final double amount() {
    return amount;
  }

  /** Returns the explicit seed, or {@code null}. */
  public Long seed() {
    return seed;
  }

  /** Sets the seed of the noise; default: derived from the Keras session. */
  public L seed(long seed) {
    checkNotBuilt("seed");
    this.seed = seed;
    return self();
  }

  /**
   * Adds the noise to {@code x} (training only).
   *
   * @param normal standard normal noise of x's shape, seeded from the layer or the call context
   */
  protected abstract Operand<TFloat32> addNoise(Ops tf, Operand<TFloat32> x, Operand<TFloat32> normal);

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || amount == 0) {
      return x;
    }
    return addNoise(tf, x, GaussianNoise.standardNormal(tf, x, seed, ctx));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /**
   * Reads the required number of a Keras config that is the layer's one hyperparameter.
   *
   * @throws IllegalArgumentException naming the layer and key if it is missing or not a number
   */
  static double requiredAmount(Map<String, Object> config, String key, String layer) {
    if (config.get(key) == null) {
      throw new IllegalArgumentException(layer + " config: missing required key '" + key + "'.");
    }
    return Configs.getDouble(config, key, layer, 0);
  }

  /** Applies a Keras config's {@code seed}, then the settings every layer shares. */
  protected final L applyNoiseConfig(Map<String, Object> config) {
    return Configs.applySeedAndCommon(self(), config, this::seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put(amountKey, amount);
    config.put("seed", seed);
    return config;
  }
}
