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
public class Minimum extends Merge {
  /** Creates the layer. */
  public Minimum() {}

  @Override
  public Minimum name(String name) {
    super.name(name);
    return this;
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> out = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      out = tf.math.minimum(out, inputs.get(i));
    }
    return out;
  }

  /** Creates the layer from its Keras config. */
  public static Minimum fromConfig(Map<String, Object> config) {
    return fromConfig(new Minimum(), config);
  }
}
