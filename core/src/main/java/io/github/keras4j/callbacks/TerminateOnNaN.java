package io.github.keras4j.callbacks;

import io.github.keras4j.models.Model;
import java.io.PrintStream;
import java.util.Map;

/**
 * Stops training when a batch's loss is NaN or infinite, as Keras's {@code TerminateOnNaN}: prints
 * {@code Batch N: Invalid loss, terminating training} and asks {@code fit} to stop, which then returns the history
 * so far instead of throwing {@code NonFiniteLossException} ({@code fit} throws it only when no callback stopped
 * training at the batch whose loss was not finite).
 */
public final class TerminateOnNaN implements Callback {
  private PrintStream out = System.out;
  private Model model;
  private boolean terminated;

  /** Creates the callback. */
  public TerminateOnNaN() {}

  /** Redirects the message (default {@code System.out}). */
  public TerminateOnNaN output(PrintStream out) {
    this.out = java.util.Objects.requireNonNull(out, "out");
    return this;
  }

  /** Returns whether the last {@code fit} was terminated by this callback. */
  public boolean terminated() {
    return terminated;
  }

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    terminated = false;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    Double loss = logs.get("loss");
    if (loss != null && (loss.isNaN() || loss.isInfinite())) {
      out.println("Batch " + batch + ": Invalid loss, terminating training");
      terminated = true;
      model.stopTraining(true);
    }
  }
}
