package io.github.keras4j.layers;

import java.util.Map;

/**
 * Base of the image layers that produce a fixed {@code (height, width)} ({@link CenterCrop}, {@link Resizing}):
 * the target size and the data format.
 *
 * <pre>{@code
 * new Resizing(224, 224)
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class ImageSizeLayer<L extends ImageSizeLayer<L>> extends DataFormatLayer<L> {
  private final int height;
  private final int width;

  /**
   * Creates the layer.
   *
   * @param height the target height; positive
   * @param width the target width; positive
   * @throws IllegalArgumentException if a size is not positive
   */
  protected ImageSizeLayer(int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          className() + ": height and width must be positive, but got height=" + height + ", width=" + width + ".");
    }
    this.height = height;
    this.width = width;
  }

  /** Returns the target height. */
  public int height() {
    return height;
  }

  /** Returns the target width. */
  public int width() {
    return width;
  }

  /** Reads the required {@code height} and {@code width} of a Keras config. */
  static int[] configSize(Map<String, Object> config, String layer) {
    return new int[] {Configs.getInt(config, "height", layer), Configs.getInt(config, "width", layer)};
  }

  /** Applies a Keras config's {@code data_format}, then the settings every layer shares. */
  protected final L applyImageConfig(Map<String, Object> config) {
    return Configs.applyCommon(applyDataFormatConfig(config), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height", height);
    config.put("width", width);
    if (channelsFirst()) {
      // Written only when not the default: tf.keras 2's preprocessing layers reject an unknown data_format key.
      config.put("data_format", dataFormat());
    }
    return config;
  }
}
