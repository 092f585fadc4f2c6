package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Max pooling over 2-D windows, as Keras's {@code MaxPooling2D}: each output is the maximum of its window.
 * Defaults: pool (2, 2), strides = pool size, padding valid.
 *
 * <pre>{@code
 * new MaxPooling2D(2).strides(2)
 * }</pre>
 */
public class MaxPooling2D extends Pooling2D {
  /** Creates the layer with pool (2, 2). */
  public MaxPooling2D() {
    super(2);
  }

  /** Creates the layer; one size or (rows, cols). */
  public MaxPooling2D(int... poolSize) {
    super(poolSize);
  }

  @Override
  public MaxPooling2D strides(int... strides) {
    super.strides(strides);
    return this;
  }

  @Override
  public MaxPooling2D padding(String padding) {
    super.padding(padding);
    return this;
  }

  @Override
  public MaxPooling2D dataFormat(String dataFormat) {
    super.dataFormat(dataFormat);
    return this;
  }

  @Override
  public MaxPooling2D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return tf.nn.maxPool(
        x, tf.constant(window.stream().mapToInt(Long::intValue).toArray()),
        tf.constant(strides.stream().mapToInt(Long::intValue).toArray()), padding);
  }

  /** Creates the layer from its Keras config. */
  public static MaxPooling2D fromConfig(Map<String, Object> config) {
    return configure(new MaxPooling2D(ConvUtils.configPair(config, "pool_size", "MaxPooling2D", new int[] {2, 2})), config);
  }
}
