package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Element-wise minimum of a list of tensors of the same shape (sizes of 1 broadcast), as Keras's {@code Minimum}.
 * Output shape = the inputs' shape.
 *
 * <pre>{@code
 * KerasTensor y = new Minimum().apply(a, b);
 * }</pre>
 */
public class Minimum extends Merge<Minimum> {
  /** Creates the layer. */
  public Minimum() {}

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    return fold(inputs, tf.math::minimum);
  }

  /** Creates the layer from its Keras config. */
  public static Minimum fromConfig(Map<String, Object> config) {
    return fromConfig(new Minimum(), config);
  }
}
