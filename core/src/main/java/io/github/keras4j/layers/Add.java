package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adds a list of tensors of the same shape, as Keras's {@code Add} (residual connections).
 *
 * <pre>{@code
 * KerasTensor y = new Add().apply(x, shortcut);
 * }</pre>
 */
public class Add extends Merge<Add> {
  /** Creates the layer. */
  public Add() {}

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    return fold(inputs, tf.math::add);
  }

  /** Creates the layer from its Keras config. */
  public static Add fromConfig(Map<String, Object> config) {
    return fromConfig(new Add(), config);
  }
}
