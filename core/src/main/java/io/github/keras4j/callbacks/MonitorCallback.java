package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

/**
 * What the callbacks that watch one log value share, as Keras's: the value's name ({@link #monitor}, default
 * {@code val_loss}), the mode ({@link #mode}: {@code auto}, {@code min} or {@code max}) and the verbosity.
 *
 * @param <C> the concrete callback type the setters return
 */
abstract class MonitorCallback<C extends MonitorCallback<C>> extends ReportingCallback<C> {
  private String monitor = "val_loss";
  private String mode = "auto";

  /** Sets the log value to watch (default {@code val_loss}). */
  public C monitor(String monitor) {
    this.monitor = requireNonNull(monitor, "monitor");
    return self();
  }

  /**
   * Sets {@code auto} (default: max for accuracy-like names, else min), {@code min} or {@code max}.
   *
   * @throws IllegalArgumentException for any other mode
   */
  public C mode(String mode) {
    this.mode = MonitorMode.check(mode, getClass().getSimpleName());
    return self();
  }

  /** Sets the verbosity: 0 (default) silent, 1 prints what the callback does. */
  public C verbose(int verbose) {
    setVerbosity(verbose);
    return self();
  }

  /** The name of the watched log value. */
  final String monitored() {
    return monitor;
  }

  /** The mode, lower case. */
  final String modeName() {
    return mode;
  }

  /** Whether a greater value is better, as {@link MonitorMode#greaterIsBetter}. */
  final boolean greaterIsBetter() {
    return MonitorMode.greaterIsBetter(mode, monitor);
  }

  /** The value every first observation improves on: −∞ when greater is better, +∞ otherwise. */
  static double worst(boolean greater) {
    return greater ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }
}
