package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Subtracts the second of exactly two tensors from the first, as Keras's {@code Subtract}: {@code y = a - b}
 * (sizes of 1 broadcast). Output shape = the inputs' shape.
 *
 * <pre>{@code
 * KerasTensor diff = new Subtract().apply(a, b);
 * }</pre>
 */
public class Subtract extends Merge<Subtract> {
  /** Creates the layer. */
  public Subtract() {}

  @Override
  public Shape computeOutputShape(List<Shape> shapes) {
    if (shapes.size() != 2) {
      throw new IncompatibleShapeException(
          name(), "exactly 2 inputs", shapes.size() + " inputs",
          "A Subtract layer should be called on exactly 2 inputs, but layer '" + name() + "' received "
              + shapes.size() + " inputs.");
    }
    return super.computeOutputShape(shapes);
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    if (inputs.size() != 2) {
      throw new IllegalArgumentException(
          "A Subtract layer should be called on exactly 2 inputs, but layer '" + name() + "' received "
              + inputs.size() + " inputs.");
    }
    return tf.math.sub(inputs.get(0), inputs.get(1));
  }

  /** Creates the layer from its Keras config. */
  public static Subtract fromConfig(Map<String, Object> config) {
    return fromConfig(new Subtract(), config);
  }
}
