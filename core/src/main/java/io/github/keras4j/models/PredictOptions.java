package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code predict}, with Keras's defaults: batch size 32, verbose 0, no callbacks.
 *
 * <pre>{@code
 * model.predict(x, new PredictOptions().batchSize(10).verbose(0))
 * }</pre>
 */
public final class PredictOptions {
  private int batchSize = 32;
  private final List<ModelCallback> callbacks = new ArrayList<>();
  private int verbose;

  /** Creates options with Keras's defaults. */
  public PredictOptions() {}

  /**
   * Sets the number of samples per batch (default 32; ignored for a {@link BatchSource}).
   *
   * @throws IllegalArgumentException if not positive
   */
  public PredictOptions batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "PredictOptions: batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * Sets the verbosity: 0 silent (default), 1 progress bar, 2 one line.
   *
   * @throws IllegalArgumentException if not 0, 1 or 2
   */
  public PredictOptions verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException(
          "PredictOptions: verbose must be 0, 1 or 2, but got verbose=" + verbose + ".");
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
   * Adds callbacks that {@code predict} calls in order, as Keras's {@code predict(..., callbacks=[...])}: {@link
   * ModelCallback#setModel}, then {@link ModelCallback#onPredictBegin}, {@link ModelCallback#onPredictBatchBegin}
   * and {@link ModelCallback#onPredictBatchEnd} per batch (with empty logs: Keras's batch outputs are in the returned
   * array) and {@link ModelCallback#onPredictEnd}. Any {@link io.github.keras4j.callbacks.Callback} is a {@link
   * ModelCallback}.
   *
   * @throws NullPointerException if a callback is null
   */
  public PredictOptions callbacks(ModelCallback... callbacks) {
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
  public PredictOptions callbacks(List<? extends ModelCallback> callbacks) {
    return callbacks(requireNonNull(callbacks, "callbacks").toArray(new ModelCallback[0]));
  }

  /** Returns the callbacks (a copy; empty by default). */
  public List<ModelCallback> callbacks() {
    return List.copyOf(callbacks);
  }
}
