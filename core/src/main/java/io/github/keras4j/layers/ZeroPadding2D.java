package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adds rows and columns of zeros around each image, as Keras's {@code ZeroPadding2D} (channels_last).
 *
 * <pre>{@code
 * new ZeroPadding2D(1)                     // 1 on every side
 * new ZeroPadding2D(0, 1, 0, 1)            // ((top, bottom), (left, right)) = ((0, 1), (0, 1)), as MobileNet
 * }</pre>
 */
public class ZeroPadding2D extends Layer {
  private final int top;
  private final int bottom;
  private final int left;
  private final int right;
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /**
   * Creates the layer: one value pads all sides; two values are (rows, cols) symmetric; four values are
   * (top, bottom, left, right). Default 1.
   */
  public ZeroPadding2D(int... padding) {
    int[] p =
        switch (padding.length) {
          case 0 -> new int[] {1, 1, 1, 1};
          case 1 -> new int[] {padding[0], padding[0], padding[0], padding[0]};
          case 2 -> new int[] {padding[0], padding[0], padding[1], padding[1]};
          case 4 -> padding.clone();
          default -> throw new IllegalArgumentException(
              "ZeroPadding2D: padding must be 1, 2 or 4 integers, but got " + padding.length + " values.");
        };
    for (int v : p) {
      if (v < 0) {
        throw new IllegalArgumentException(
            "ZeroPadding2D: padding must be >= 0, but got padding=" + java.util.Arrays.toString(padding) + ".");
      }
    }
    this.top = p[0];
    this.bottom = p[1];
    this.left = p[2];
    this.right = p[3];
  }

  /** Returns ((top, bottom), (left, right)). */
  public int[][] padding() {
    return new int[][] {{top, bottom}, {left, right}};
  }

  /** Returns the data format: {@code channels_last} (default) or {@code channels_first}. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default; {@code (batch, rows, cols, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, rows, cols)}, computed by transposing to channels_last and
   * back, as Keras does on CPU).
   */
  public ZeroPadding2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("ZeroPadding2D", dataFormat);
    return this;
  }

  @Override
  public ZeroPadding2D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public ZeroPadding2D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<org.tensorflow.types.TInt32> paddings =
        dataFormat.equals(ConvUtils.CHANNELS_FIRST)
            ? tf.constant(new int[][] {{0, 0}, {0, 0}, {top, bottom}, {left, right}})
            : tf.constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}});
    return tf.pad(x, paddings, tf.constant(0f));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ConvUtils.inFormat(dataFormat, inputShape, last -> {
      ConvUtils.requireImageInput(name(), last);
      long rows = last.size(1) < 0 ? -1 : last.size(1) + top + bottom;
      long cols = last.size(2) < 0 ? -1 : last.size(2) + left + right;
      return Shape.of(last.size(0), rows, cols, last.size(3));
    });
  }

  /** Creates the layer from its Keras config ({@code padding}: int, pair, or pair of pairs). */
  public static ZeroPadding2D fromConfig(Map<String, Object> config) {
    Object v = config.get("padding");
    ZeroPadding2D layer;
    if (v == null) {
      layer = new ZeroPadding2D();
    } else if (v instanceof Number n) {
      layer = new ZeroPadding2D(Configs.intOf(n, "ZeroPadding2D", "padding"));
    } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof List<?> a && l.get(1) instanceof List<?> b
        && a.size() == 2 && b.size() == 2) {
      layer = new ZeroPadding2D(num(a.get(0)), num(a.get(1)), num(b.get(0)), num(b.get(1)));
    } else if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number && l.get(1) instanceof Number) {
      layer = new ZeroPadding2D(num(l.get(0)), num(l.get(1)));
    } else {
      throw new IllegalArgumentException(
          "ZeroPadding2D config: 'padding' must be an int, a pair or a pair of pairs, but got " + v + ".");
    }
    layer.dataFormat(ConvUtils.configDataFormat(config, "ZeroPadding2D"));
    return Configs.applyCommon(layer, config);
  }

  private static int num(Object o) {
    if (o instanceof Number n) {
      return Configs.intOf(n, "ZeroPadding2D", "padding");
    }
    throw new IllegalArgumentException("ZeroPadding2D config: padding values must be integers, but got " + o + ".");
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("padding", List.of(List.of(top, bottom), List.of(left, right)));
    config.put("data_format", dataFormat);
    return config;
  }
}
