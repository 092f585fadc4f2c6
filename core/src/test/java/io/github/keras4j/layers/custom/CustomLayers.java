package io.github.keras4j.layers.custom;

import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LayerFactory;
import java.util.Map;
import java.util.function.Function;

/** Registers {@link Scale} through the LayerFactory service. */
public final class CustomLayers implements LayerFactory {
  @Override
  public Map<String, Function<Map<String, Object>, Layer>> layers() {
    return Map.of("Scale", Scale::fromConfig);
  }
}
