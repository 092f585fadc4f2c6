package io.github.keras4j.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Not API: Keras's serialized form of small config objects ({@code null}, a name, or
 * {@code {"class_name": …, "config": {…}}}), shared by the packages of regularizers and constraints.
 */
public final class KerasObjects {
  private KerasObjects() {}

  /**
   * Reads a config value as Keras's {@code deserialize}: {@code null} stays {@code null}, a name goes to
   * {@code byName}, a {@code {"class_name", "config"}} map to {@code byConfig}.
   *
   * @param what names the kind of object in the error ({@code "regularizer"})
   * @throws IllegalArgumentException for any other value
   */
  @SuppressWarnings("unchecked")
  public static <T> T deserialize(Object value, String what, Function<String, T> byName,
      BiFunction<String, Map<String, Object>, T> byConfig) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return byName.apply(s);
    }
    if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
      Object inner = m.get("config");
      return byConfig.apply(cls, inner instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of());
    }
    throw new IllegalArgumentException(
        "A " + what + " must be a name or {\"class_name\": …, \"config\": {…}}, but got " + value + ".");
  }

  /** Returns Keras's {@code {"class_name": …, "config": {…}}}. */
  public static Map<String, Object> serialize(String className, Map<String, Object> config) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("class_name", className);
    out.put("config", new LinkedHashMap<>(config));
    return out;
  }

  /**
   * Returns the number at {@code key}, or {@code fallback} when absent.
   *
   * @throws IllegalArgumentException naming {@code owner} and the key if the value is not a number
   */
  public static double number(Map<String, Object> config, String key, double fallback, String owner) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(owner + ": '" + key + "' must be a number, but got " + v + ".");
  }
}
