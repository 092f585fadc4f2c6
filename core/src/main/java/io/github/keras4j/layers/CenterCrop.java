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
public class CenterCrop extends ImageSizeLayer<CenterCrop> {

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public CenterCrop(int height, int width) {
    super(height, width);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return checkedInFormat(tf, x, last -> callLast(tf, last));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x) {
    long rows = x.shape().size(1);
    long cols = x.shape().size(2);
    if (rows >= height() && cols >= width()) {
      int top = (int) ((rows - height()) / 2);
      int left = (int) ((cols - width()) / 2);
      return tf.slice(x, tf.constant(new int[] {0, top, left, 0}), tf.constant(new int[] {-1, height(), width(), -1}));
    }
    return Resizing.resize(tf, x, height(), width(), "bilinear", true, name());
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return imageShape(inputShape, last -> outputShapeLast(last, inputShape));
  }

  /** The channels_last output shape of {@code inputShape}; {@code given} is the shape named in errors. */
  private Shape outputShapeLast(Shape inputShape, Shape given) {
    if (inputShape.size(1) < 0 || inputShape.size(2) < 0) {
      throw new IncompatibleShapeException(
          name(), "known rows and cols", Shapes.format(given),
          "Layer '" + name() + "' (CenterCrop) needs known rows and cols, but got input shape "
              + Shapes.format(given) + "; declare the image size on the Input.");
    }
    return Shape.of(inputShape.size(0), height(), width(), inputShape.size(3));
  }

  /** Creates the layer from its Keras config. */
  public static CenterCrop fromConfig(Map<String, Object> config) {
    int[] size = configSize(config, "CenterCrop");
    return new CenterCrop(size[0], size[1]).applyImageConfig(config);
  }
}
