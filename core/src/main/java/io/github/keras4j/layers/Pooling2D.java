package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link MaxPooling2D} and {@link AveragePooling2D}: a window of {@code poolSize} slides by
 * {@code strides} (default: the pool size) over rows and columns, channels_last. Output rows:
 * {@code floor((n - pool) / stride) + 1} for {@code valid}, {@code ceil(n / stride)} for {@code same}.
 *
 * <pre>{@code
 * new AveragePooling2D(3).strides(2).padding("same")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class Pooling2D<L extends Pooling2D<L>> extends BasePooling<L> {
  private final int[] poolSize;
  private int[] strides;

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
  public L strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair(className(), "strides", strides);
    return self();
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    int[] s = strides();
    return inFormat(tf, x, last -> pool(
        tf, last, List.of(1L, (long) poolSize[0], (long) poolSize[1], 1L), List.of(1L, (long) s[0], (long) s[1], 1L),
        tfPadding()));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inFormat(inputShape, last -> ConvUtils.windowOutputShape(
        name(), last, poolSize, padding(), strides(), new int[] {1, 1},
        "the pool " + poolSize[0] + "x" + poolSize[1], null, last.numDimensions() == 4 ? last.size(3) : -1));
  }

  /** Applies {@code strides}, {@code padding} and {@code data_format} of a Keras config. */
  static <P extends Pooling2D<P>> P configure(P layer, Map<String, Object> config) {
    int[] strides = ConvUtils.configPair(config, "strides", layer.className(), null);
    if (strides != null) {
      layer.strides(strides);
    }
    return layer.applyPoolingConfig(config);
  }

  /** Reads {@code pool_size} (an int or a pair), Keras's default (2, 2). */
  static int[] configPoolSize(Map<String, Object> config, String layer) {
    return ConvUtils.configPair(config, "pool_size", layer, new int[] {2, 2});
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putPoolingConfig(config, ConvUtils.list(poolSize), ConvUtils.list(strides()));
    return config;
  }
}
