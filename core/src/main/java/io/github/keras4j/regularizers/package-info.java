/**
 * Weight and activity penalties added to the training loss, as {@code keras.regularizers}:
 * {@link io.github.keras4j.regularizers.L2}, {@link io.github.keras4j.regularizers.L1},
 * {@link io.github.keras4j.regularizers.L1L2}, {@link io.github.keras4j.regularizers.OrthogonalRegularizer};
 * {@link io.github.keras4j.regularizers.Regularizers} looks them up by name.
 */
package io.github.keras4j.regularizers;
