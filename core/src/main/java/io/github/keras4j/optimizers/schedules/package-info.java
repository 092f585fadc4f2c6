/**
 * Learning rates that change with the step, as {@code keras.optimizers.schedules}:
 * {@link io.github.keras4j.optimizers.schedules.ExponentialDecay},
 * {@link io.github.keras4j.optimizers.schedules.PiecewiseConstantDecay},
 * {@link io.github.keras4j.optimizers.schedules.PolynomialDecay},
 * {@link io.github.keras4j.optimizers.schedules.InverseTimeDecay},
 * {@link io.github.keras4j.optimizers.schedules.CosineDecay} (with warmup) and
 * {@link io.github.keras4j.optimizers.schedules.CosineDecayRestarts}.
 */
package io.github.keras4j.optimizers.schedules;
