package io.github.keras4j.initializers;

import io.github.keras4j.initializers.VarianceScaling.Distribution;
import io.github.keras4j.initializers.VarianceScaling.Mode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Factories and name lookup for the built-in initializers, as {@code keras.initializers}.
 *
 * <pre>{@code
 * new Dense(16).kernelInitializer(Initializers.heNormal(7L));
 * new Dense(16).kernelInitializer("he_uniform");
 * }</pre>
 */
public final class Initializers {
  /** The names {@link #get(String)} accepts. */
  public static final List<String> NAMES =
      List.of(
          "glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
          "zeros", "ones", "random_normal", "random_uniform", "truncated_normal", "orthogonal");

  private Initializers() {}

  /** Glorot (Xavier) uniform: limit {@code sqrt(6 / (fan_in + fan_out))}; Keras's default for kernels. */
  public static Initializer glorotUniform(Long seed) {
    return new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.UNIFORM, seed, "GlorotUniform");
  }

  /** Glorot uniform with a seed drawn from the Keras session. */
  public static Initializer glorotUniform() {
    return glorotUniform(null);
  }

  /** Glorot normal: truncated normal with stddev {@code sqrt(2 / (fan_in + fan_out))}. */
  public static Initializer glorotNormal(Long seed) {
    return new VarianceScaling(1.0, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, seed, "GlorotNormal");
  }

  /** He normal: truncated normal with stddev {@code sqrt(2 / fan_in)}. */
  public static Initializer heNormal(Long seed) {
    return new VarianceScaling(2.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, seed, "HeNormal");
  }

  /** He uniform: limit {@code sqrt(6 / fan_in)}. */
  public static Initializer heUniform(Long seed) {
    return new VarianceScaling(2.0, Mode.FAN_IN, Distribution.UNIFORM, seed, "HeUniform");
  }

  /** LeCun normal: truncated normal with stddev {@code sqrt(1 / fan_in)}. */
  public static Initializer lecunNormal(Long seed) {
    return new VarianceScaling(1.0, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, seed, "LecunNormal");
  }

  /** LeCun uniform: limit {@code sqrt(3 / fan_in)}. */
  public static Initializer lecunUniform(Long seed) {
    return new VarianceScaling(1.0, Mode.FAN_IN, Distribution.UNIFORM, seed, "LecunUniform");
  }

  /** All zeros; Keras's default for biases. */
  public static Initializer zeros() {
    return new Constant(0.0, "Zeros");
  }

  /** All ones. */
  public static Initializer ones() {
    return new Constant(1.0, "Ones");
  }

  /**
   * Returns the initializer Keras knows by this name (snake case, e.g. {@code he_normal}) or class name
   * (e.g. {@code HeNormal}).
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Initializer get(String name) {
    java.util.Objects.requireNonNull(name, "name");
    String key = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    return switch (key) {
      case "glorot_uniform" -> glorotUniform(null);
      case "glorot_normal" -> glorotNormal(null);
      case "he_normal" -> heNormal(null);
      case "he_uniform" -> heUniform(null);
      case "lecun_normal" -> lecunNormal(null);
      case "lecun_uniform" -> lecunUniform(null);
      case "zeros", "zero" -> zeros();
      case "ones", "one" -> ones();
      case "random_normal" -> RandomInitializer.normal(0.0, 0.05, null);
      case "random_uniform" -> RandomInitializer.uniform(-0.05, 0.05, null);
      case "truncated_normal" -> RandomInitializer.truncatedNormal(0.0, 0.05, null);
      case "orthogonal", "orthogonal_initializer" -> new Orthogonal();
      default -> throw new IllegalArgumentException(
          "Unknown initializer: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }

  /**
   * Rebuilds an initializer from its Keras config ({@code {"class_name": …, "config": {…}}}).
   *
   * @throws IllegalArgumentException for an unknown class name
   */
  public static Initializer fromConfig(String className, Map<String, Object> config) {
    Long seed = config.get("seed") instanceof Number n ? n.longValue() : null;
    return switch (className) {
      case "GlorotUniform" -> glorotUniform(seed);
      case "GlorotNormal" -> glorotNormal(seed);
      case "HeNormal" -> heNormal(seed);
      case "HeUniform" -> heUniform(seed);
      case "LecunNormal" -> lecunNormal(seed);
      case "LecunUniform" -> lecunUniform(seed);
      case "Zeros" -> zeros();
      case "Ones" -> ones();
      case "Orthogonal", "OrthogonalInitializer" -> new Orthogonal(num(config, "gain", 1.0), seed);
      case "Constant" -> new Constant(((Number) config.getOrDefault("value", 0.0)).doubleValue());
      case "RandomNormal" -> RandomInitializer.normal(num(config, "mean", 0.0), num(config, "stddev", 0.05), seed);
      case "TruncatedNormal" ->
          RandomInitializer.truncatedNormal(num(config, "mean", 0.0), num(config, "stddev", 0.05), seed);
      case "RandomUniform" ->
          RandomInitializer.uniform(num(config, "minval", -0.05), num(config, "maxval", 0.05), seed);
      case "VarianceScaling" -> new VarianceScaling(
          num(config, "scale", 1.0),
          Mode.valueOf(String.valueOf(config.getOrDefault("mode", "fan_in")).toUpperCase(Locale.ROOT)),
          Distribution.valueOf(
              normalizeDistribution(String.valueOf(config.getOrDefault("distribution", "truncated_normal")))),
          seed);
      default -> throw new IllegalArgumentException(
          "Unknown initializer class: '" + className + "'. Valid names: " + NAMES + ".");
    };
  }

  private static String normalizeDistribution(String d) {
    String upper = d.toUpperCase(Locale.ROOT);
    return upper.equals("NORMAL") ? "TRUNCATED_NORMAL" : upper;
  }

  private static double num(Map<String, Object> config, String key, double fallback) {
    Object v = config.get(key);
    return v instanceof Number n ? n.doubleValue() : fallback;
  }

  static long product(long[] shape) {
    long p = 1;
    for (long d : shape) {
      p = Math.multiplyExact(p, d);
    }
    return p;
  }
}
