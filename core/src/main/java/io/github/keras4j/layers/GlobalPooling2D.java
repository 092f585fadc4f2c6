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

  /** Adds the reduction over axes 1 and 2. */
  protected abstract Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, boolean keepDims);

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return reduce(tf, x, keepDims);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireImageInput(name(), inputShape);
    return keepDims ? Shape.of(inputShape.size(0), 1, 1, inputShape.size(3)) : Shape.of(inputShape.size(0), inputShape.size(3));
  }

  static <G extends GlobalPooling2D> G configure(G layer, Map<String, Object> config) {
    layer.keepDims(Configs.getBoolean(config, "keepdims", layer.className(), false));
    Conv2D.requireChannelsLast(config, layer.className());
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    if (keepDims) {
      config.put("keepdims", true);
    }
    return config;
  }
}
