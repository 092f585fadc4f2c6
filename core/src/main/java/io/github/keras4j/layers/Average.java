package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Averages a list of tensors of the same shape element-wise, as Keras's {@code Average}. */
public class Average extends Merge<Average> {
  /** Creates the layer. */
  public Average() {}

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    return tf.math.div(fold(inputs, tf.math::add), tf.constant((float) inputs.size()));
  }

  /** Creates the layer from its Keras config. */
  public static Average fromConfig(Map<String, Object> config) {
    return fromConfig(new Average(), config);
  }
}
