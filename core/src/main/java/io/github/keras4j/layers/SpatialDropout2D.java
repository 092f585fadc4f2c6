package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Dropout of whole feature maps, as Keras's {@code SpatialDropout2D}: in training each channel of each sample is
 * either kept (scaled by {@code 1 / (1 - rate)}) or zeroed over all its rows and columns (noise shape
 * {@code (batch, 1, 1, channels)}); the identity at inference. Input and output {@code (batch, rows, cols,
 * channels)}, or {@code (batch, channels, rows, cols)} with {@code dataFormat("channels_first")} (noise shape
 * {@code (batch, channels, 1, 1)}).
 *
 * <pre>{@code
 * new SpatialDropout2D(0.2)
 * }</pre>
 */
public class SpatialDropout2D extends Dropout {
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /**
   * Creates the layer.
   *
   * @param rate the fraction of feature maps to drop, in {@code [0, 1)}
   */
  public SpatialDropout2D(double rate) {
    super(rate);
  }

  /**
   * Refuses: the noise shape of a spatial dropout is fixed to {@code (batch, 1, 1, channels)}.
   *
   * @throws IllegalArgumentException always
   */
  @Override
  public SpatialDropout2D noiseShape(long... noiseShape) {
    throw fixedNoiseShape("(batch, 1, 1, channels)");
  }

  /** Returns the data format: {@code channels_last} (default) or {@code channels_first}. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default; {@code (batch, rows, cols, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, rows, cols)}, noise shape {@code (batch, channels, 1, 1)}).
   *
   * @throws IllegalArgumentException for any other value
   */
  public SpatialDropout2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("SpatialDropout2D", dataFormat);
    return this;
  }

  @Override
  public SpatialDropout2D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public SpatialDropout2D seed(long seed) {
    super.seed(seed);
    return this;
  }

  @Override
  protected Operand<TInt32> maskShape(Ops tf, Operand<TFloat32> x) {
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> batch = tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    if (dataFormat.equals(ConvUtils.CHANNELS_FIRST)) {
      return tf.concat(java.util.List.of(
          batch, tf.slice(shape, tf.constant(new int[] {1}), tf.constant(new int[] {1})),
          tf.constant(new int[] {1, 1})), tf.constant(0));
    }
    return tf.concat(java.util.List.of(
        batch, tf.constant(new int[] {1, 1}),
        tf.slice(shape, tf.constant(new int[] {3}), tf.constant(new int[] {1}))), tf.constant(0));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireRank4(name(), inputShape, dataFormat);
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static SpatialDropout2D fromConfig(Map<String, Object> config) {
    SpatialDropout2D layer = new SpatialDropout2D(Configs.getDouble(config, "rate", "SpatialDropout2D", 0.5));
    layer.dataFormat(ConvUtils.configDataFormat(config, "SpatialDropout2D"));
    return configureSeed(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.remove("noise_shape"); // Keras 3's SpatialDropout2D takes no noise_shape
    config.put("data_format", dataFormat);
    return config;
  }
}
