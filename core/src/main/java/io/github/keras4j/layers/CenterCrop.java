package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Crops the center {@code (height, width)} of each image, as Keras's {@code CenterCrop} preprocessing layer: the
 * window starts at {@code ((rows - height) / 2, (cols - width) / 2)}, rounded down. An image smaller than the
 * target on either axis is instead resized to it as Keras does ({@code smart_resize}: crop to the aspect ratio,
 * then bilinear).
 *
 * <p>Input {@code (batch, rows, cols, channels)} with known rows and cols; output {@code (batch, height, width,
 * channels)}; with {@code dataFormat("channels_first")} {@code (batch, channels, rows, cols)} in and out.
 *
 * <pre>{@code
 * new CenterCrop(224, 224)
 * }</pre>
 */
public class CenterCrop extends Layer {
  private final int height;
  private final int width;
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public CenterCrop(int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "CenterCrop: height and width must be positive, but got height=" + height + ", width=" + width + ".");
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

  /** Returns the data format: {@code channels_last} (default) or {@code channels_first}. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default; {@code (batch, rows, cols, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, rows, cols)}, computed by transposing to channels_last and
   * back, as Keras does).
   *
   * @throws IllegalArgumentException for any other value
   */
  public CenterCrop dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("CenterCrop", dataFormat);
    return this;
  }

  @Override
  public CenterCrop name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public CenterCrop inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    computeOutputShape(x.shape());
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callLast(tf, last));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x) {
    long rows = x.shape().size(1);
    long cols = x.shape().size(2);
    if (rows >= height && cols >= width) {
      int top = (int) ((rows - height) / 2);
      int left = (int) ((cols - width) / 2);
      return tf.slice(x, tf.constant(new int[] {0, top, left, 0}), tf.constant(new int[] {-1, height, width, -1}));
    }
    return Resizing.resize(tf, x, height, width, "bilinear", true, name());
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 4) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected ndim=4, found ndim=" + inputShape.numDimensions(),
          dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? "(None, channels, rows, cols)" : "(None, rows, cols, channels)",
          inputShape);
    }
    return ConvUtils.inFormat(dataFormat, inputShape, last -> outputShapeLast(last, inputShape));
  }

  /** The channels_last output shape of {@code inputShape}; {@code given} is the shape named in errors. */
  private Shape outputShapeLast(Shape inputShape, Shape given) {
    if (inputShape.size(1) < 0 || inputShape.size(2) < 0) {
      throw new IncompatibleShapeException(
          name(), "known rows and cols", Shapes.format(given),
          "Layer '" + name() + "' (CenterCrop) needs known rows and cols, but got input shape "
              + Shapes.format(given) + "; declare the image size on the Input.");
    }
    return Shape.of(inputShape.size(0), height, width, inputShape.size(3));
  }

  /** Creates the layer from its Keras config. */
  public static CenterCrop fromConfig(Map<String, Object> config) {
    CenterCrop layer = new CenterCrop(Configs.getInt(config, "height", "CenterCrop"),
        Configs.getInt(config, "width", "CenterCrop"));
    layer.dataFormat(ConvUtils.configDataFormat(config, "CenterCrop"));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height", height);
    config.put("width", width);
    if (dataFormat.equals(ConvUtils.CHANNELS_FIRST)) {
      // Written only when not the default: tf.keras 2's preprocessing layers reject an unknown data_format key.
      config.put("data_format", dataFormat);
    }
    return config;
  }
}
