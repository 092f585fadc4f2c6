package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Resizes an image batch to {@code (height, width)}, as Keras's {@code Resizing} preprocessing layer
 * ({@code tf.image.resize} without antialiasing: half-pixel centers). Interpolation {@code bilinear} (default) or
 * {@code nearest}. With {@code cropToAspectRatio} the largest centered window with the target's aspect ratio is
 * cropped first (Keras's {@code smart_resize}), so the image is not distorted.
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, height, width, channels)}; with
 * {@code dataFormat("channels_first")} {@code (batch, channels, rows, cols)} in and {@code (batch, channels,
 * height, width)} out.
 *
 * <pre>{@code
 * new Resizing(224, 224).cropToAspectRatio(true)
 * }</pre>
 */
public class Resizing extends Layer {
  private final int height;
  private final int width;
  private String interpolation = "bilinear";
  private boolean cropToAspectRatio;
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public Resizing(int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "Resizing: height and width must be positive, but got height=" + height + ", width=" + width + ".");
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

  /**
   * Sets the interpolation: {@code "bilinear"} (default) or {@code "nearest"}.
   *
   * @throws IllegalArgumentException for other names (Keras's area, bicubic, lanczos… are not supported)
   */
  public Resizing interpolation(String interpolation) {
    checkNotBuilt("interpolation");
    this.interpolation = checkInterpolation("Resizing", interpolation);
    return this;
  }

  static String checkInterpolation(String layer, String interpolation) {
    String i = requireNonNull(interpolation, "interpolation").toLowerCase(Locale.ROOT);
    if (!i.equals("nearest") && !i.equals("bilinear")) {
      throw new IllegalArgumentException(
          layer + ": interpolation must be \"bilinear\" or \"nearest\", but got interpolation=\"" + interpolation
              + "\".");
    }
    return i;
  }

  /** Returns the interpolation. */
  public String interpolation() {
    return interpolation;
  }

  /** Crops to the target aspect ratio before resizing; default false. */
  public Resizing cropToAspectRatio(boolean crop) {
    checkNotBuilt("cropToAspectRatio");
    this.cropToAspectRatio = crop;
    return this;
  }

  /** Returns whether the image is cropped to the target aspect ratio first. */
  public boolean cropToAspectRatio() {
    return cropToAspectRatio;
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
  public Resizing dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("Resizing", dataFormat);
    return this;
  }

  @Override
  public Resizing name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Resizing inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  /**
   * Keras's {@code smart_resize} crop window for an image of {@code rows × cols}: {@code {top, left, cropRows,
   * cropCols}}, computed with Keras's float32 arithmetic and int truncation.
   */
  static int[] aspectCrop(long rows, long cols, int height, int width) {
    int cropRows = (int) Math.min(rows, (long) ((float) (cols * height) / width));
    int cropCols = (int) Math.min(cols, (long) ((float) (rows * width) / height));
    int top = (int) ((float) (rows - cropRows) / 2);
    int left = (int) ((float) (cols - cropCols) / 2);
    return new int[] {top, left, cropRows, cropCols};
  }

  /** Resizes (after an optional aspect crop) a batch whose rows and cols are known. */
  static Operand<TFloat32> resize(
      Ops tf, Operand<TFloat32> x, int height, int width, String interpolation, boolean crop, String layerName) {
    Operand<TFloat32> in = x;
    if (crop) {
      Shape s = x.shape();
      if (s.size(1) < 0 || s.size(2) < 0) {
        throw new IncompatibleShapeException(
            layerName, "known rows and cols", Shapes.format(s),
            "Layer '" + layerName + "' needs known rows and cols to crop to the aspect ratio, but got input shape "
                + Shapes.format(s) + ".");
      }
      int[] c = aspectCrop(s.size(1), s.size(2), height, width);
      in = tf.slice(x, tf.constant(new int[] {0, c[0], c[1], 0}), tf.constant(new int[] {-1, c[2], c[3], -1}));
    }
    return UpSampling2D.resize(tf, in, tf.constant(new int[] {height, width}), interpolation);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(
        tf, dataFormat, x, last -> resize(tf, last, height, width, interpolation, cropToAspectRatio, name()));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 4) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected ndim=4, found ndim=" + inputShape.numDimensions(),
          dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? "(None, channels, rows, cols)" : "(None, rows, cols, channels)",
          inputShape);
    }
    return ConvUtils.inFormat(
        dataFormat, inputShape, last -> Shape.of(last.size(0), height, width, last.size(3)));
  }

  /** Creates the layer from its Keras config. */
  public static Resizing fromConfig(Map<String, Object> config) {
    Resizing layer = new Resizing(Configs.getInt(config, "height", "Resizing"), Configs.getInt(config, "width",
        "Resizing"));
    layer.interpolation(Configs.getString(config, "interpolation", "Resizing", "bilinear"));
    layer.cropToAspectRatio(Configs.getBoolean(config, "crop_to_aspect_ratio", "Resizing", false));
    layer.dataFormat(ConvUtils.configDataFormat(config, "Resizing"));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("height", height);
    config.put("width", width);
    config.put("interpolation", interpolation);
    config.put("crop_to_aspect_ratio", cropToAspectRatio);
    if (dataFormat.equals(ConvUtils.CHANNELS_FIRST)) {
      // Written only when not the default: tf.keras 2's preprocessing layers reject an unknown data_format key.
      config.put("data_format", dataFormat);
    }
    return config;
  }
}
