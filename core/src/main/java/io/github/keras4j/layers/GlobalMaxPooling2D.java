package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;

/** The maximum over rows and columns, as Keras's {@code GlobalMaxPooling2D}: {@code (b, h, w, c) → (b, c)}. */
public class GlobalMaxPooling2D extends GlobalPooling2D<GlobalMaxPooling2D> {
  /** Creates the layer. */
  public GlobalMaxPooling2D() {}

  @Override
  protected Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, boolean keepDims) {
    return tf.max(x, tf.constant(new int[] {1, 2}), Max.keepDims(keepDims));
  }

  /** Creates the layer from its Keras config. */
  public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
    return configure(new GlobalMaxPooling2D(), config);
  }
}
