package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Average pooling over 2-D windows, as Keras's {@code AveragePooling2D}; with {@code same} padding the average
 * counts only the input values inside each window. Defaults: pool (2, 2), strides = pool size, padding valid.
 */
public class AveragePooling2D extends Pooling2D<AveragePooling2D> {
  /** Creates the layer with pool (2, 2). */
  public AveragePooling2D() {
    super(2);
  }

  /** Creates the layer; one size or (rows, cols). */
  public AveragePooling2D(int... poolSize) {
    super(poolSize);
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return averagePool(tf, x, window, strides, padding);
  }

  /** Creates the layer from its Keras config. */
  public static AveragePooling2D fromConfig(Map<String, Object> config) {
    return configure(
        new AveragePooling2D(configPoolSize(config, "AveragePooling2D")), config);
  }
}
