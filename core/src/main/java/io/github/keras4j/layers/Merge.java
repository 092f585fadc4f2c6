package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of element-wise merge layers ({@link Add}, {@link Multiply}, {@link Average}), as Keras's
 * {@code Merge}: takes a list of at least two tensors of the same shape and returns one of that shape.
 * ({@link Concatenate} is one too, with its own shape rule.)
 *
 * <pre>{@code
 * KerasTensor y = new Add().apply(x, shortcut);
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class Merge<L extends Merge<L>> extends FluentLayer<L> {
  /** Creates the layer. */
  protected Merge() {}

  /** Combines the inputs element-wise. */
  protected abstract Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs);

  /** Returns {@code op(…op(op(inputs[0], inputs[1]), inputs[2])…)}, for {@link #merge}. */
  protected static Operand<TFloat32> fold(
      List<Operand<TFloat32>> inputs, BinaryOperator<Operand<TFloat32>> op) {
    Operand<TFloat32> out = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      out = op.apply(out, inputs.get(i));
    }
    return out;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    throw new IllegalArgumentException(
        "A merge layer should be called on a list of inputs, but layer '" + name() + "' got one tensor.");
  }

  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    if (inputs.size() < 2) {
      return call(tf, inputs.get(0), ctx);
    }
    return merge(tf, inputs);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    throw new IncompatibleShapeException(
        name(), "a list of at least 2 inputs", Shapes.format(inputShape),
        "A merge layer should be called on a list of at least 2 inputs, but layer '" + name()
            + "' got one input of shape " + Shapes.format(inputShape) + ".");
  }

  @Override
  public Shape computeOutputShape(List<Shape> shapes) {
    if (shapes.size() < 2) {
      return computeOutputShape(shapes.get(0));
    }
    // Keras's _compute_elemwise_op_output_shape: sizes of 1 broadcast; other known sizes must agree.
    int rank = shapes.get(0).numDimensions();
    long[] out = shapes.get(0).asArray();
    for (Shape s : shapes) {
      if (s.numDimensions() != rank) {
        throw new IncompatibleShapeException(
            name(), Shapes.format(shapes.get(0)), Shapes.format(s),
            "Layer '" + name() + "' (" + className() + ") requires inputs of the same rank, but got "
                + shapes.stream().map(Shapes::format).toList() + ".");
      }
      for (int i = 1; i < rank; i++) {
        long a = out[i];
        long b = s.size(i);
        if (a == 1) {
          out[i] = b;
        } else if (b == 1 || b < 0) {
          out[i] = a;
        } else if (a < 0) {
          out[i] = b;
        } else if (a != b) {
          throw new IncompatibleShapeException(
              name(), Shapes.format(shapes.get(0)), Shapes.format(s),
              "Layer '" + name() + "' (" + className() + "): operands could not be broadcast together with shapes "
                  + shapes.stream().map(Shapes::format).toList() + ".");
        }
      }
    }
    return Shape.of(out);
  }

  static <M extends Layer> M fromConfig(M layer, Map<String, Object> config) {
    return Configs.applyCommon(layer, config);
  }

  static List<Operand<TFloat32>> copy(List<Operand<TFloat32>> inputs) {
    return new ArrayList<>(inputs);
  }
}
