package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.image.ResizeNearestNeighbor;
import org.tensorflow.types.TFloat32;

/**
 * Repeats the rows and columns of an image batch, as Keras's {@code UpSampling2D}: {@code nearest} (default) copies
 * each pixel into a {@code size[0] × size[1]} block; {@code bilinear} interpolates as {@code tf.image.resize}
 * (half-pixel centers: output pixel {@code i} samples input coordinate {@code (i + 0.5) / size - 0.5}, clamped to
 * the border).
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, rows · size[0], cols · size[1], channels)}.
 * Default size (2, 2), data format channels_last ({@code dataFormat("channels_first")} takes and gives
 * {@code (batch, channels, rows, cols)}).
 *
 * <pre>{@code
 * new UpSampling2D(2).interpolation("bilinear")
 * }</pre>
 */
public class UpSampling2D extends DataFormatLayer<UpSampling2D> {
  private final int[] size;
  private String interpolation = "nearest";

  /** Creates the layer with size (2, 2). */
  public UpSampling2D() {
    this(2, 2);
  }

  /** Creates the layer; one factor for both axes or (rows, cols). */
  public UpSampling2D(int... size) {
    this.size = ConvUtils.positivePair("UpSampling2D", "size", size);
  }

  /** Returns the upsampling factors. */
  public int[] size() {
    return size.clone();
  }

  /**
   * Sets the interpolation: {@code "nearest"} (default) or {@code "bilinear"}.
   *
   * @throws IllegalArgumentException for other names
   */
  public UpSampling2D interpolation(String interpolation) {
    checkNotBuilt("interpolation");
    String i = requireNonNull(interpolation, "interpolation").toLowerCase(Locale.ROOT);
    if (!i.equals("nearest") && !i.equals("bilinear")) {
      throw new IllegalArgumentException(
          "UpSampling2D: interpolation must be \"nearest\" or \"bilinear\", but got interpolation=\""
              + interpolation + "\".");
    }
    this.interpolation = i;
    return this;
  }

  /** Returns the interpolation. */
  public String interpolation() {
    return interpolation;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return checkedInFormat(tf, x, last -> callLast(tf, last));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x) {
    Shape out = outputShapeLast(x.shape());
    Operand<org.tensorflow.types.TInt32> newSize;
    if (out.size(1) >= 0 && out.size(2) >= 0) {
      newSize = tf.constant(new int[] {(int) out.size(1), (int) out.size(2)});
    } else {
      newSize = tf.math.mul(
          tf.slice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {2})),
          tf.constant(size));
    }
    return interpolation.equals("bilinear")
        ? resize(tf, x, newSize, "bilinear")
        : resize(tf, x, newSize, "nearest");
  }

  /** {@code tf.image.resize} with half-pixel centers (Keras's resize_images_v2) for nearest or bilinear. */
  static Operand<TFloat32> resize(
      Ops tf, Operand<TFloat32> x, Operand<org.tensorflow.types.TInt32> newSize, String interpolation) {
    if (interpolation.equals("bilinear")) {
      return tf.image.resizeBilinear(x, newSize, ResizeBilinear.halfPixelCenters(true));
    }
    return tf.image.resizeNearestNeighbor(x, newSize, ResizeNearestNeighbor.halfPixelCenters(true));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return imageShape(inputShape, this::outputShapeLast);
  }

  private Shape outputShapeLast(Shape inputShape) {
    return Shape.of(inputShape.size(0), inputShape.size(1) < 0 ? -1 : inputShape.size(1) * size[0],
        inputShape.size(2) < 0 ? -1 : inputShape.size(2) * size[1], inputShape.size(3));
  }

  /** Creates the layer from its Keras config. */
  public static UpSampling2D fromConfig(Map<String, Object> config) {
    UpSampling2D layer = new UpSampling2D(ConvUtils.configPair(config, "size", "UpSampling2D", new int[] {2, 2}));
    layer.interpolation(Configs.getString(config, "interpolation", "UpSampling2D", "nearest"));
    layer.applyDataFormatConfig(config);
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("size", ConvUtils.list(size));
    config.put("data_format", dataFormat());
    config.put("interpolation", interpolation);
    return config;
  }
}
