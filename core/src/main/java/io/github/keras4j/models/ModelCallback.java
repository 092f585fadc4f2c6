package io.github.keras4j.models;

import java.util.Map;

/**
 * The hooks that {@link Model#fit}, {@link Model#evaluate} and {@link Model#predict} call, in Keras's order — the
 * contract behind {@link io.github.keras4j.callbacks.Callback}, which is what applications implement.
 *
 * <p>It lives here, beside the loops that call it, so that {@code models} does not depend on {@code callbacks}
 * (the callbacks depend on {@code Model}: they stop training, save it, read its optimizer). Every
 * {@link io.github.keras4j.callbacks.Callback} is a {@code ModelCallback}, and so is {@link History}; the option
 * classes ({@link FitOptions#callbacks(ModelCallback...)}, …) take this type so that both are accepted.
 *
 * <p>Order within {@code fit}: {@link #setModel} (once, on every callback), {@link #onTrainBegin}; per epoch
 * {@link #onEpochBegin}, per batch {@link #onTrainBatchBegin} and {@link #onTrainBatchEnd}, the validation pass
 * ({@link #onTestBegin}, per batch {@link #onTestBatchBegin} / {@link #onTestBatchEnd}, {@link #onTestEnd}), then
 * {@link #onEpochEnd}; finally {@link #onTrainEnd}. {@code fit} calls {@link History} first, then the progress
 * output (verbose &gt; 0), then the given callbacks in the order given, as Keras's {@code CallbackList}.
 */
public interface ModelCallback {
  /**
   * Called once at the start of {@code fit}, {@code evaluate} or {@code predict} with the model that runs the
   * callback (Keras's {@code set_model}); a validation pass within {@code fit} does not call it again.
   */
  default void setModel(Model model) {}

  /** Called at the start of {@code fit}. */
  default void onTrainBegin(Map<String, Double> logs) {}

  /** Called at the end of {@code fit}, with the last epoch's logs. */
  default void onTrainEnd(Map<String, Double> logs) {}

  /** Called at the start of each epoch. */
  default void onEpochBegin(int epoch, Map<String, Double> logs) {}

  /** Called at the end of each epoch with the epoch's training and validation values. */
  default void onEpochEnd(int epoch, Map<String, Double> logs) {}

  /** Called before each training batch. */
  default void onTrainBatchBegin(int batch, Map<String, Double> logs) {}

  /** Called after each training batch with the running means of the epoch so far. */
  default void onTrainBatchEnd(int batch, Map<String, Double> logs) {}

  /**
   * Called at the start of {@code evaluate} and of each validation pass of {@code fit}, with empty logs (Keras's
   * {@code on_test_begin}).
   */
  default void onTestBegin(Map<String, Double> logs) {}

  /**
   * Called at the end of {@code evaluate} and of each validation pass of {@code fit} with the pass's final values
   * under their unprefixed names ({@code loss}, not {@code val_loss}), as Keras's {@code on_test_end}.
   */
  default void onTestEnd(Map<String, Double> logs) {}

  /**
   * Called before each batch of {@code evaluate} and of each validation pass of {@code fit}, with empty logs
   * (Keras's {@code on_test_batch_begin}). During {@code fit}, called only when the fit has user callbacks.
   *
   * @param batch the zero-based index of the batch within the pass
   */
  default void onTestBatchBegin(int batch, Map<String, Double> logs) {}

  /**
   * Called after each batch of {@code evaluate} and of each validation pass of {@code fit} with the running means
   * of the pass so far under their unprefixed names (Keras's {@code on_test_batch_end}); at the last batch they
   * equal what {@code evaluate} returns.
   *
   * @param batch the zero-based index of the batch within the pass
   */
  default void onTestBatchEnd(int batch, Map<String, Double> logs) {}

  /** Called at the start of {@code predict}, with empty logs (Keras's {@code on_predict_begin}). */
  default void onPredictBegin(Map<String, Double> logs) {}

  /** Called at the end of {@code predict}, with empty logs (Keras's {@code on_predict_end}). */
  default void onPredictEnd(Map<String, Double> logs) {}

  /**
   * Called before each batch of {@code predict}, with empty logs (Keras's {@code on_predict_batch_begin}).
   *
   * @param batch the zero-based index of the batch
   */
  default void onPredictBatchBegin(int batch, Map<String, Double> logs) {}

  /**
   * Called after each batch of {@code predict} (Keras's {@code on_predict_batch_end}). Keras passes the batch's
   * outputs as {@code {"outputs": ...}}; here {@code logs} is empty, since a map of doubles cannot hold them: the
   * outputs are in the array {@code predict} returns, in batch order.
   *
   * @param batch the zero-based index of the batch
   */
  default void onPredictBatchEnd(int batch, Map<String, Double> logs) {}
}
