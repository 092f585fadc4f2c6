package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Permutes the axes of each sample, as Keras's {@code Permute}: {@code dims} is a permutation of
 * {@code 1 … rank-1} (the batch axis 0 stays first). {@code new Permute(2, 1)} swaps the two axes of
 * {@code (None, 10, 64)} → {@code (None, 64, 10)}.
 *
 * <pre>{@code
 * new Permute(3, 1, 2)   // channels_last (None, h, w, c) → channels_first (None, c, h, w)
 * }</pre>
 */
public class Permute extends Layer {
  private final int[] dims;

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if {@code dims} is not a permutation of {@code 1 … dims.length}
   */
  public Permute(int... dims) {
    requireNonNull(dims, "dims");
    int[] sorted = dims.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] != i + 1) {
        throw new IllegalArgumentException(
            "Permute: dims must be a permutation of the non-batch axes 1.." + dims.length + ", but got dims="
                + Arrays.toString(dims) + ".");
      }
    }
    if (dims.length == 0) {
      throw new IllegalArgumentException("Permute: dims must name at least one axis, but got dims=[].");
    }
    this.dims = dims.clone();
  }

  /** Returns the permutation (1-based). */
  public int[] dims() {
    return dims.clone();
  }

  @Override
  public Permute name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Permute inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    int[] perm = new int[dims.length + 1];
    for (int i = 0; i < dims.length; i++) {
      perm[i + 1] = dims[i];
    }
    return tf.linalg.transpose(x, tf.constant(perm));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != dims.length + 1) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected ndim=" + (dims.length + 1) + ", found ndim=" + inputShape.numDimensions(),
          "a batch axis and " + dims.length + " more", inputShape);
    }
    long[] out = new long[dims.length + 1];
    out[0] = inputShape.size(0);
    for (int i = 0; i < dims.length; i++) {
      out[i + 1] = inputShape.size(dims[i]);
    }
    return Shape.of(out);
  }

  /** Creates the layer from its Keras config. */
  public static Permute fromConfig(Map<String, Object> config) {
    int[] dims = Axes.fromConfig(config, "dims", "Permute", null);
    if (dims == null) {
      throw new IllegalArgumentException("Permute config: missing required key 'dims'.");
    }
    return Configs.applyCommon(new Permute(dims), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    List<Integer> d = new ArrayList<>();
    for (int v : dims) {
      d.add(v);
    }
    config.put("dims", d);
    return config;
  }
}
