package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The mean over rows and columns, as Keras's {@code GlobalAveragePooling2D}: {@code (b, h, w, c) → (b, c)}. */
public class GlobalAveragePooling2D extends GlobalPooling2D<GlobalAveragePooling2D> {
  /** Creates the layer. */
  public GlobalAveragePooling2D() {}

  @Override
  protected Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, boolean keepDims) {
    return tf.math.mean(x, tf.constant(new int[] {1, 2}), org.tensorflow.op.math.Mean.keepDims(keepDims));
  }

  /** Creates the layer from its Keras config. */
  public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
    return configure(new GlobalAveragePooling2D(), config);
  }
}
