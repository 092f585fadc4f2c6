package io.github.keras4j.callbacks;

import io.github.keras4j.models.ModelCallback;

/**
 * Hooks into {@code fit}, {@code evaluate} and {@code predict}, as Keras's {@code keras.callbacks.Callback}: the
 * type applications implement; the hooks themselves, their order and their defaults are those of
 * {@link ModelCallback}, which the training and inference loops of {@code io.github.keras4j.models} call.
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
public interface Callback extends ModelCallback {}
