/**
 * Layers: {@link io.github.keras4j.layers.Layer} (the extension point) and the built-ins
 * ({@link io.github.keras4j.layers.Dense}, {@link io.github.keras4j.layers.Dropout},
 * {@link io.github.keras4j.layers.Activation}, {@link io.github.keras4j.layers.InputLayer}).
 */
package io.github.keras4j.layers;
