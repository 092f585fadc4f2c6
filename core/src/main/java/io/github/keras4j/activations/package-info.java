/**
 * Activation functions: {@link io.github.keras4j.activations.Activations} by constant or Keras name, and
 * {@link io.github.keras4j.activations.ActivationProvider} to make custom ones loadable by name.
 */
package io.github.keras4j.activations;
