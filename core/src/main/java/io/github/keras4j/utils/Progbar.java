package io.github.keras4j.utils;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's text progress bar ({@code keras.utils.Progbar}, tf.keras 2.x), character for character: verbose 1
 * draws {@code 189/189 [==============================] - 0s 1ms/step - loss: 0.2947 - accuracy: 0.9312},
 * redrawn in place on a terminal; verbose 2 prints one {@code 189/189 - 0s - loss: …} line when finished.
 *
 * <p>Values are displayed as given (Keras 2.x passes running means as "stateful" metrics): {@code %.4f}, or
 * {@code %.4e} for magnitudes at most 1e-3. When the output is not interactive ({@link #isInteractive}: a log
 * file, a pipe outside an IDE), verbose 1 prints only the finished line instead of redrawing, so log files hold no
 * {@code \r} redraws.
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

  /**
   * Returns whether progress on {@code System.out} should be redrawn in place, as Keras's {@code _dynamic_display}
   * ({@code sys.stdout.isatty()}, or a console known to render {@code \r} such as PyCharm's or Jupyter's):
   * see {@link #isInteractive(PrintStream)}.
   */
  public static boolean stdoutIsTerminal() {
    return isInteractive(System.out);
  }

  /**
   * Decides, by what the output is, whether a bar on {@code out} is redrawn in place (a live bar) or printed once
   * when finished (plain lines, nothing but complete lines in log files):
   *
   * <ol>
   *   <li>the system property {@code keras4j.interactive} ({@code true} / {@code false}) or the environment variable
   *       {@code KERAS4J_INTERACTIVE} decides when set, as Keras's {@code enable_interactive_logging()} /
   *       {@code disable_interactive_logging()};
   *   <li>a stream other than {@code System.out} / {@code System.err} (a file, a buffer) is not interactive;
   *   <li>where the operating system tells what standard output is ({@code /proc/self/fd/1} on Linux): a terminal
   *       is interactive, a regular file is not, and a pipe is interactive only inside an IDE console (IntelliJ IDEA,
   *       Eclipse, VS Code), which renders {@code \r}, and not when piped to {@code tee} or a log collector;
   *   <li>elsewhere: an IDE console, or a terminal as the JDK reports it ({@code Console.isTerminal()} on JDK 22+,
   *       where {@code System.console()} is no longer {@code null} for redirected output).
   * </ol>
   */
  public static boolean isInteractive(PrintStream out) {
    String forced = System.getProperty("keras4j.interactive", System.getenv("KERAS4J_INTERACTIVE"));
    if (forced != null && !forced.isBlank()) {
      return Boolean.parseBoolean(forced.trim()) || forced.trim().equals("1");
    }
    int fd = out == System.out ? 1 : out == System.err ? 2 : -1;
    if (fd < 0) {
      return false;
    }
    String kind = OutputKind.of(fd);
    switch (kind) {
      case OutputKind.TERMINAL:
        return true;
      case OutputKind.FILE:
        return false;
      case OutputKind.PIPE:
        return OutputKind.insideIde();
      default:
        return OutputKind.insideIde() || OutputKind.jdkSaysTerminal();
    }
  }

  /** What a standard stream is connected to. */
  static final class OutputKind {
    static final String TERMINAL = "terminal";
    static final String FILE = "file";
    static final String PIPE = "pipe";
    static final String UNKNOWN = "unknown";

    private OutputKind() {}

    static String of(int fd) {
      java.nio.file.Path link = java.nio.file.Path.of("/proc/self/fd/" + fd);
      try {
        if (!java.nio.file.Files.isSymbolicLink(link)) {
          return UNKNOWN;
        }
        String target = java.nio.file.Files.readSymbolicLink(link).toString();
        return classify(target);
      } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
        return UNKNOWN;
      }
    }

    /** Classifies a {@code /proc/self/fd} link target. */
    static String classify(String target) {
      if (target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console")) {
        return TERMINAL;
      }
      if (target.startsWith("pipe:") || target.startsWith("socket:")) {
        return PIPE;
      }
      if (target.startsWith("/")) {
        return FILE; // a log file, /dev/null
      }
      return UNKNOWN;
    }

    /** Whether this JVM was started by an IDE whose console renders carriage returns. */
    static boolean insideIde() {
      String classPath = System.getProperty("java.class.path", "");
      if (classPath.contains("idea_rt.jar")) {
        return true;
      }
      String command = System.getProperty("sun.java.command", "");
      if (command.startsWith("com.intellij.rt.") || command.contains("org.eclipse.jdt.internal.junit")) {
        return true;
      }
      try {
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
          if (arg.contains("idea_rt.jar") || arg.contains("org.eclipse") || arg.contains("vscode")) {
            return true;
          }
        }
      } catch (RuntimeException | LinkageError e) {
        // java.management unavailable: fall through
      }
      String terminalEmulator = System.getenv("TERMINAL_EMULATOR");
      return terminalEmulator != null && terminalEmulator.contains("JetBrains")
          || "vscode".equals(System.getenv("TERM_PROGRAM"));
    }

    /** {@code System.console().isTerminal()} on JDK 22+, {@code System.console() != null} before. */
    static boolean jdkSaysTerminal() {
      java.io.Console console = System.console();
      if (console == null) {
        return false;
      }
      try {
        return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return true; // JDK 17-21: a console exists only for a terminal
      }
    }
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
