package io.github.keras4j.models;


/**
 * The keyword arguments of Keras's {@code evaluate}, with Keras's defaults: batch size 32, verbose 1, no callbacks.
 *
 * <p>The callbacks are called in order, as Keras's {@code evaluate(..., callbacks=[...])}: {@link
 * ModelCallback#setModel}, then {@link ModelCallback#onTestBegin}, {@link ModelCallback#onTestBatchBegin} and {@link
 * ModelCallback#onTestBatchEnd} per batch (with the running means so far) and {@link ModelCallback#onTestEnd} with the values
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
