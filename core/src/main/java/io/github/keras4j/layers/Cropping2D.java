package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Crops rows and columns off the borders of an image batch, as Keras's {@code Cropping2D}.
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, rows - top - bottom, cols - left - right,
 * channels)}. Default: no cropping. {@code new Cropping2D(2)} crops 2 from every side, {@code new Cropping2D(1, 2)}
 * 1 from top and bottom and 2 from left and right. Data format channels_last by default
 * ({@code dataFormat("channels_first")} takes and gives {@code (batch, channels, rows, cols)}).
 *
 * <pre>{@code
 * new Cropping2D(0, 1, 2, 3)   // top 0, bottom 1, left 2, right 3
 * }</pre>
 */
public class Cropping2D extends DataFormatLayer<Cropping2D> {
  private final int top;
  private final int bottom;
  private final int left;
  private final int right;

  /** Creates a layer that crops nothing. */
  public Cropping2D() {
    this(0, 0, 0, 0);
  }

  /** Crops {@code n} from every side. */
  public Cropping2D(int n) {
    this(n, n, n, n);
  }

  /** Crops {@code rows} from top and bottom and {@code cols} from left and right. */
  public Cropping2D(int rows, int cols) {
    this(rows, rows, cols, cols);
  }

  /**
   * Crops each side by its own amount.
   *
   * @throws IllegalArgumentException if an amount is negative
   */
  public Cropping2D(int top, int bottom, int left, int right) {
    if (top < 0 || bottom < 0 || left < 0 || right < 0) {
      throw new IllegalArgumentException(
          "Cropping2D: cropping must be >= 0, but got cropping=((" + top + ", " + bottom + "), (" + left + ", "
              + right + ")).");
    }
    this.top = top;
    this.bottom = bottom;
    this.left = left;
    this.right = right;
  }

  /** Returns the cropping as {@code {top, bottom, left, right}}. */
  public int[] cropping() {
    return new int[] {top, bottom, left, right};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return checkedInFormat(tf, x, last -> callLast(tf, last));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x) {
    Shape out = outputShapeLast(x.shape(), x.shape());
    Operand<org.tensorflow.types.TInt32> shape = tf.shape(x);
    // Size -1 keeps the rest; rows/cols given explicitly when known, else from the runtime shape.
    Operand<org.tensorflow.types.TInt32> rows = out.size(1) >= 0
        ? tf.constant(new int[] {(int) out.size(1)})
        : tf.math.sub(tf.slice(shape, tf.constant(new int[] {1}), tf.constant(new int[] {1})),
            tf.constant(new int[] {top + bottom}));
    Operand<org.tensorflow.types.TInt32> cols = out.size(2) >= 0
        ? tf.constant(new int[] {(int) out.size(2)})
        : tf.math.sub(tf.slice(shape, tf.constant(new int[] {2}), tf.constant(new int[] {1})),
            tf.constant(new int[] {left + right}));
    Operand<org.tensorflow.types.TInt32> size = tf.concat(
        List.of(tf.constant(new int[] {-1}), rows, cols, tf.constant(new int[] {-1})), tf.constant(0));
    return tf.slice(x, tf.constant(new int[] {0, top, left, 0}), size);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return imageShape(inputShape, last -> outputShapeLast(last, inputShape));
  }

  /** The channels_last output shape of {@code inputShape}; {@code given} is the shape named in errors. */
  private Shape outputShapeLast(Shape inputShape, Shape given) {
    long rows = inputShape.size(1) < 0 ? -1 : inputShape.size(1) - top - bottom;
    long cols = inputShape.size(2) < 0 ? -1 : inputShape.size(2) - left - right;
    if ((inputShape.size(1) >= 0 && rows <= 0) || (inputShape.size(2) >= 0 && cols <= 0)) {
      throw new IncompatibleShapeException(
          name(), "more rows and cols than the cropping", Shapes.format(given),
          "Layer '" + name() + "' (Cropping2D): cropping ((" + top + ", " + bottom + "), (" + left + ", " + right
              + ")) leaves nothing of input shape " + Shapes.format(given) + ".");
    }
    return Shape.of(inputShape.size(0), rows, cols, inputShape.size(3));
  }

  /** Creates the layer from its Keras config ({@code cropping}: an int, a pair, or a pair of pairs). */
  public static Cropping2D fromConfig(Map<String, Object> config) {
    Object v = config.get("cropping");
    Cropping2D layer;
    if (v == null) {
      layer = new Cropping2D();
    } else if (v instanceof Number n) {
      layer = new Cropping2D(n.intValue());
    } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof List<?> a && l.get(1) instanceof List<?> b
        && a.size() == 2 && b.size() == 2) {
      layer = new Cropping2D(num(a.get(0)), num(a.get(1)), num(b.get(0)), num(b.get(1)));
    } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number && l.get(1) instanceof Number) {
      layer = new Cropping2D(num(l.get(0)), num(l.get(1)));
    } else {
      throw new IllegalArgumentException(
          "Cropping2D config: 'cropping' must be an int, a pair or a pair of pairs, but got " + v + ".");
    }
    layer.applyDataFormatConfig(config);
    return Configs.applyCommon(layer, config);
  }

  private static int num(Object o) {
    if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("Cropping2D config: cropping values must be integers, but got " + o + ".");
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("cropping", List.of(List.of(top, bottom), List.of(left, right)));
    config.put("data_format", dataFormat());
    return config;
  }
}
