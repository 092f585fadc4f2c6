/**
 * Models: {@link io.github.keras4j.models.Sequential}, with {@code compile}, {@code fit}
 * ({@link io.github.keras4j.models.FitOptions}), {@code evaluate}, {@code predict}
 * ({@link io.github.keras4j.models.PredictOptions}) and {@code summary}; {@link io.github.keras4j.models.History}
 * records training; {@link io.github.keras4j.models.ModelCallback} is the contract of the hooks that the loops call
 * (implement {@link io.github.keras4j.callbacks.Callback}).
 */
package io.github.keras4j.models;
