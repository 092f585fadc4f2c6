/**
 * Metrics computed during training ({@link io.github.keras4j.metrics.Metrics}, accuracy resolved as Keras does)
 * and {@link io.github.keras4j.metrics.ConfusionMatrix} for predictions.
 */
package io.github.keras4j.metrics;
