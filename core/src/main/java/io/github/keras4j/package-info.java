/**
 * Keras4J: a Keras-like deep-learning library for Java on TensorFlow Java.
 *
 * <p>Start with {@link io.github.keras4j.models.Sequential}, {@link io.github.keras4j.layers.Dense} and
 * {@link io.github.keras4j.models.FitOptions}; {@link io.github.keras4j.Keras} holds session-wide state
 * (name counters, random seed).
 */
package io.github.keras4j;
