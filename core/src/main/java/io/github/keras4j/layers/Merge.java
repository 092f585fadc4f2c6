package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of element-wise merge layers ({@link Add}, {@link Multiply}, {@link Average}), as Keras's
 * {@code _Merge}: takes a list of at least two tensors of the same shape and returns one of that shape.
 */
public abstract class Merge extends Layer {
  /** Creates the layer. */
  protected Merge() {}

  /** Combines the inputs element-wise. */
  protected abstract Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs);

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
    Shape first = shapes.get(0);
    long[] out = first.asArray();
    for (Shape s : shapes) {
      if (!Shapes.compatible(first, s)) {
        throw new IncompatibleShapeException(
            name(), Shapes.format(first), Shapes.format(s),
            "Layer '" + name() + "' (" + className() + ") requires inputs of the same shape, but got "
                + shapes.stream().map(Shapes::format).toList() + ".");
      }
      for (int i = 0; i < out.length; i++) {
        if (out[i] < 0) {
          out[i] = s.size(i);
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
