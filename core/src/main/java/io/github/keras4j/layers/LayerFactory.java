package io.github.keras4j.layers;

import java.util.Map;
import java.util.function.Function;

/**
 * Service-provider interface that makes custom layers loadable from configs (toJson/fromJson, saved models), as
 * Keras's {@code register_keras_serializable}.
 *
 * <p>Implement it, list the implementation in {@code META-INF/services/io.github.keras4j.layers.LayerFactory},
 * and {@link LayerRegistry} finds it on the classpath:
 *
 * <pre>{@code
 * public final class MyLayers implements LayerFactory {
 *   public Map<String, Function<Map<String, Object>, Layer>> layers() {
 *     return Map.of("Scale", Scale::fromConfig);
 *   }
 * }
 * }</pre>
 */
public interface LayerFactory {
  /** Returns the Keras class names this provider creates, each with a function from config to layer. */
  Map<String, Function<Map<String, Object>, Layer>> layers();
}
