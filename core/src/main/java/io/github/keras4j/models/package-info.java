/**
 * Models: {@link io.github.keras4j.models.Sequential}, with {@code compile}, {@code fit}
 * ({@link io.github.keras4j.models.FitOptions}), {@code evaluate}, {@code predict}
 * ({@link io.github.keras4j.models.PredictOptions}) and {@code summary}; {@link io.github.keras4j.models.History}
 * records training.
 */
package io.github.keras4j.models;
