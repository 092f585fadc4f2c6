/**
 * Callbacks: the {@link io.github.keras4j.callbacks.Callback} hooks into {@code fit}, and the built-in progress
 * output ({@link io.github.keras4j.callbacks.ProgbarLogger}).
 */
package io.github.keras4j.callbacks;
