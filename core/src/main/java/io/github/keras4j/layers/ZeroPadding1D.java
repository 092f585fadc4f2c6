package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adds zero steps at the start and the end of each sequence, as Keras's {@code ZeroPadding1D}:
 * {@code (batch, steps, features) → (batch, left + steps + right, features)}. Default 1 on each side.
 * With {@code channels_first} (Keras 3) the input is {@code (batch, features, steps)} and axis 2 is padded.
 *
 * <pre>{@code
 * new ZeroPadding1D(2)        // 2 zeros before and after
 * new ZeroPadding1D(1, 0)     // (left, right): one zero before only
 * }</pre>
 */
public class ZeroPadding1D extends Layer {
  private final int left;
  private final int right;
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /**
   * Creates the layer: one value pads both ends; two are (left, right). Default 1.
   *
   * @throws IllegalArgumentException for a negative value or more than two values
   */
  public ZeroPadding1D(int... padding) {
    int[] p = sides("ZeroPadding1D", "padding", padding, 1);
    this.left = p[0];
    this.right = p[1];
  }

  /** Validates one or two non-negative amounts for (start, end); none gives {@code fallback} for both. */
  static int[] sides(String layer, String what, int[] values, int fallback) {
    int[] p =
        switch (values.length) {
          case 0 -> new int[] {fallback, fallback};
          case 1 -> new int[] {values[0], values[0]};
          case 2 -> values.clone();
          default -> throw new IllegalArgumentException(
              layer + ": " + what + " must be one or two integers, but got " + values.length + " values.");
        };
    if (p[0] < 0 || p[1] < 0) {
      throw new IllegalArgumentException(
          layer + ": " + what + " must be >= 0, but got " + what + "=(" + p[0] + ", " + p[1] + ").");
    }
    return p;
  }

  /** Reads a Keras config value that is an int or a pair of ints. */
  static int[] configSides(Map<String, Object> config, String key, String layer, int fallback) {
    Object v = config.get(key);
    if (v == null) {
      return new int[] {fallback, fallback};
    }
    if (v instanceof Number n) {
      return new int[] {n.intValue(), n.intValue()};
    }
    if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
      return new int[] {a.intValue(), b.intValue()};
    }
    throw new IllegalArgumentException(
        layer + " config: '" + key + "' must be an integer or a pair of integers, but got " + v + ".");
  }

  /** Returns (left, right). */
  public int[] padding() {
    return new int[] {left, right};
  }

  /** Returns the data format. */
  public String dataFormat() {
    return dataFormat;
  }

  /** Sets the data format: {@code "channels_last"} (default) or {@code "channels_first"}. */
  public ZeroPadding1D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("ZeroPadding1D", dataFormat);
    return this;
  }

  @Override
  public ZeroPadding1D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public ZeroPadding1D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    int[][] pads = dataFormat.equals(ConvUtils.CHANNELS_FIRST)
        ? new int[][] {{0, 0}, {0, 0}, {left, right}}
        : new int[][] {{0, 0}, {left, right}, {0, 0}};
    return tf.pad(x, tf.constant(pads), tf.constant(0f));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, dataFormat);
    return ConvUtils.inFormat(dataFormat, inputShape, last -> Shape.of(
        last.size(0), last.size(1) < 0 ? -1 : last.size(1) + left + right, last.size(2)));
  }

  /** Creates the layer from its Keras config ({@code padding}: an int or a pair). */
  public static ZeroPadding1D fromConfig(Map<String, Object> config) {
    ZeroPadding1D layer = new ZeroPadding1D(configSides(config, "padding", "ZeroPadding1D", 1));
    layer.dataFormat(ConvUtils.configDataFormat(config, "ZeroPadding1D"));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("padding", List.of(left, right));
    if (dataFormat.equals(ConvUtils.CHANNELS_FIRST)) {
      config.put("data_format", dataFormat); // Keras 2 has no such key; written only where it matters
    }
    return config;
  }
}
