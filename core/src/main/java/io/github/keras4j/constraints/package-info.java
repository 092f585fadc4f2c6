/**
 * Projections applied to weights after every update, as {@code keras.constraints}:
 * {@link io.github.keras4j.constraints.MaxNorm}, {@link io.github.keras4j.constraints.NonNeg},
 * {@link io.github.keras4j.constraints.UnitNorm}, {@link io.github.keras4j.constraints.MinMaxNorm};
 * {@link io.github.keras4j.constraints.Constraints} looks them up by name.
 */
package io.github.keras4j.constraints;
