package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code evaluate}, with Keras's defaults: batch size 32, verbose 1, no callbacks.
 */
public final class EvaluateOptions {
  private int batchSize = 32;
  private final List<ModelCallback> callbacks = new ArrayList<>();
  private int verbose = 1;

  /** Creates options with Keras's defaults. */
  public EvaluateOptions() {}

  /**
   * Sets the number of samples per batch (default 32; ignored for a {@link BatchSource}).
   *
   * @throws IllegalArgumentException if not positive
   */
  public EvaluateOptions batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "EvaluateOptions: batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * Sets the verbosity: 0 silent, 1 progress bar (default), 2 one line.
   *
   * @throws IllegalArgumentException if not 0, 1 or 2
   */
  public EvaluateOptions verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException(
          "EvaluateOptions: verbose must be 0, 1 or 2, but got verbose=" + verbose + ".");
    }
    this.verbose = verbose;
    return this;
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
   * Adds callbacks that {@code evaluate} calls in order, as Keras's {@code evaluate(..., callbacks=[...])}: {@link
   * ModelCallback#setModel}, then {@link ModelCallback#onTestBegin}, {@link ModelCallback#onTestBatchBegin}
   * and {@link ModelCallback#onTestBatchEnd} per batch (with the running means so far) and {@link
   * ModelCallback#onTestEnd} with the values {@code evaluate} returns. Any {@link io.github.keras4j.callbacks.Callback}
   * is a {@link ModelCallback}.
   *
   * @throws NullPointerException if a callback is null
   */
  public EvaluateOptions callbacks(ModelCallback... callbacks) {
    for (ModelCallback c : requireNonNull(callbacks, "callbacks")) {
      this.callbacks.add(requireNonNull(c, "callback"));
    }
    return this;
  }

  /**
   * Adds callbacks; see {@link #callbacks(ModelCallback...)}.
   *
   * @throws NullPointerException if the list or a callback is null
   */
  public EvaluateOptions callbacks(List<? extends ModelCallback> callbacks) {
    return callbacks(requireNonNull(callbacks, "callbacks").toArray(new ModelCallback[0]));
  }

  /** Returns the callbacks (a copy; empty by default). */
  public List<ModelCallback> callbacks() {
    return List.copyOf(callbacks);
  }
}
