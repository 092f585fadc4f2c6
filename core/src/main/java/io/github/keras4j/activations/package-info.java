/** Activation functions: {@link io.github.keras4j.activations.Activations} by constant or Keras name. */
package io.github.keras4j.activations;
