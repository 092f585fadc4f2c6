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
public class Resizing extends ImageSizeLayer<Resizing> {
  private String interpolation = "bilinear";
  private boolean cropToAspectRatio;

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public Resizing(int height, int width) {
    super(height, width);
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
    return inFormat(tf, x, last -> resize(tf, last, height(), width(), interpolation, cropToAspectRatio, name()));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return imageShape(inputShape, last -> Shape.of(last.size(0), height(), width(), last.size(3)));
  }

  /** Creates the layer from its Keras config. */
  public static Resizing fromConfig(Map<String, Object> config) {
    int[] size = configSize(config, "Resizing");
    Resizing layer = new Resizing(size[0], size[1]);
    layer.interpolation(Configs.getString(config, "interpolation", "Resizing", "bilinear"));
    layer.cropToAspectRatio(Configs.getBoolean(config, "crop_to_aspect_ratio", "Resizing", false));
    return layer.applyImageConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("interpolation", interpolation);
    config.put("crop_to_aspect_ratio", cropToAspectRatio);
    return config;
  }
}
