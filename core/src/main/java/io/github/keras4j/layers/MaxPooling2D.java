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
public class MaxPooling2D extends Pooling2D<MaxPooling2D> {
  /** Creates the layer with pool (2, 2). */
  public MaxPooling2D() {
    super(2);
  }

  /** Creates the layer; one size or (rows, cols). */
  public MaxPooling2D(int... poolSize) {
    super(poolSize);
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return maxPool(tf, x, window, strides, padding);
  }

  /** Creates the layer from its Keras config. */
  public static MaxPooling2D fromConfig(Map<String, Object> config) {
    return configure(new MaxPooling2D(configPoolSize(config, "MaxPooling2D")), config);
  }
}
