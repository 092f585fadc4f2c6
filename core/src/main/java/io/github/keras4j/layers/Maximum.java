package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Element-wise maximum of a list of tensors of the same shape (sizes of 1 broadcast), as Keras's {@code Maximum}.
 * Output shape = the inputs' shape.
 *
 * <pre>{@code
 * KerasTensor y = new Maximum().apply(a, b);
 * }</pre>
 */
public class Maximum extends Merge<Maximum> {
  /** Creates the layer. */
  public Maximum() {}

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    return fold(inputs, tf.math::maximum);
  }

  /** Creates the layer from its Keras config. */
  public static Maximum fromConfig(Map<String, Object> config) {
    return fromConfig(new Maximum(), config);
  }
}
