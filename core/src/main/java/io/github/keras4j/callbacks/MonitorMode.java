package io.github.keras4j.callbacks;

import java.util.Locale;

/** How a monitored quantity improves: Keras's {@code mode} argument ({@code auto}, {@code min}, {@code max}). */
final class MonitorMode {
  private MonitorMode() {}

  /** Validates a mode name. */
  static String check(String mode, String callback) {
    String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("auto") && !m.equals("min") && !m.equals("max")) {
      throw new IllegalArgumentException(
          callback + ": mode must be one of \"auto\", \"min\", \"max\", but got mode=\"" + mode + "\".");
    }
    return m;
  }

  /** Returns whether larger is better: {@code max}, or {@code auto} with an accuracy-like name (as Keras). */
  static boolean greaterIsBetter(String mode, String monitor) {
    if (mode.equals("auto")) {
      return monitor.contains("acc") || monitor.startsWith("fmeasure") || monitor.contains("auc");
    }
    return mode.equals("max");
  }
}
