package io.github.keras4j.layers;

import java.util.List;
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
 *
 * <pre>{@code
 * new MaxPooling1D(2).strides(1).padding("same")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class Pooling1D<L extends Pooling1D<L>> extends BasePooling<L> {
  private final int poolSize;
  private Integer strides;

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
  public L strides(int strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positiveSingle(className(), "strides", strides);
    return self();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return inFormat(tf, x, last -> {
      Operand<TFloat32> x4 = tf.expandDims(last, tf.constant(1));
      Operand<TFloat32> y = pool(
          tf, x4, List.of(1L, 1L, (long) poolSize, 1L), List.of(1L, 1L, (long) strides(), 1L), tfPadding());
      return tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    });
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, dataFormat());
    return inFormat(inputShape, last -> {
      long steps = ConvUtils.outputLength(last.size(1), poolSize, padding(), strides(), 1);
      if (last.size(1) >= 0 && steps <= 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "the input has fewer steps than the pool of size " + poolSize, "more steps", inputShape);
      }
      return Shape.of(last.size(0), steps, last.size(2));
    });
  }

  /** Applies {@code strides}, {@code padding} and {@code data_format} of a Keras config. */
  static <P extends Pooling1D<P>> P configure(P layer, Map<String, Object> config) {
    Integer strides = ConvUtils.configSingle(config, "strides", layer.className(), null);
    if (strides != null) {
      layer.strides(strides);
    }
    return layer.applyPoolingConfig(config);
  }

  /** Reads {@code pool_size} (an int or a list of one), Keras's default 2. */
  static int configPoolSize(Map<String, Object> config, String layer) {
    return ConvUtils.configSingle(config, "pool_size", layer, 2);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putPoolingConfig(config, List.of(poolSize), List.of(strides()));
    return config;
  }
}
