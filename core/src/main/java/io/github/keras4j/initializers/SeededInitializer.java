package io.github.keras4j.initializers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the random initializers share: the Keras class name, the optional {@code seed} (last in the config, as
 * Keras writes it) and {@code toString()} as the class name followed by the config.
 */
abstract class SeededInitializer implements Initializer {
  private final String className;
  private final Long seed;

  SeededInitializer(String className, Long seed) {
    this.className = className;
    this.seed = seed;
  }

  @Override
  public String className() {
    return className;
  }

  @Override
  public Long seed() {
    return seed;
  }

  /** Puts the initializer's own config entries, those before {@code seed}; none by default. */
  void putConfig(Map<String, Object> config) {}

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    putConfig(config);
    config.put("seed", seed);
    return config;
  }

  @Override
  public String toString() {
    return className() + getConfig();
  }
}
