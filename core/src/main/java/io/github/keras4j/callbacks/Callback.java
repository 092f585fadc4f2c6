package io.github.keras4j.callbacks;

import io.github.keras4j.models.Model;
import java.util.Map;

/**
 * Hooks into {@code fit}, {@code evaluate} and {@code predict}, as Keras's {@code keras.callbacks.Callback}.
 *
 * <p>Every method has an empty default, so an implementation overrides only what it needs. {@code logs} maps
 * Keras's names ({@code loss}, {@code accuracy}, {@code val_loss}, …) to values; batch logs hold the running means
 * of the epoch so far, epoch logs the epoch's final values. Epoch and batch indices are zero-based, as in Keras.
 *
 * <pre>{@code
 * Callback printer = new Callback() {
 *   public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *     System.out.println("epoch " + epoch + " loss " + logs.get("loss"));
 *   }
 * };
 * model.fit(x, y, new FitOptions().callbacks(printer));
 * }</pre>
 */
public interface Callback {
  /** Called once before training with the model being trained. */
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

  /** Called at the start of {@code evaluate} and of each validation pass. */
  default void onTestBegin(Map<String, Double> logs) {}

  /** Called at the end of {@code evaluate} and of each validation pass. */
  default void onTestEnd(Map<String, Double> logs) {}

  /** Called at the start of {@code predict}. */
  default void onPredictBegin(Map<String, Double> logs) {}

  /** Called at the end of {@code predict}. */
  default void onPredictEnd(Map<String, Double> logs) {}
}
