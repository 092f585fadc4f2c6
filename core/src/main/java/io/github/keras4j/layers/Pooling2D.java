package io.github.keras4j.layers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link MaxPooling2D} and {@link AveragePooling2D}: a window of {@code poolSize} slides by
 * {@code strides} (default: the pool size) over rows and columns, channels_last. Output rows:
 * {@code floor((n - pool) / stride) + 1} for {@code valid}, {@code ceil(n / stride)} for {@code same}.
 */
public abstract class Pooling2D extends Layer {
  private final int[] poolSize;
  private int[] strides;
  private String padding = "valid";
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /** Creates the layer; {@code poolSize} is one size or (rows, cols), Keras's default (2, 2). */
  protected Pooling2D(int... poolSize) {
    this.poolSize = ConvUtils.positivePair(getClass().getSimpleName(), "poolSize", poolSize.length == 0 ? new int[] {2} : poolSize);
  }

  /** Returns the pool size. */
  public int[] poolSize() {
    return poolSize.clone();
  }

  /** Returns the strides (the pool size unless set). */
  public int[] strides() {
    return strides == null ? poolSize.clone() : strides.clone();
  }

  /** Sets the strides (one value or two); default the pool size. */
  public Pooling2D strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair(className(), "strides", strides);
    return this;
  }

  /** Returns the padding. */
  public String padding() {
    return padding;
  }

  /** Sets the padding: {@code "valid"} (default) or {@code "same"}. */
  public Pooling2D padding(String padding) {
    checkNotBuilt("padding");
    this.padding = ConvUtils.padding(className(), padding);
    return this;
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
  public Pooling2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
    return this;
  }

  /** Adds the pooling op. */
  protected abstract Operand<TFloat32> pool(
      Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding);

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    int[] s = strides();
    return ConvUtils.inFormat(tf, dataFormat, x, last -> pool(
        tf, last, List.of(1L, (long) poolSize[0], (long) poolSize[1], 1L), List.of(1L, (long) s[0], (long) s[1], 1L),
        padding.toUpperCase(Locale.ROOT)));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ConvUtils.inFormat(dataFormat, inputShape, last -> ConvUtils.windowOutputShape(
        name(), last, poolSize, padding, strides(), new int[] {1, 1},
        "the pool " + poolSize[0] + "x" + poolSize[1], null, last.numDimensions() == 4 ? last.size(3) : -1));
  }


  /** Applies {@code pool_size}, {@code strides} and {@code padding} of a Keras config. */
  static <P extends Pooling2D> P configure(P layer, Map<String, Object> config) {
    int[] strides = ConvUtils.configPair(config, "strides", layer.className(), null);
    if (strides != null) {
      layer.strides(strides);
    }
    layer.padding(Configs.getString(config, "padding", layer.className(), "valid"));
    layer.dataFormat(ConvUtils.configDataFormat(config, layer.className()));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("pool_size", ConvUtils.list(poolSize));
    config.put("padding", padding);
    config.put("strides", ConvUtils.list(strides()));
    config.put("data_format", dataFormat);
    return config;
  }
}
