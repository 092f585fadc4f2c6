/**
 * Callbacks: the {@link io.github.keras4j.callbacks.Callback} hooks into {@code fit}, the built-in progress
 * output ({@link io.github.keras4j.callbacks.ProgbarLogger}), and Keras's
 * {@link io.github.keras4j.callbacks.ModelCheckpoint} and {@link io.github.keras4j.callbacks.EarlyStopping}.
 */
package io.github.keras4j.callbacks;
