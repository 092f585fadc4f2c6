package io.github.keras4j.models;


/**
 * The keyword arguments of Keras's {@code predict}, with Keras's defaults: batch size 32, verbose 0, no callbacks.
 *
 * <p>The callbacks are called in order, as Keras's {@code predict(..., callbacks=[...])}: {@link
 * ModelCallback#setModel}, then {@link ModelCallback#onPredictBegin}, {@link ModelCallback#onPredictBatchBegin} and {@link
 * ModelCallback#onPredictBatchEnd} per batch (with empty logs: Keras's batch outputs are in the returned array) and
 * {@link ModelCallback#onPredictEnd}.
 *
 * <pre>{@code
 * model.predict(x, new PredictOptions().batchSize(10).verbose(0))
 * }</pre>
 */
public final class PredictOptions extends InferenceOptions<PredictOptions> {
  /** Creates options with Keras's defaults (batch size 32, verbose 0, no callbacks). */
  public PredictOptions() {
    super("PredictOptions", 0);
  }
}
