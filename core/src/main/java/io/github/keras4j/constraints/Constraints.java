package io.github.keras4j.constraints;


import io.github.keras4j.internal.KerasObjects;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Looks up constraints by Keras name and reads and writes their Keras configs, as {@code keras.constraints}. */
public final class Constraints {
  /** The names and class names {@link #get} and {@link #fromConfig} accept. */
  public static final List<String> NAMES =
      List.of("max_norm", "non_neg", "unit_norm", "min_max_norm", "MaxNorm", "NonNeg", "UnitNorm", "MinMaxNorm");

  private Constraints() {}

  /**
   * Returns a constraint with Keras's defaults for a name ({@code "max_norm"}) or class name ({@code "MaxNorm"}).
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Constraint get(String name) {
    return fromConfig(name, Map.of());
  }

  /**
   * Returns the constraint of a Keras {@code class_name} and {@code config}.
   *
   * @throws IllegalArgumentException for an unknown class name or a bad value
   */
  public static Constraint fromConfig(String className, Map<String, Object> config) {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(config, "config");
    return switch (className) {
      case "max_norm", "MaxNorm", "maxnorm", "max_norm_constraint" ->
          new MaxNorm(KerasObjects.number(config, "max_value", 2, className), axis(config, className));
      case "non_neg", "NonNeg", "nonneg" -> new NonNeg();
      case "unit_norm", "UnitNorm", "unitnorm" -> new UnitNorm(axis(config, className));
      case "min_max_norm", "MinMaxNorm" -> new MinMaxNorm(
          KerasObjects.number(config, "min_value", 0, className),
          KerasObjects.number(config, "max_value", 1, className),
          KerasObjects.number(config, "rate", 1, className), axis(config, className));
      default -> throw new IllegalArgumentException(
          "Unknown constraint: '" + className + "'. Valid names: " + NAMES + ".");
    };
  }

  /** Reads a config value: {@code null}, a name or {@code {"class_name": …, "config": {…}}}. */
  public static Constraint deserialize(Object value) {
    return KerasObjects.deserialize(value, "constraint", Constraints::get, Constraints::fromConfig);
  }

  /** Returns Keras's {@code {"class_name": …, "config": {…}}}, or {@code null} for none. */
  public static Map<String, Object> serialize(Constraint constraint) {
    return constraint == null ? null : KerasObjects.serialize(constraint.className(), constraint.getConfig());
  }


  private static int[] axis(Map<String, Object> config, String owner) {
    Object v = config.get("axis");
    if (v == null) {
      return new int[] {0};
    }
    if (v instanceof Number n) {
      return new int[] {n.intValue()};
    }
    if (v instanceof List<?> list) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw new IllegalArgumentException(owner + ": 'axis' must be integers, but got " + v + ".");
        }
        out[i] = n.intValue();
      }
      return out;
    }
    throw new IllegalArgumentException(owner + ": 'axis' must be an integer or a list, but got " + v + ".");
  }
}
