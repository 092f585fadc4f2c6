package io.github.keras4j.models;

import io.github.keras4j.callbacks.Callback;

/**
 * The keyword arguments of Keras's {@code evaluate}, with Keras's defaults: batch size 32, verbose 1, no callbacks.
 *
 * <p>The callbacks are called in order, as Keras's {@code evaluate(..., callbacks=[...])}: {@link
 * Callback#setModel}, then {@link Callback#onTestBegin}, {@link Callback#onTestBatchBegin} and {@link
 * Callback#onTestBatchEnd} per batch (with the running means so far) and {@link Callback#onTestEnd} with the values
 * {@code evaluate} returns.
 *
 * <pre>{@code
 * model.evaluate(x, y, new EvaluateOptions().batchSize(10).verbose(0))
 * }</pre>
 */
public final class EvaluateOptions extends InferenceOptions<EvaluateOptions> {
  /** Creates options with Keras's defaults (batch size 32, verbose 1, no callbacks). */
  public EvaluateOptions() {
    super("EvaluateOptions", 1);
  }
}
