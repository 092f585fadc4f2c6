package io.github.keras4j.saving;

import java.util.List;
import java.util.Map;

/**
 * Typed access to Keras config trees (parsed JSON / YAML: dicts with string keys, lists, strings, numbers), with
 * messages that say what was expected and what was found; shared by {@link ModelConfigReader} and the
 * other readers of this package (training configs, archives, SavedModel metadata).
 */
final class ModelConfigs {
  private ModelConfigs() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new IllegalArgumentException("Config keys must be strings, but got " + describe(key) + ".");
      }
    }
    return (Map<String, Object>) map;
  }

  static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return cast(m);
    }
    throw new IllegalArgumentException(what + " must be a dict, but got " + describe(value) + ".");
  }

  static List<?> list(Object value, String what) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(what + " must be a list, but got " + describe(value) + ".");
  }

  static String string(Object value, String what) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(what + " must be a string, but got " + describe(value) + ".");
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String s = String.valueOf(value);
    if (s.length() > 80) {
      s = s.substring(0, 77) + "...";
    }
    String type =
        value instanceof Map ? "dict" : value instanceof List ? "list" : value instanceof String ? "string"
            : value instanceof Number ? "number" : value instanceof Boolean ? "bool" : value.getClass().getSimpleName();
    return type + " " + (value instanceof String ? "'" + s + "'" : s);
  }
}
