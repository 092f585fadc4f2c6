package io.github.keras4j.initializers;

import java.util.Map;

/**
 * Produces the initial values of a weight, as Keras's {@code keras.initializers.Initializer}.
 *
 * <p>Values are generated on the Java side from a seed, so the same seed gives the same weights on every
 * machine and thread count. Implementations are immutable.
 */
public interface Initializer {
  /**
   * Returns {@code prod(shape)} values in row-major order.
   *
   * @param shape the weight's shape, e.g. {@code [fanIn, units]} for a Dense kernel
   * @param seed the seed to draw from; deterministic initializers ignore it
   */
  float[] generate(long[] shape, long seed);

  /** Returns the Keras class name used in configs, e.g. {@code GlorotUniform}. */
  String className();

  /** Returns the Keras config dict of this initializer (e.g. {@code {"seed": null}}). */
  Map<String, Object> getConfig();

  /** Returns an explicit seed given at construction, or {@code null} to draw one from the Keras session. */
  default Long seed() {
    return null;
  }
}
