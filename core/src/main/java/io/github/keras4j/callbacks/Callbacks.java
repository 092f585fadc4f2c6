package io.github.keras4j.callbacks;

import io.github.keras4j.models.Model;
import java.math.BigDecimal;
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
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int decpt = digits.length() - bd.scale();
    StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
    if (decpt <= -4 || decpt > 16) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      out.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        out.append('0');
      }
      return out.append(abs).toString();
    }
    if (decpt <= 0) {
      return out.append("0.").append("0".repeat(-decpt)).append(digits).toString();
    }
    if (decpt >= digits.length()) {
      return out.append(digits).append("0".repeat(decpt - digits.length())).append(".0").toString();
    }
    return out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length()).toString();
  }
}
