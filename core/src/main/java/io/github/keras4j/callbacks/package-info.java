/**
 * Callbacks: the {@link io.github.keras4j.callbacks.Callback} hooks into {@code fit}, {@code evaluate} and
 * {@code predict}, and Keras's {@link io.github.keras4j.callbacks.ModelCheckpoint},
 * {@link io.github.keras4j.callbacks.EarlyStopping} and the others. The package builds on
 * {@code io.github.keras4j.models} ({@code Callback} extends {@link io.github.keras4j.models.ModelCallback}, the
 * contract the loops call), never the other way round; the built-in history and progress output of {@code fit}
 * live in {@code models}.
 */
package io.github.keras4j.callbacks;
