package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.Model;
import java.io.PrintStream;

/**
 * What the callbacks that act on their model and print what they do share: the model ({@link #setModel}), the
 * verbosity, the output stream ({@link #output}, default {@code System.out}) and Keras's learning-rate message.
 *
 * @param <C> the concrete callback type the setters return
 */
abstract class ReportingCallback<C extends ReportingCallback<C>> implements Callback {
  private Model model;
  private int verbose;
  private PrintStream out = System.out;

  @SuppressWarnings("unchecked")
  final C self() {
    return (C) this;
  }

  /** Redirects the verbose output (default {@code System.out}). */
  public C output(PrintStream out) {
    this.out = requireNonNull(out, "out");
    return self();
  }

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  /** The model {@link #setModel} gave, or {@code null} before. */
  final Model model() {
    return model;
  }

  /** The stream verbose messages go to. */
  final PrintStream out() {
    return out;
  }

  /** The verbosity: 0 silent, more prints. */
  final int verbosity() {
    return verbose;
  }

  final void setVerbosity(int verbose) {
    this.verbose = verbose;
  }

  /**
   * Sets the optimizer's learning rate and, when verbose, prints Keras's line
   * {@code "\nEpoch N: <callback> <doing> learning rate to <lr>."}.
   */
  final void setLearningRate(int epoch, double lr, String doing) {
    model.optimizer().learningRate(lr);
    if (verbose > 0) {
      out.println("\nEpoch " + (epoch + 1) + ": " + getClass().getSimpleName() + " " + doing + " learning rate to "
          + lr + ".");
    }
  }
}
