package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link GlobalAveragePooling1D} and {@link GlobalMaxPooling1D}: reduces the steps axis of
 * {@code (batch, steps, channels)}, leaving {@code (batch, channels)} (or {@code (batch, 1, channels)} with
 * {@code keepDims}); with {@code channels_first} the input is {@code (batch, channels, steps)} and the kept
 * output {@code (batch, channels, 1)}.
 */
public abstract class GlobalPooling1D extends Layer {
  private boolean keepDims;
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /** Creates the layer. */
  protected GlobalPooling1D() {}

  /** Returns whether the steps axis is kept with size 1. */
  public boolean keepDims() {
    return keepDims;
  }

  /** Keeps the steps axis with size 1 (Keras's {@code keepdims}); default false. */
  public GlobalPooling1D keepDims(boolean keepDims) {
    checkNotBuilt("keepDims");
    this.keepDims = keepDims;
    return this;
  }

  /** Returns the data format. */
  public String dataFormat() {
    return dataFormat;
  }

  /** Sets the data format: {@code "channels_last"} (default) or {@code "channels_first"}. */
  public GlobalPooling1D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
    return this;
  }

  /** Adds the reduction over {@code axis}. */
  protected abstract Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, int axis, boolean keepDims);

  private int stepsAxis() {
    return dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? 2 : 1;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return reduce(tf, x, stepsAxis(), keepDims);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, dataFormat);
    long channels = inputShape.size(3 - stepsAxis());
    if (!keepDims) {
      return Shape.of(inputShape.size(0), channels);
    }
    return stepsAxis() == 1 ? Shape.of(inputShape.size(0), 1, channels) : Shape.of(inputShape.size(0), channels, 1);
  }

  static <G extends GlobalPooling1D> G configure(G layer, Map<String, Object> config) {
    layer.keepDims(Configs.getBoolean(config, "keepdims", layer.className(), false));
    layer.dataFormat(ConvUtils.configDataFormat(config, layer.className()));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", dataFormat);
    if (keepDims) {
      config.put("keepdims", true);
    }
    return config;
  }
}
