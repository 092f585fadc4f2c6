package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Dropout that keeps the mean and variance of SELU activations, as Keras's {@code AlphaDropout}: in training each
 * value is kept with probability {@code 1 - rate} or set to {@code alpha' = -1.6732632 · 1.0507010}, then
 * {@code y = a · x + b} with {@code a = ((1 - rate) · (1 + rate · alpha'²))^(-1/2)} and {@code b = -a · alpha' ·
 * rate}; the identity at inference. A {@link #noiseShape(long...) noise shape} broadcasts the keep/drop decision
 * as in {@link Dropout}. Output shape = input shape.
 *
 * <pre>{@code
 * new AlphaDropout(0.1)
 * }</pre>
 */
public class AlphaDropout extends Dropout {
  private static final double ALPHA = 1.6732632423543772848170429916717;
  private static final double SCALE = 1.0507009873554804934193349852946;

  /**
   * Creates the layer.
   *
   * @param rate the fraction to drop, in {@code [0, 1)}
   */
  public AlphaDropout(double rate) {
    super(rate);
  }

  @Override
  public AlphaDropout noiseShape(long... noiseShape) {
    super.noiseShape(noiseShape);
    return this;
  }

  @Override
  public AlphaDropout seed(long seed) {
    super.seed(seed);
    return this;
  }

  @Override
  public AlphaDropout name(String name) {
    super.name(name);
    return this;
  }

  /** Returns Keras's affine coefficients {@code {a, b, alpha'}} for a rate. */
  static double[] coefficients(double rate) {
    double alphaP = -ALPHA * SCALE;
    double a = Math.pow((1 - rate) * (1 + rate * alphaP * alphaP), -0.5);
    double b = -a * alphaP * rate;
    return new double[] {a, b, alphaP};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (!ctx.training() || rate() == 0) {
      return x;
    }
    Operand<TFloat32> kept = keepMask(tf, x, ctx);
    double[] c = coefficients(rate());
    Operand<TFloat32> masked = tf.math.add(tf.math.mul(x, kept),
        tf.math.mul(tf.constant((float) c[2]), tf.math.sub(tf.constant(1f), kept)));
    return tf.math.add(tf.math.mul(tf.constant((float) c[0]), masked), tf.constant((float) c[1]));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static AlphaDropout fromConfig(Map<String, Object> config) {
    return configure(new AlphaDropout(Configs.getDouble(config, "rate", "AlphaDropout", 0.5)), config);
  }
}
