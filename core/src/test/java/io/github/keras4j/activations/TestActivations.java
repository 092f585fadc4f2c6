package io.github.keras4j.activations;

import java.util.Map;

/** A test {@link ActivationProvider}, listed in the test resources' META-INF/services: {@code cube}. */
public final class TestActivations implements ActivationProvider {
  /** {@code cube}: {@code x³}. */
  public static final ActivationFunction CUBE =
      Activations.of("cube", (tf, x) -> tf.math.mul(x, tf.math.mul(x, x)));

  @Override
  public Map<String, ActivationFunction> activations() {
    return Map.of("cube", CUBE);
  }
}
