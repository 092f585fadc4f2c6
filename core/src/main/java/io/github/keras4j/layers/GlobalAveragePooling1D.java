package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The mean over the steps, as Keras's {@code GlobalAveragePooling1D} (alias {@code GlobalAvgPool1D}):
 * {@code (b, steps, c) → (b, c)}.
 *
 * <pre>{@code
 * new GlobalAveragePooling1D()
 * }</pre>
 */
public class GlobalAveragePooling1D extends GlobalPooling1D {
  /** Creates the layer. */
  public GlobalAveragePooling1D() {}

  @Override
  public GlobalAveragePooling1D keepDims(boolean keepDims) {
    super.keepDims(keepDims);
    return this;
  }

  @Override
  public GlobalAveragePooling1D dataFormat(String dataFormat) {
    super.dataFormat(dataFormat);
    return this;
  }

  @Override
  public GlobalAveragePooling1D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  protected Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, int axis, boolean keepDims) {
    return tf.math.mean(x, tf.constant(axis), org.tensorflow.op.math.Mean.keepDims(keepDims));
  }

  /** Creates the layer from its Keras config. */
  public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
    return configure(new GlobalAveragePooling1D(), config);
  }
}
