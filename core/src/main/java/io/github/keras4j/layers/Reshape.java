package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Reshapes each sample, as Keras's {@code Reshape}: {@code (batch, …) → (batch, targetShape…)}; one dimension of
 * the target may be {@code -1} and is inferred.
 *
 * <pre>{@code
 * new Reshape(1, 1, 1024)
 * }</pre>
 */
public class Reshape extends Layer {
  private final long[] targetShape;

  /**
   * Creates the layer.
   *
   * @param targetShape the shape of one output sample; positive sizes and at most one {@code -1}
   */
  public Reshape(int... targetShape) {
    int unknown = 0;
    for (int d : targetShape) {
      if (d == -1) {
        unknown++;
      } else if (d <= 0) {
        throw new IllegalArgumentException(
            "Reshape: targetShape sizes must be positive or -1, but got targetShape="
                + Arrays.toString(targetShape) + ".");
      }
    }
    if (unknown > 1) {
      throw new IllegalArgumentException(
          "Reshape: at most one targetShape size may be -1, but got targetShape=" + Arrays.toString(targetShape)
              + ".");
    }
    this.targetShape = Arrays.stream(targetShape).asLongStream().toArray();
  }

  /** Returns the target sample shape. */
  public int[] targetShape() {
    return Arrays.stream(targetShape).mapToInt(d -> (int) d).toArray();
  }

  @Override
  public Reshape name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Reshape inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Shape out = computeOutputShape(x.shape());
    long[] dims = out.asArray();
    dims[0] = -1;
    return tf.reshape(x, tf.constant(dims));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    long inSize = Shapes.sampleSize(inputShape);
    long known = 1;
    int unknownAt = -1;
    for (int i = 0; i < targetShape.length; i++) {
      if (targetShape[i] == -1) {
        unknownAt = i;
      } else {
        known *= targetShape[i];
      }
    }
    long[] dims = new long[targetShape.length + 1];
    dims[0] = inputShape.size(0);
    System.arraycopy(targetShape, 0, dims, 1, targetShape.length);
    if (unknownAt >= 0) {
      if (inSize % known != 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "the total size " + inSize + " must be divisible by " + known + " for targetShape "
                + Arrays.toString(targetShape), Arrays.toString(targetShape), inputShape);
      }
      dims[unknownAt + 1] = inSize / known;
    } else if (known != inSize) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "total size of new array must be unchanged: input has " + inSize + " values per sample,"
              + " targetShape " + Arrays.toString(targetShape) + " has " + known, Arrays.toString(targetShape),
          inputShape);
    }
    return Shape.of(dims);
  }

  /** Creates the layer from its Keras config. */
  public static Reshape fromConfig(Map<String, Object> config) {
    Object v = config.get("target_shape");
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException("Reshape config: 'target_shape' must be a list, but got " + v + ".");
    }
    int[] dims = new int[list.size()];
    for (int i = 0; i < dims.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new IllegalArgumentException("Reshape config: 'target_shape' must hold integers, but got " + v + ".");
      }
      dims[i] = Configs.intOf(n, "Reshape", "target_shape");
    }
    return Configs.applyCommon(new Reshape(dims), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    List<Integer> dims = new ArrayList<>();
    for (long d : targetShape) {
      dims.add((int) d);
    }
    config.put("target_shape", dims);
    return config;
  }
}
