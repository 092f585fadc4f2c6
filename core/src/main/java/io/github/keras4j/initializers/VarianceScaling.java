package io.github.keras4j.initializers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Keras's {@code VarianceScaling}: values with variance {@code scale / n}, where {@code n} is the fan-in, the
 * fan-out or their average; drawn from a truncated normal, an untruncated normal or a uniform distribution.
 *
 * <p>Glorot, He and LeCun initializers are special cases; see {@link Initializers}.
 */
public class VarianceScaling extends SeededInitializer {
  /** How {@code n} is computed from the weight's fans. */
  public enum Mode {
    /** {@code n = fan_in}. */
    FAN_IN,
    /** {@code n = fan_out}. */
    FAN_OUT,
    /** {@code n = (fan_in + fan_out) / 2}. */
    FAN_AVG
  }

  /** The distribution values are drawn from. */
  public enum Distribution {
    /** Normal truncated at two standard deviations (stddev corrected by 0.8796…). */
    TRUNCATED_NORMAL,
    /** Plain normal. */
    UNTRUNCATED_NORMAL,
    /** Uniform in {@code [-limit, limit]}, {@code limit = sqrt(3 * scale / n)}. */
    UNIFORM
  }

  private final double scale;
  private final Mode mode;
  private final Distribution distribution;

  /** Creates a VarianceScaling initializer (Keras defaults: 1.0, fan_in, truncated_normal). */
  public VarianceScaling(double scale, Mode mode, Distribution distribution, Long seed) {
    this(scale, mode, distribution, seed, "VarianceScaling");
  }

  VarianceScaling(double scale, Mode mode, Distribution distribution, Long seed, String className) {
    super(className, seed);
    checkArgument(scale > 0, "VarianceScaling: scale must be positive, but got scale=%s.", scale);
    this.scale = scale;
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    this.distribution = java.util.Objects.requireNonNull(distribution, "distribution");
  }

  /** Returns {@code [fanIn, fanOut]} for a weight shape, as Keras's {@code _compute_fans}. */
  public static double[] computeFans(long[] shape) {
    if (shape.length < 1) {
      return new double[] {1, 1};
    }
    if (shape.length == 1) {
      return new double[] {shape[0], shape[0]};
    }
    if (shape.length == 2) {
      return new double[] {shape[0], shape[1]};
    }
    double receptive = 1;
    for (int i = 0; i < shape.length - 2; i++) {
      receptive *= shape[i];
    }
    return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
  }

  @Override
  public float[] generate(long[] shape, long seed) {
    double[] fans = computeFans(shape);
    double n =
        switch (mode) {
          case FAN_IN -> fans[0];
          case FAN_OUT -> fans[1];
          case FAN_AVG -> (fans[0] + fans[1]) / 2.0;
        };
    double s = scale / Math.max(1.0, n);
    int count = Math.toIntExact(Initializers.product(shape));
    float[] out = new float[count];
    switch (distribution) {
      case UNIFORM -> {
        double limit = Math.sqrt(3.0 * s);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
          out[i] = (float) (random.nextDouble() * 2 * limit - limit);
        }
      }
      case TRUNCATED_NORMAL -> {
        double stddev = Math.sqrt(s) / 0.87962566103423978;
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
          double g;
          do {
            g = random.nextGaussian();
          } while (Math.abs(g) > 2.0);
          out[i] = (float) (g * stddev);
        }
      }
      case UNTRUNCATED_NORMAL -> {
        double stddev = Math.sqrt(s);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
          out[i] = (float) (random.nextGaussian() * stddev);
        }
      }
    }
    return out;
  }

  @Override
  void putConfig(Map<String, Object> config) {
    if (className().equals("VarianceScaling")) {
      config.put("scale", scale);
      config.put("mode", mode.name().toLowerCase(Locale.ROOT));
      config.put("distribution", distribution.name().toLowerCase(Locale.ROOT));
    }
  }
}
