package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Averages a list of tensors of the same shape element-wise, as Keras's {@code Average}. */
public class Average extends Merge {
  /** Creates the layer. */
  public Average() {}

  @Override
  public Average name(String name) {
    super.name(name);
    return this;
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    Operand<TFloat32> sum = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      sum = tf.math.add(sum, inputs.get(i));
    }
    return tf.math.div(sum, tf.constant((float) inputs.size()));
  }

  /** Creates the layer from its Keras config. */
  public static Average fromConfig(Map<String, Object> config) {
    return fromConfig(new Average(), config);
  }
}
