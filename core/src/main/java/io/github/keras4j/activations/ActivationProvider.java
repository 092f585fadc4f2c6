package io.github.keras4j.activations;

import java.util.Map;

/**
 * Service-provider interface that registers custom activations by name, so that {@link Activations#get(String)},
 * {@code new Dense(8).activation("my_act")} and configs read from files find them — the activation counterpart of
 * {@link io.github.keras4j.layers.LayerFactory}.
 *
 * <p>There is deliberately no {@code register(...)} method that mutates a global table: providers are discovered
 * once with {@link java.util.ServiceLoader} from the classpath, so what a name means never depends on which code
 * ran first, and two libraries in one JVM cannot change each other's activations. A name that clashes with a
 * built-in or with another provider's name is an error when the registry loads.
 *
 * <p>Implement it and list the class in {@code META-INF/services/io.github.keras4j.activations.ActivationProvider}:
 *
 * <pre>{@code
 * public final class MyActivations implements ActivationProvider {
 *   public Map<String, ActivationFunction> activations() {
 *     return Map.of("cube", Activations.of("cube", (tf, x) -> tf.math.mul(x, tf.math.mul(x, x))));
 *   }
 * }
 * }</pre>
 *
 * Activation objects can always be passed directly too ({@code dense.activation(myFunction)}); the provider is only
 * needed to load configs (files, {@code fromJson}) that name the activation.
 */
public interface ActivationProvider {
  /** Returns the activations this provider adds, by the name saved in configs (lower case). */
  Map<String, ActivationFunction> activations();
}
