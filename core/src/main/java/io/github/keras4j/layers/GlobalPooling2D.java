package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link GlobalAveragePooling2D} and {@link GlobalMaxPooling2D}: reduces rows and columns, leaving
 * {@code (batch, channels)} (or {@code (batch, 1, 1, channels)} with {@code keepDims}).
 */
public abstract class GlobalPooling2D extends Layer {
  private boolean keepDims;
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /** Creates the layer. */
  protected GlobalPooling2D() {}

  /** Returns whether the reduced axes are kept with size 1. */
  public boolean keepDims() {
    return keepDims;
  }

  /** Keeps the reduced axes with size 1 (Keras's {@code keepdims}); default false. */
  public GlobalPooling2D keepDims(boolean keepDims) {
    checkNotBuilt("keepDims");
    this.keepDims = keepDims;
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
  public GlobalPooling2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat(className(), dataFormat);
    return this;
  }

  /** Adds the reduction over axes 1 and 2 (of a channels_last tensor). */
  protected abstract Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, boolean keepDims);

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (dataFormat.equals(ConvUtils.CHANNELS_FIRST)) {
      // Keras reduces axes (2, 3) in place; the same values, computed in channels_last as the other layers do.
      Operand<TFloat32> reduced = reduce(tf, ConvUtils.toChannelsLast(tf, x, 4), keepDims);
      return keepDims ? ConvUtils.toChannelsFirst(tf, reduced, 4) : reduced;
    }
    return reduce(tf, x, keepDims);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (dataFormat.equals(ConvUtils.CHANNELS_FIRST)) {
      if (inputShape.numDimensions() != 4) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "expected ndim=4, found ndim=" + inputShape.numDimensions(), "(None, channels, rows, cols)",
            inputShape);
      }
      long c = inputShape.size(1);
      return keepDims ? Shape.of(inputShape.size(0), c, 1, 1) : Shape.of(inputShape.size(0), c);
    }
    ConvUtils.requireImageInput(name(), inputShape);
    return keepDims ? Shape.of(inputShape.size(0), 1, 1, inputShape.size(3)) : Shape.of(inputShape.size(0), inputShape.size(3));
  }

  static <G extends GlobalPooling2D> G configure(G layer, Map<String, Object> config) {
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
