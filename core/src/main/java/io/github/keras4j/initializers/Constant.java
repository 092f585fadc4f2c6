package io.github.keras4j.initializers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keras's {@code Constant}, {@code Zeros} and {@code Ones}: every value the same. */
public final class Constant implements Initializer {
  private final float value;
  private final String className;

  /** Creates an initializer that fills weights with {@code value}. */
  public Constant(double value) {
    this(value, "Constant");
  }

  Constant(double value, String className) {
    this.value = (float) value;
    this.className = className;
  }

  /** Returns the fill value. */
  public float value() {
    return value;
  }

  @Override
  public float[] generate(long[] shape, long seed) {
    float[] out = new float[Math.toIntExact(Initializers.product(shape))];
    Arrays.fill(out, value);
    return out;
  }

  @Override
  public String className() {
    return className;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    if (className.equals("Constant")) {
      config.put("value", (double) value);
    }
    return config;
  }

  @Override
  public String toString() {
    return className + getConfig();
  }
}
