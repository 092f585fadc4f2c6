package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
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
public class GaussianDropout extends NoiseLayer<GaussianDropout> {
  /**
   * Creates the layer.
   *
   * @param rate the drop probability of the equivalent Dropout, in {@code [0, 1)}
   */
  public GaussianDropout(double rate) {
    super("rate", rate);
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("GaussianDropout: rate must be in [0, 1), but got rate=" + rate + ".");
    }
  }

  /** Returns the rate. */
  public double rate() {
    return amount();
  }

  @Override
  protected Operand<TFloat32> addNoise(Ops tf, Operand<TFloat32> x, Operand<TFloat32> normal) {
    double stddev = Math.sqrt(amount() / (1 - amount()));
    return tf.math.mul(x, tf.math.add(tf.constant(1f), tf.math.mul(normal, tf.constant((float) stddev))));
  }

  /** Creates the layer from its Keras config. */
  public static GaussianDropout fromConfig(Map<String, Object> config) {
    return new GaussianDropout(requiredAmount(config, "rate", "GaussianDropout")).applyNoiseConfig(config);
  }
}
