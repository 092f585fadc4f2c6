package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Multiplies a list of tensors of the same shape element-wise, as Keras's {@code Multiply}. */
public class Multiply extends Merge<Multiply> {
  /** Creates the layer. */
  public Multiply() {}

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    return fold(inputs, tf.math::mul);
  }

  /** Creates the layer from its Keras config. */
  public static Multiply fromConfig(Map<String, Object> config) {
    return fromConfig(new Multiply(), config);
  }
}
