package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Max pooling over windows of steps, as Keras's {@code MaxPooling1D} (alias {@code MaxPool1D}): each output is the
 * maximum of its window.
 * Input {@code (batch, steps, channels)}, output {@code (batch, newSteps, channels)}. Defaults: pool 2,
 * strides = pool size, padding valid, channels_last.
 *
 * <pre>{@code
 * new MaxPooling1D(2).strides(2)
 * }</pre>
 */
public class MaxPooling1D extends Pooling1D<MaxPooling1D> {
  /** Creates the layer with pool size 2. */
  public MaxPooling1D() {
    super(2);
  }

  /** Creates the layer with the given pool size. */
  public MaxPooling1D(int poolSize) {
    super(poolSize);
  }

  @Override
  protected Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, List<Long> window, List<Long> strides, String padding) {
    return maxPool(tf, x, window, strides, padding);
  }

  /** Creates the layer from its Keras config. */
  public static MaxPooling1D fromConfig(Map<String, Object> config) {
    return configure(new MaxPooling1D(configPoolSize(config, "MaxPooling1D")), config);
  }
}
