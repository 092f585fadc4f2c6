package io.github.keras4j.layers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Base of the windowed poolings ({@link Pooling1D}, {@link Pooling2D}), as Keras 3's {@code BasePooling}: the
 * padding ({@code valid} by default, or {@code same}), the data format, and the pooling op a subclass picks
 * ({@link #maxPool} or {@link #averagePool}).
 *
 * <pre>{@code
 * new MaxPooling2D(2).padding("same")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class BasePooling<L extends BasePooling<L>> extends DataFormatLayer<L> {
  private String padding = "valid";

  /** Creates the layer. */
  protected BasePooling() {}

  /** Returns the padding, {@code valid} or {@code same}. */
  public String padding() {
    return padding;
  }

  /**
   * Sets the padding: {@code "valid"} (default) or {@code "same"}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public L padding(String padding) {
    this.padding = ConvUtils.padding(this, padding);
    return self();
  }

  /** Returns TF's padding name, {@code VALID} or {@code SAME}. */
  protected final String tfPadding() {
    return padding.toUpperCase(Locale.ROOT);
  }

  /**
   * Adds the pooling op on a channels_last rank-4 tensor.
   *
   * @param window the window {@code [1, rows, cols, 1]}
   * @param strides the strides {@code [1, rows, cols, 1]}
   * @param padding TF's padding name
   */
  protected abstract Operand<TFloat32> pool(
      Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding);

  /** The max pooling op, for {@link #pool}. */
  protected static Operand<TFloat32> maxPool(
      Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return tf.nn.maxPool(
        x, tf.constant(window.stream().mapToInt(Long::intValue).toArray()),
        tf.constant(strides.stream().mapToInt(Long::intValue).toArray()), padding);
  }

  /** The average pooling op (with {@code same} padding, the average of the values inside the input), for {@link #pool}. */
  protected static Operand<TFloat32> averagePool(
      Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return tf.nn.avgPool(x, window, strides, padding);
  }

  /**
   * Applies a Keras config's {@code padding} and {@code data_format}, then the settings every layer shares.
   *
   * @return this layer
   */
  protected final L applyPoolingConfig(Map<String, Object> config) {
    padding(Configs.getString(config, "padding", className(), "valid"));
    applyDataFormatConfig(config);
    return Configs.applyCommon(self(), config);
  }

  /** Puts Keras's {@code pool_size}, {@code padding}, {@code strides} and {@code data_format} into a config. */
  protected final void putPoolingConfig(Map<String, Object> config, List<Integer> poolSize, List<Integer> strides) {
    config.put("pool_size", poolSize);
    config.put("padding", padding);
    config.put("strides", strides);
    config.put("data_format", dataFormat());
  }
}
