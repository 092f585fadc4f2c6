package io.github.keras4j.callbacks;

import io.github.keras4j.internal.PyFloat;
import io.github.keras4j.models.Model;
import java.util.Map;

/** Helpers shared by the callbacks. */
final class Callbacks {
  private Callbacks() {}

  /** Adds {@code learning_rate} to epoch logs, as Keras 3's LR callbacks do (ignored if the map is read-only). */
  static void putLearningRate(Map<String, Double> logs, Model model) {
    try {
      logs.put("learning_rate", model.optimizer().learningRate());
    } catch (UnsupportedOperationException readOnly) {
      // The caller passed immutable logs; the value is only informative.
    }
  }

  /** Python's {@code str(float)}: {@code 0.0001}, {@code 1e-07}, {@code 1.0}, {@code nan}, {@code inf}. */
  static String pyFloat(double d) {
    return PyFloat.repr(d);
  }
}
