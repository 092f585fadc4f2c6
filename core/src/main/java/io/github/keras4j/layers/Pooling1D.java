package io.github.keras4j.layers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link MaxPooling1D} and {@link AveragePooling1D}: a window of {@code poolSize} steps slides by
 * {@code strides} (default: the pool size) over the steps of {@code (batch, steps, channels)} (or
 * {@code (batch, channels, steps)} with {@code channels_first}). Output steps:
 * {@code floor((steps - pool) / stride) + 1} for {@code valid}, {@code ceil(steps / stride)} for {@code same}.
 */
public abstract class Pooling1D extends Layer {
  private final int poolSize;
  private Integer strides;
  private String padding = "valid";
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /** Creates the layer with a positive pool size (Keras's default is 2). */
  protected Pooling1D(int poolSize) {
    this.poolSize = ConvUtils.positiveSingle(getClass().getSimpleName(), "poolSize", poolSize);
  }

  /** Returns the pool size. */
  public int poolSize() {
    return poolSize;
  }

  /** Returns the stride (the pool size unless set). */
  public int strides() {
    return strides == null ? poolSize : strides;
  }

  /** Sets the stride; default the pool size. */
  public Pooling1D strides(int strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positiveSingle(className(), "strides", strides);
    return this;
  }

  /** Returns the padding. */
  public String padding() {
    return padding;
  }

  /** Sets the padding: {@code "valid"} (default) or {@code "same"}. */
  public Pooling1D padding(String padding) {
    checkNotBuilt("padding");
    this.padding = ConvUtils.padding(className(), padding);
    return this;
  }

  /** Returns the data format. */
  public String dataFormat() {
    return dataFormat;
  }

  /** Sets the data format: {@code "channels_last"} (default) or {@code "channels_first"}. */
  public Pooling1D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
    return this;
  }

  /** Adds the 2-D pooling op on a {@code (batch, 1, steps, channels)} tensor. */
  protected abstract Operand<TFloat32> pool(
      Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding);

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> {
      Operand<TFloat32> x4 = tf.expandDims(last, tf.constant(1));
      Operand<TFloat32> y = pool(
          tf, x4, List.of(1L, 1L, (long) poolSize, 1L), List.of(1L, 1L, (long) strides(), 1L),
          padding.toUpperCase(Locale.ROOT));
      return tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    });
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, dataFormat);
    return ConvUtils.inFormat(dataFormat, inputShape, last -> {
      long steps = ConvUtils.outputLength(last.size(1), poolSize, padding, strides(), 1);
      if (last.size(1) >= 0 && steps <= 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "the input has fewer steps than the pool of size " + poolSize, "more steps", inputShape);
      }
      return Shape.of(last.size(0), steps, last.size(2));
    });
  }

  /** Applies {@code strides}, {@code padding} and {@code data_format} of a Keras config. */
  static <P extends Pooling1D> P configure(P layer, Map<String, Object> config) {
    Integer strides = ConvUtils.configSingle(config, "strides", layer.className(), null);
    if (strides != null) {
      layer.strides(strides);
    }
    layer.padding(Configs.getString(config, "padding", layer.className(), "valid"));
    layer.dataFormat(ConvUtils.configDataFormat(config, layer.className()));
    return Configs.applyCommon(layer, config);
  }

  /** Reads {@code pool_size} (an int or a list of one), Keras's default 2. */
  static int configPoolSize(Map<String, Object> config, String layer) {
    return ConvUtils.configSingle(config, "pool_size", layer, 2);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("strides", List.of(strides()));
    config.put("pool_size", List.of(poolSize));
    config.put("padding", padding);
    config.put("data_format", dataFormat);
    return config;
  }
}
