package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Average pooling over windows of steps, as Keras's {@code AveragePooling1D} (alias {@code AvgPool1D}); with
 * {@code same} padding the average counts only the steps inside the input.
 * Input {@code (batch, steps, channels)}, output {@code (batch, newSteps, channels)}. Defaults: pool 2,
 * strides = pool size, padding valid, channels_last.
 *
 * <pre>{@code
 * new AveragePooling1D(3).padding("same")
 * }</pre>
 */
public class AveragePooling1D extends Pooling1D<AveragePooling1D> {
  /** Creates the layer with pool size 2. */
  public AveragePooling1D() {
    super(2);
  }

  /** Creates the layer with the given pool size. */
  public AveragePooling1D(int poolSize) {
    super(poolSize);
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return averagePool(tf, x, window, strides, padding);
  }

  /** Creates the layer from its Keras config. */
  public static AveragePooling1D fromConfig(Map<String, Object> config) {
    return configure(new AveragePooling1D(configPoolSize(config, "AveragePooling1D")), config);
  }
}
