/**
 * Losses: {@link io.github.keras4j.losses.SparseCategoricalCrossentropy} and friends, by Keras name through
 * {@link io.github.keras4j.losses.Losses}.
 */
package io.github.keras4j.losses;
