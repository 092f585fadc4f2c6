package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link EvaluateOptions} and {@link PredictOptions} share: the batch size (default 32), the verbosity (0, 1
 * or 2) and the callbacks, each setter checked where it is called and returning the options for chaining.
 *
 * @param <O> the concrete options type the setters return
 */
abstract class InferenceOptions<O extends InferenceOptions<O>> {
  private final String owner;
  private int batchSize = 32;
  private final List<ModelCallback> callbacks = new ArrayList<>();
  private int verbose;

  /** Creates options named {@code owner} in error messages, with this default verbosity. */
  InferenceOptions(String owner, int verbose) {
    this.owner = owner;
    this.verbose = verbose;
  }

  @SuppressWarnings("unchecked")
  private O self() {
    return (O) this;
  }

  /**
   * Sets the number of samples per batch (default 32; ignored for a {@link BatchSource}).
   *
   * @throws IllegalArgumentException if not positive
   */
  public O batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          owner + ": batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return self();
  }

  /**
   * Sets the verbosity: 0 silent, 1 progress bar, 2 one line (the default is the class's, as in Keras).
   *
   * @throws IllegalArgumentException if not 0, 1 or 2
   */
  public O verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException(owner + ": verbose must be 0, 1 or 2, but got verbose=" + verbose + ".");
    }
    this.verbose = verbose;
    return self();
  }

  /** Returns the batch size. */
  public int batchSize() {
    return batchSize;
  }

  /** Returns the verbosity. */
  public int verbose() {
    return verbose;
  }

  /**
   * Adds callbacks that the loop calls in order (the class description says which hooks), as Keras's
   * {@code callbacks=[...]}.
   *
   * @throws NullPointerException if a callback is null
   */
  public O callbacks(ModelCallback... callbacks) {
    for (ModelCallback c : requireNonNull(callbacks, "callbacks")) {
      this.callbacks.add(requireNonNull(c, "callback"));
    }
    return self();
  }

  /**
   * Adds callbacks; see {@link #callbacks(ModelCallback...)}.
   *
   * @throws NullPointerException if the list or a callback is null
   */
  public O callbacks(List<? extends ModelCallback> callbacks) {
    return callbacks(requireNonNull(callbacks, "callbacks").toArray(new ModelCallback[0]));
  }

  /** Returns the callbacks (a copy; empty by default). */
  public List<ModelCallback> callbacks() {
    return List.copyOf(callbacks);
  }
}
