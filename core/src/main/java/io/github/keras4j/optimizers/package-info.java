/**
 * Optimizers with Keras 2.x update rules and defaults: {@link io.github.keras4j.optimizers.Adam},
 * {@link io.github.keras4j.optimizers.SGD}, {@link io.github.keras4j.optimizers.RMSprop}.
 */
package io.github.keras4j.optimizers;
