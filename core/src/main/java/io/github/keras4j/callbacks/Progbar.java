package io.github.keras4j.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's text progress bar ({@code keras.utils.Progbar}, tf.keras 2.x), character for character: verbose 1
 * draws {@code 189/189 [==============================] - 0s 1ms/step - loss: 0.2947 - accuracy: 0.9312},
 * redrawn in place on a terminal; verbose 2 prints one {@code 189/189 - 0s - loss: …} line when finished.
 *
 * <p>Values are displayed as given (Keras 2.x passes running means as "stateful" metrics): {@code %.4f}, or
 * {@code %.4e} for magnitudes at most 1e-3. When the output is not a terminal, verbose 1 prints only the finished
 * line instead of redrawing.
 */
public final class Progbar {
  private final int target;
  private final int width = 30;
  private final int verbose;
  private final PrintStream out;
  private final boolean dynamic;
  private final String unitName;
  private final double intervalSeconds = 0.05;
  private final long start = System.nanoTime();
  private long lastUpdate = Long.MIN_VALUE;
  private int totalWidth;

  /**
   * Creates a bar.
   *
   * @param target the number of steps
   * @param verbose 1 for the bar, 2 for one line at the end
   * @param out where to print
   * @param dynamic whether {@code out} is a terminal (redraw in place)
   * @param unitName the unit in {@code ms/step}
   */
  public Progbar(int target, int verbose, PrintStream out, boolean dynamic, String unitName) {
    this.target = target;
    this.verbose = verbose;
    this.out = out;
    this.dynamic = dynamic;
    this.unitName = unitName;
  }

  /** Returns whether {@code System.out} is an interactive terminal. */
  public static boolean stdoutIsTerminal() {
    return System.console() != null;
  }

  /**
   * Updates the bar to {@code current} steps with these values (in display order).
   *
   * @param finalize whether this is the last update (prints the newline)
   */
  public void update(int current, Map<String, Double> values, boolean finalize) {
    long now = System.nanoTime();
    double elapsed = (now - start) / 1e9;
    String timeInfo = String.format(Locale.ROOT, " - %.0fs", elapsed);
    if (verbose == 1) {
      if (!finalize && lastUpdate != Long.MIN_VALUE && (now - lastUpdate) / 1e9 < intervalSeconds) {
        return;
      }
      if (!finalize && !dynamic) {
        return;
      }
      lastUpdate = now;
      StringBuilder line = new StringBuilder();
      int prevTotalWidth = totalWidth;
      if (dynamic) {
        line.append("\b".repeat(prevTotalWidth)).append('\r');
      }
      int numDigits = (int) Math.log10(target) + 1;
      StringBuilder bar = new StringBuilder(String.format(Locale.ROOT, "%" + numDigits + "d/%d [", current, target));
      double prog = (double) current / target;
      int progWidth = (int) (width * prog);
      if (progWidth > 0) {
        bar.append("=".repeat(progWidth - 1));
        bar.append(current < target ? '>' : '=');
      }
      bar.append(".".repeat(Math.max(0, width - progWidth)));
      bar.append(']');
      totalWidth = bar.length();
      line.append(bar);

      double timePerUnit = current > 0 ? elapsed / current : 0;
      StringBuilder info = new StringBuilder(timeInfo);
      if (finalize) {
        info.append(formatTimePerUnit(timePerUnit));
      } else {
        double eta = timePerUnit * (target - current);
        String etaFormat;
        if (eta > 3600) {
          etaFormat =
              String.format(
                  Locale.ROOT, "%d:%02d:%02d", (long) (eta / 3600), (long) ((eta % 3600) / 60), (long) (eta % 60));
        } else if (eta > 60) {
          etaFormat = String.format(Locale.ROOT, "%d:%02d", (long) (eta / 60), (long) (eta % 60));
        } else {
          etaFormat = String.format(Locale.ROOT, "%ds", (long) eta);
        }
        info = new StringBuilder(" - ETA: " + etaFormat);
      }
      for (Map.Entry<String, Double> e : values.entrySet()) {
        info.append(" - ").append(e.getKey()).append(':').append(formatValue(e.getValue(), true));
      }
      totalWidth += info.length();
      if (prevTotalWidth > totalWidth) {
        info.append(" ".repeat(prevTotalWidth - totalWidth));
      }
      if (finalize) {
        info.append('\n');
      }
      line.append(info);
      out.print(line);
      out.flush();
    } else if (verbose == 2 && finalize) {
      int numDigits = (int) Math.log10(target) + 1;
      StringBuilder line =
          new StringBuilder(String.format(Locale.ROOT, "%" + numDigits + "d/%d", current, target)).append(timeInfo);
      for (Map.Entry<String, Double> e : values.entrySet()) {
        line.append(" - ").append(e.getKey()).append(':').append(formatValue(e.getValue(), false));
      }
      line.append('\n');
      out.print(line);
      out.flush();
    }
  }

  /** Formats seconds per unit as Keras: {@code " 1s/step"}, {@code " 12ms/step"}, {@code " 850us/step"}. */
  String formatTimePerUnit(double timePerUnit) {
    if (timePerUnit >= 1 || timePerUnit == 0) {
      return String.format(Locale.ROOT, " %.0fs/%s", timePerUnit, unitName);
    } else if (timePerUnit >= 1e-3) {
      return String.format(Locale.ROOT, " %.0fms/%s", timePerUnit * 1e3, unitName);
    }
    return String.format(Locale.ROOT, " %.0fus/%s", timePerUnit * 1e6, unitName);
  }

  /**
   * Formats a value as Keras: {@code " 0.2947"}, or {@code " 1.2346e-04"} for small ones (verbose 1 compares the
   * absolute value, verbose 2 the signed value, as Keras does).
   */
  static String formatValue(double avg, boolean absolute) {
    double test = absolute ? Math.abs(avg) : avg;
    if (test > 1e-3) {
      return String.format(Locale.ROOT, " %.4f", avg);
    }
    return String.format(Locale.ROOT, " %.4e", avg);
  }
}
