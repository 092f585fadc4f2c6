package io.github.keras4j.optimizers.schedules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads and writes learning-rate schedules in Keras's config form ({@code {"class_name": …, "config": {…}}}). */
public final class Schedules {
  /** The class names {@link #fromConfig} accepts. */
  public static final List<String> NAMES =
      List.of("ExponentialDecay", "PiecewiseConstantDecay", "PolynomialDecay", "InverseTimeDecay", "CosineDecay",
          "CosineDecayRestarts");

  private Schedules() {}

  /**
   * Returns the schedule of a Keras {@code class_name} and {@code config}.
   *
   * @throws IllegalArgumentException for an unknown class name (listing the valid ones) or a bad value
   */
  public static LearningRateSchedule fromConfig(String className, Map<String, Object> c) {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(c, "config");
    return switch (className) {
      case "ExponentialDecay" -> new ExponentialDecay(num(c, "initial_learning_rate", null, className),
          (long) num(c, "decay_steps", null, className), num(c, "decay_rate", null, className),
          bool(c, "staircase"));
      case "PiecewiseConstantDecay" -> new PiecewiseConstantDecay(
          longs(c, "boundaries", className), doubles(c, "values", className));
      case "PolynomialDecay" -> new PolynomialDecay(num(c, "initial_learning_rate", null, className),
          (long) num(c, "decay_steps", null, className), num(c, "end_learning_rate", 0.0001, className),
          num(c, "power", 1.0, className), bool(c, "cycle"));
      case "InverseTimeDecay" -> new InverseTimeDecay(num(c, "initial_learning_rate", null, className),
          num(c, "decay_steps", null, className), num(c, "decay_rate", null, className), bool(c, "staircase"));
      case "CosineDecay" -> new CosineDecay(num(c, "initial_learning_rate", null, className),
          (long) num(c, "decay_steps", null, className), num(c, "alpha", 0.0, className),
          c.get("warmup_target") == null ? null : num(c, "warmup_target", null, className),
          (long) num(c, "warmup_steps", 0.0, className));
      case "CosineDecayRestarts" -> new CosineDecayRestarts(num(c, "initial_learning_rate", null, className),
          (long) num(c, "first_decay_steps", null, className), num(c, "t_mul", 2.0, className),
          num(c, "m_mul", 1.0, className), num(c, "alpha", 0.0, className));
      default -> throw new IllegalArgumentException(
          "Unknown learning-rate schedule: '" + className + "'. Valid names: " + NAMES + ".");
    };
  }

  /** Reads {@code {"class_name": …, "config": {…}}} (Keras 2 and 3). */
  @SuppressWarnings("unchecked")
  public static LearningRateSchedule deserialize(Object value) {
    if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
      Object inner = m.get("config");
      return fromConfig(cls, inner instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
    }
    throw new IllegalArgumentException(
        "A learning-rate schedule must be {\"class_name\": …, \"config\": {…}}, but got " + value + ".");
  }

  /** Returns Keras's {@code {"class_name": …, "config": {…}}}; Keras 3 adds {@code module}, {@code registered_name}. */
  public static Map<String, Object> serialize(LearningRateSchedule schedule, boolean keras3) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (keras3) {
      out.put("module", "keras.optimizers.schedules");
    }
    out.put("class_name", schedule.className());
    out.put("config", new LinkedHashMap<>(schedule.getConfig()));
    if (keras3) {
      out.put("registered_name", null);
    }
    return out;
  }

  static double positive(String owner, String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(owner + ": " + key + " must be a positive number, but got " + key + "="
          + value + ".");
    }
    return value;
  }

  static double nonNegative(String owner, String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(owner + ": " + key + " must be a number >= 0, but got " + key + "="
          + value + ".");
    }
    return value;
  }

  static Map<String, Object> config(String name) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    return config;
  }

  private static double num(Map<String, Object> c, String key, Double fallback, String owner) {
    Object v = c.get(key);
    if (v == null) {
      if (fallback == null) {
        throw new IllegalArgumentException(owner + " config: missing required key '" + key + "'.");
      }
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(owner + " config: '" + key + "' must be a number, but got " + v + ".");
  }

  private static boolean bool(Map<String, Object> c, String key) {
    Object v = c.get(key);
    return v instanceof Boolean b && b;
  }

  private static List<Number> list(Map<String, Object> c, String key, String owner) {
    Object v = c.get(key);
    if (v instanceof List<?> l && l.stream().allMatch(Number.class::isInstance)) {
      List<Number> out = new ArrayList<>();
      l.forEach(x -> out.add((Number) x));
      return out;
    }
    throw new IllegalArgumentException(owner + " config: '" + key + "' must be a list of numbers, but got " + v + ".");
  }

  private static long[] longs(Map<String, Object> c, String key, String owner) {
    return list(c, key, owner).stream().mapToLong(Number::longValue).toArray();
  }

  private static double[] doubles(Map<String, Object> c, String key, String owner) {
    return list(c, key, owner).stream().mapToDouble(Number::doubleValue).toArray();
  }
}
