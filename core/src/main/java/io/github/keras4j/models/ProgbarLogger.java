package io.github.keras4j.models;

import io.github.keras4j.utils.Progbar;

import java.io.PrintStream;
import java.util.Map;

/**
 * Prints training progress to standard output as Keras's {@code ProgbarLogger}: {@code Epoch 1/30} (when there
 * is more than one epoch), then a progress bar (verbose 1) or one line per epoch (verbose 2). {@code fit} adds it
 * by itself when {@code verbose > 0}.
 */
final class ProgbarLogger implements ModelCallback {
  private final int verbose;
  private final int epochs;
  private final int steps;
  private final PrintStream out;
  private final boolean dynamic;
  private Progbar progbar;

  /**
   * Creates the logger.
   *
   * @param verbose 1 (bar) or 2 (line per epoch)
   * @param epochs the total number of epochs (Keras's {@code epochs})
   * @param steps the number of batches per epoch
   * @param out where to print
   * @param dynamic whether {@code out} is a terminal
   */
  ProgbarLogger(int verbose, int epochs, int steps, PrintStream out, boolean dynamic) {
    this.verbose = verbose;
    this.epochs = epochs;
    this.steps = steps;
    this.out = out;
    this.dynamic = dynamic;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    if (verbose > 0 && epochs > 1) {
      out.println("Epoch " + (epoch + 1) + "/" + epochs);
      out.flush();
    }
    progbar = new Progbar(steps, verbose, out, dynamic, "step");
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    if (verbose == 1 && batch + 1 < steps) {
      progbar.update(batch + 1, logs, false);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    progbar.update(steps, logs, true);
  }

  /** Returns whether the logger wants batch-level logs (verbose 1). */
  boolean wantsBatchLogs() {
    return verbose == 1;
  }
}
