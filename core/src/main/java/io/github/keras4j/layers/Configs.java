package io.github.keras4j.layers;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Reading Keras config dicts: typed getters with errors that name the layer, the key and the value; and the
 * settings every layer shares ({@code name}, {@code trainable}, {@code batch_input_shape} / Keras 3's
 * {@code batch_shape}).
 */
public final class Configs {
  private Configs() {}

  /** Returns an int value, accepting any integral number within the int range. */
  public static int getInt(Map<String, Object> config, String key, String layer) {
    return intOf(require(config, key, layer), layer, key);
  }

  /**
   * Returns {@code value} as an int when it is an integral number within {@code [-2^31, 2^31 - 1]}; anything else
   * (a fraction, a string, or a number such as {@code 4294967312} that would wrap) is refused rather than
   * truncated.
   *
   * @param value the config value
   * @param layer the layer class name, for the message
   * @param key the config key, for the message
   * @return the value as an int
   * @throws IllegalArgumentException if the value is not an integer in the int range
   */
  public static int intOf(Object value, String layer, String key) {
    if (value instanceof Number n && !(n instanceof Float || n instanceof Double)
        && !(n instanceof java.math.BigDecimal)) {
      java.math.BigInteger big = n instanceof java.math.BigInteger b ? b : java.math.BigInteger.valueOf(n.longValue());
      if (big.bitLength() < 32) {
        return big.intValue();
      }
      throw bad(layer, key, value, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
      if (d == Math.rint(d)) {
        throw bad(layer, key, value, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
      }
    }
    throw bad(layer, key, value, "an integer");
  }

  /** Returns a number. */
  public static double getDouble(Map<String, Object> config, String key, String layer, double fallback) {
    return get(config, key, layer, Number.class, "a number", fallback, Number::doubleValue);
  }

  /** Returns a boolean, or {@code fallback} when absent. */
  public static boolean getBoolean(Map<String, Object> config, String key, String layer, boolean fallback) {
    return get(config, key, layer, Boolean.class, "true or false", fallback, b -> b);
  }

  /** Returns a string, or {@code fallback} when absent. */
  public static String getString(Map<String, Object> config, String key, String layer, String fallback) {
    return get(config, key, layer, String.class, "a string", fallback, s -> s);
  }

  /** Returns {@code read(value)} for a value of {@code type}, {@code fallback} when absent, else a typed error. */
  private static <T, R> R get(
      Map<String, Object> config, String key, String layer, Class<T> type, String expected, R fallback,
      java.util.function.Function<T, R> read) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (type.isInstance(v)) {
      return read.apply(type.cast(v));
    }
    throw bad(layer, key, v, expected);
  }

  /** Returns an activation name, accepting Keras 3's serialized form too. */
  public static String getActivation(Map<String, Object> config, String key, String layer) {
    Object v = config.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof Map<?, ?> m && m.get("config") instanceof String s) {
      return s;
    }
    if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String s) {
      return s;
    }
    throw bad(layer, key, v, "an activation name");
  }

  /** Returns an initializer from {@code {"class_name": …, "config": {…}}} or a name, or {@code fallback}. */
  public static Initializer getInitializer(Map<String, Object> config, String key, String layer, Initializer fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof String) && !(v instanceof Map<?, ?> m && m.get("class_name") instanceof String)) {
      throw bad(layer, key, v, "an initializer");
    }
    return io.github.keras4j.internal.KerasObjects.deserialize(v, "initializer", Initializers::get, Initializers::fromConfig);
  }

  /** Returns the sample shape from {@code batch_input_shape} or {@code batch_shape}, or {@code null}. */
  public static int[] getSampleShape(Map<String, Object> config, String layer) {
    Object v = config.containsKey("batch_input_shape") ? config.get("batch_input_shape") : config.get("batch_shape");
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      throw bad(layer, "batch_input_shape", v, "a list such as [null, 16]");
    }
    int[] dims = new int[list.size() - 1];
    for (int i = 1; i < list.size(); i++) {
      if (list.get(i) == null) {
        dims[i - 1] = -1;
      } else if (list.get(i) instanceof Number n && intOf(n, layer, "batch_input_shape") > 0) {
        dims[i - 1] = n.intValue();
      } else {
        throw bad(layer, "batch_input_shape", v, "positive sizes (or null) after the batch dimension");
      }
    }
    return dims;
  }

  /**
   * Returns the batch size from {@code batch_input_shape} or {@code batch_shape} (its first entry), or -1 when
   * absent or {@code null}.
   */
  public static int getBatchSize(Map<String, Object> config, String layer) {
    Object v = config.containsKey("batch_input_shape") ? config.get("batch_input_shape") : config.get("batch_shape");
    if (!(v instanceof List<?> list) || list.isEmpty() || list.get(0) == null) {
      return -1;
    }
    if (!(list.get(0) instanceof Number n) || intOf(n, layer, "batch_input_shape") <= 0) {
      throw bad(layer, "batch_input_shape", v, "a positive batch size (or null) first");
    }
    return n.intValue();
  }

  /**
   * Applies a Keras config's {@code seed} (when it is a number) through {@code seedSetter}, then the settings
   * every layer shares ({@link #applyCommon}).
   */
  static <L extends Layer> L applySeedAndCommon(L layer, Map<String, Object> config, LongConsumer seedSetter) {
    if (config.get("seed") instanceof Number n) {
      seedSetter.accept(n.longValue());
    }
    return applyCommon(layer, config);
  }

  /** Applies {@code name}, {@code trainable} and the input shape of a config to a new layer. */
  public static <L extends Layer> L applyCommon(L layer, Map<String, Object> config) {
    String name = getString(config, "name", layer.className(), null);
    if (name != null) {
      layer.name(name);
    }
    layer.trainable(getBoolean(config, "trainable", layer.className(), true));
    applyRegularizers(layer, config);
    int[] shape = getSampleShape(config, layer.className());
    if (shape != null && !(layer instanceof InputLayer)) {
      layer.inputShape(shape);
      int batch = getBatchSize(config, layer.className());
      if (batch > 0) {
        layer.batchSize(batch);
      }
    }
    return layer;
  }

  /**
   * Applies every {@code <key>_regularizer}, {@code <key>_constraint} and {@code activity_regularizer} of a config
   * to a new layer (Keras 2 and 3 forms; {@code null} means none).
   *
   * @throws IllegalArgumentException naming the layer and key for an unknown or malformed entry
   */
  public static void applyRegularizers(Layer layer, Map<String, Object> config) {
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key = e.getKey();
      if (e.getValue() == null) {
        continue;
      }
      try {
        if (key.equals("activity_regularizer")) {
          layer.activityRegularizer(io.github.keras4j.regularizers.Regularizers.deserialize(e.getValue()));
        } else if (key.endsWith("_regularizer")) {
          layer.weightRegularizer(key.substring(0, key.length() - "_regularizer".length()),
              io.github.keras4j.regularizers.Regularizers.deserialize(e.getValue()));
        } else if (key.endsWith("_constraint")) {
          layer.weightConstraint(key.substring(0, key.length() - "_constraint".length()),
              io.github.keras4j.constraints.Constraints.deserialize(e.getValue()));
        }
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(
            layer.className() + " config: '" + key + "': " + ex.getMessage(), ex);
      }
    }
  }

  /**
   * Returns Keras's config form of per-channel numbers: one number alone, several as a list, {@code null} for
   * {@code null}.
   */
  static Object numberOrList(double[] values) {
    if (values == null) {
      return null;
    }
    if (values.length == 1) {
      return values[0];
    }
    List<Double> out = new java.util.ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static Object require(Map<String, Object> config, String key, String layer) {
    Object v = config.get(key);
    if (v == null) {
      throw new IllegalArgumentException(layer + " config: missing required key '" + key + "'.");
    }
    return v;
  }

  private static IllegalArgumentException bad(String layer, String key, Object value, String expected) {
    return new IllegalArgumentException(
        layer + " config: '" + key + "' must be " + expected + ", but got " + value + ".");
  }
}
