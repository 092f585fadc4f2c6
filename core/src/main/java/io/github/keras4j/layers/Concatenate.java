package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Concatenates a list of tensors along an axis (default the last), as Keras's {@code Concatenate}; all other
 * dimensions must match.
 */
public class Concatenate extends Merge<Concatenate> {
  private final int axis;

  /** Creates the layer concatenating along the last axis. */
  public Concatenate() {
    this(-1);
  }

  /**
   * Creates the layer.
   *
   * @param axis the axis, negative counting from the end; not the batch axis 0
   */
  public Concatenate(int axis) {
    if (axis == 0) {
      throw new IllegalArgumentException("Concatenate: axis must not be the batch axis 0, but got axis=0.");
    }
    this.axis = axis;
  }

  /** Returns the axis. */
  public int axis() {
    return axis;
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    return tf.concat(inputs, tf.constant(axis));
  }

  @Override
  public Shape computeOutputShape(List<Shape> shapes) {
    if (shapes.size() < 2) {
      return computeOutputShape(shapes.get(0));
    }
    int rank = shapes.get(0).numDimensions();
    int a = axis < 0 ? rank + axis : axis;
    if (a <= 0 || a >= rank) {
      throw new IncompatibleShapeException(
          name(), "axis within rank " + rank, "axis " + axis,
          "Layer '" + name() + "': axis " + axis + " is out of range for inputs of rank " + rank + ".");
    }
    long[] out = shapes.get(0).asArray();
    out[a] = 0;
    for (Shape s : shapes) {
      boolean ok = s.numDimensions() == rank;
      for (int i = 0; ok && i < rank; i++) {
        if (i != a && s.size(i) >= 0 && shapes.get(0).size(i) >= 0 && s.size(i) != shapes.get(0).size(i)) {
          ok = false;
        }
      }
      if (!ok) {
        throw new IncompatibleShapeException(
            name(), "matching shapes except on the concat axis",
            shapes.stream().map(Shapes::format).toList().toString(),
            "A Concatenate layer requires inputs with matching shapes except for the concatenation axis. Layer '"
                + name() + "' received: " + shapes.stream().map(Shapes::format).toList() + ".");
      }
      out[a] = out[a] < 0 || s.size(a) < 0 ? -1 : out[a] + s.size(a);
    }
    return Shape.of(out);
  }

  /** Creates the layer from its Keras config. */
  public static Concatenate fromConfig(Map<String, Object> config) {
    Object axis = config.get("axis");
    int a = axis == null ? -1 : Configs.intOf(axis, "Concatenate", "axis");
    return fromConfig(new Concatenate(a), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    return config;
  }
}
