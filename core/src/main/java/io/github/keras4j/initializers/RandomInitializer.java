package io.github.keras4j.initializers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/** Keras's {@code RandomNormal}, {@code RandomUniform} and {@code TruncatedNormal}. */
public final class RandomInitializer extends SeededInitializer {
  private final double a;
  private final double b;

  private RandomInitializer(String className, double a, double b, Long seed) {
    super(className, seed);
    this.a = a;
    this.b = b;
  }

  /** {@code RandomNormal(mean, stddev)}; Keras defaults 0.0 and 0.05. */
  public static RandomInitializer normal(double mean, double stddev, Long seed) {
    checkArgument(stddev >= 0, "RandomNormal: stddev must be >= 0, but got stddev=%s.", stddev);
    return new RandomInitializer("RandomNormal", mean, stddev, seed);
  }

  /** {@code TruncatedNormal(mean, stddev)}: redraws values beyond two standard deviations. */
  public static RandomInitializer truncatedNormal(double mean, double stddev, Long seed) {
    checkArgument(stddev >= 0, "TruncatedNormal: stddev must be >= 0, but got stddev=%s.", stddev);
    return new RandomInitializer("TruncatedNormal", mean, stddev, seed);
  }

  /** {@code RandomUniform(minval, maxval)}; Keras defaults -0.05 and 0.05. */
  public static RandomInitializer uniform(double minval, double maxval, Long seed) {
    checkArgument(
        minval < maxval, "RandomUniform: minval must be < maxval, but got (%s, %s).", minval, maxval);
    return new RandomInitializer("RandomUniform", minval, maxval, seed);
  }

  @Override
  public float[] generate(long[] shape, long seed) {
    int count = Math.toIntExact(Initializers.product(shape));
    float[] out = new float[count];
    if (className().equals("RandomUniform")) {
      SplittableRandom random = new SplittableRandom(seed);
      for (int i = 0; i < count; i++) {
        out[i] = (float) (a + random.nextDouble() * (b - a));
      }
      return out;
    }
    Random random = new Random(seed);
    boolean truncated = className().equals("TruncatedNormal");
    for (int i = 0; i < count; i++) {
      double g;
      do {
        g = random.nextGaussian();
      } while (truncated && Math.abs(g) > 2.0);
      out[i] = (float) (a + g * b);
    }
    return out;
  }

  @Override
  void putConfig(Map<String, Object> config) {
    if (className().equals("RandomUniform")) {
      config.put("minval", a);
      config.put("maxval", b);
    } else {
      config.put("mean", a);
      config.put("stddev", b);
    }
  }
}
