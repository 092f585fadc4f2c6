package io.github.keras4j.regularizers;


import io.github.keras4j.internal.KerasObjects;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Looks up regularizers by Keras name and reads and writes their Keras configs, as {@code keras.regularizers}. */
public final class Regularizers {
  /** The names and class names {@link #get} and {@link #fromConfig} accept. */
  public static final List<String> NAMES =
      List.of("l1", "l2", "l1_l2", "orthogonal_regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer");

  private Regularizers() {}

  /**
   * Returns a regularizer with Keras's defaults for a name ({@code "l2"}) or class name ({@code "L2"}).
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Regularizer get(String name) {
    return fromConfig(name, Map.of());
  }

  /**
   * Returns the regularizer of a Keras {@code class_name} and {@code config}.
   *
   * @throws IllegalArgumentException for an unknown class name or a bad value
   */
  public static Regularizer fromConfig(String className, Map<String, Object> config) {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(config, "config");
    return switch (className) {
      case "l1", "L1" -> new L1(KerasObjects.number(config, "l1", 0.01, className));
      case "l2", "L2" -> new L2(KerasObjects.number(config, "l2", 0.01, className));
      case "l1_l2", "L1L2", "l1l2" -> {
        // keras.regularizers.l1_l2() defaults to 0.01 each; the L1L2 class to 0.
        double fallback = className.equals("L1L2") ? 0.0 : 0.01;
        yield new L1L2(KerasObjects.number(config, "l1", fallback, className),
            KerasObjects.number(config, "l2", fallback, className));
      }
      case "orthogonal_regularizer", "OrthogonalRegularizer" -> new OrthogonalRegularizer(
          KerasObjects.number(config, "factor", 0.01, className),
          config.get("mode") == null ? "rows" : String.valueOf(config.get("mode")));
      default -> throw new IllegalArgumentException(
          "Unknown regularizer: '" + className + "'. Valid names: " + NAMES + ".");
    };
  }

  /**
   * Reads a config value: {@code null}, a name, or {@code {"class_name": …, "config": {…}}} (Keras 2 and 3).
   *
   * @return the regularizer, or {@code null} for {@code null}
   */
  public static Regularizer deserialize(Object value) {
    return KerasObjects.deserialize(value, "regularizer", Regularizers::get, Regularizers::fromConfig);
  }

  /** Returns Keras's {@code {"class_name": …, "config": {…}}} for a regularizer, or {@code null} for none. */
  public static Map<String, Object> serialize(Regularizer regularizer) {
    return regularizer == null ? null : KerasObjects.serialize(regularizer.className(), regularizer.getConfig());
  }

}
