package io.github.keras4j.layers;

import java.util.Map;

/**
 * Base of the global poolings ({@link GlobalPooling1D}, {@link GlobalPooling2D}), as Keras 3's
 * {@code BaseGlobalPooling}: the data format and {@code keepDims} (Keras's {@code keepdims}, default false: the
 * reduced axes are dropped).
 *
 * <pre>{@code
 * new GlobalAveragePooling2D().keepDims(true)
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class BaseGlobalPooling<L extends BaseGlobalPooling<L>> extends DataFormatLayer<L> {
  private boolean keepDims;

  /** Returns whether the reduced axes are kept with size 1. */
  public boolean keepDims() {
    return keepDims;
  }

  /** Keeps the reduced axes with size 1 (Keras's {@code keepdims}); default false. */
  public L keepDims(boolean keepDims) {
    checkNotBuilt("keepDims");
    this.keepDims = keepDims;
    return self();
  }

  /** Applies {@code keepdims} and {@code data_format} of a Keras config, then the settings every layer shares. */
  static <G extends BaseGlobalPooling<G>> G configure(G layer, Map<String, Object> config) {
    layer.keepDims(Configs.getBoolean(config, "keepdims", layer.className(), false));
    layer.applyDataFormatConfig(config);
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", dataFormat());
    if (keepDims) {
      config.put("keepdims", true);
    }
    return config;
  }
}
