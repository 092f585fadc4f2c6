package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The maximum over the steps, as Keras's {@code GlobalMaxPooling1D} (alias {@code GlobalMaxPool1D}):
 * {@code (b, steps, c) → (b, c)}.
 *
 * <pre>{@code
 * new GlobalMaxPooling1D()
 * }</pre>
 */
public class GlobalMaxPooling1D extends GlobalPooling1D<GlobalMaxPooling1D> {
  /** Creates the layer. */
  public GlobalMaxPooling1D() {}

  @Override
  protected Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, int axis, boolean keepDims) {
    return tf.max(x, tf.constant(axis), org.tensorflow.op.core.Max.keepDims(keepDims));
  }

  /** Creates the layer from its Keras config. */
  public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
    return configure(new GlobalMaxPooling1D(), config);
  }
}
