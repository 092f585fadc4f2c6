package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Dot product of two tensors along an axis of each, per sample, as Keras's {@code Dot} ({@code batch_dot}):
 * {@code (None, n, d) · (None, m, d)} with {@code axes = 2} gives {@code (None, n, m)}; two vectors
 * {@code (None, d)} give {@code (None, 1)}. The output holds the first input's axes without {@code axes[0]}, then
 * the second's non-batch axes without {@code axes[1]}. With {@code normalize} both inputs are first L2-normalized
 * along their dot axes ({@code x / sqrt(max(sum(x²), 1e-12))}), so the result is the cosine similarity.
 *
 * <pre>{@code
 * KerasTensor cosine = new Dot(1).normalize(true).apply(a, b);
 * }</pre>
 */
public class Dot extends Merge<Dot> {
  private final int[] axes;
  private final boolean pair;
  private boolean normalize;

  /** Creates the layer with the same axis for both inputs (negative counts from the end). */
  public Dot(int axes) {
    this.axes = new int[] {axes, axes};
    this.pair = false;
    checkAxes();
  }

  /** Creates the layer with an axis for each input. */
  public Dot(int axis0, int axis1) {
    this.axes = new int[] {axis0, axis1};
    this.pair = true;
    checkAxes();
  }

  private void checkAxes() {
    if (axes[0] == 0 || axes[1] == 0) {
      throw new IllegalArgumentException(
          "Dot: axes must not be the batch axis 0, but got axes=(" + axes[0] + ", " + axes[1] + ").");
    }
  }

  /** Returns the axes, one per input. */
  public int[] axes() {
    return axes.clone();
  }

  /** L2-normalizes the inputs along the dot axes first (cosine similarity); default false. */
  public Dot normalize(boolean normalize) {
    checkNotBuilt("normalize");
    this.normalize = normalize;
    return this;
  }

  /** Returns whether the inputs are normalized. */
  public boolean normalize() {
    return normalize;
  }

  private int[] resolve(Shape a, Shape b) {
    int ra = a.numDimensions();
    int rb = b.numDimensions();
    int xa = axes[0] < 0 ? Math.floorMod(axes[0], ra) : axes[0];
    int xb = axes[1] < 0 ? Math.floorMod(axes[1], rb) : axes[1];
    if (xa <= 0 || xa >= ra || xb <= 0 || xb >= rb) {
      throw new IncompatibleShapeException(
          name(), "axes inside both inputs", Shapes.format(a) + " and " + Shapes.format(b),
          "Layer '" + name() + "' (Dot): axes (" + axes[0] + ", " + axes[1] + ") do not fit inputs of shapes "
              + Shapes.format(a) + " and " + Shapes.format(b) + ".");
    }
    return new int[] {xa, xb};
  }

  @Override
  public Shape computeOutputShape(List<Shape> shapes) {
    if (shapes.size() != 2) {
      throw new IncompatibleShapeException(
          name(), "2 inputs", shapes.size() + " inputs",
          "A Dot layer should be called on a list of 2 inputs, but layer '" + name() + "' received "
              + shapes.size() + " inputs.");
    }
    Shape a = shapes.get(0);
    Shape b = shapes.get(1);
    int[] r = resolve(a, b);
    if (a.size(r[0]) >= 0 && b.size(r[1]) >= 0 && a.size(r[0]) != b.size(r[1])) {
      throw new IncompatibleShapeException(
          name(), "equal sizes on the dot axes", Shapes.format(a) + " and " + Shapes.format(b),
          "Layer '" + name() + "' (Dot): dimension incompatibility " + a.size(r[0]) + " != " + b.size(r[1])
              + ". Layer shapes: " + Shapes.format(a) + ", " + Shapes.format(b) + "; chosen axes: " + r[0] + ", "
              + r[1] + ".");
    }
    List<Long> out = new ArrayList<>();
    out.add(a.size(0) >= 0 ? a.size(0) : b.size(0));
    for (int d = 1; d < a.numDimensions(); d++) {
      if (d != r[0]) {
        out.add(a.size(d));
      }
    }
    for (int d = 1; d < b.numDimensions(); d++) {
      if (d != r[1]) {
        out.add(b.size(d));
      }
    }
    if (out.size() == 1) {
      out.add(1L);
    }
    return Shape.of(out.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  protected Operand<TFloat32> merge(Ops tf, List<Operand<TFloat32>> inputs) {
    Shape out = computeOutputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape()));
    int[] r = resolve(inputs.get(0).shape(), inputs.get(1).shape());
    Operand<TFloat32> a = inputs.get(0);
    Operand<TFloat32> b = inputs.get(1);
    if (normalize) {
      a = l2Normalize(tf, a, r[0]);
      b = l2Normalize(tf, b, r[1]);
    }
    // a → (batch, Pa, k, 1) with the dot axis last; b → (batch, 1, k, Pb) with it first; multiply, sum over k.
    Operand<TFloat32> at = tf.linalg.transpose(a, tf.constant(moveTo(a.shape().numDimensions(), r[0], true)));
    Operand<TFloat32> bt = tf.linalg.transpose(b, tf.constant(moveTo(b.shape().numDimensions(), r[1], false)));
    long k = a.shape().size(r[0]) >= 0 ? a.shape().size(r[0]) : b.shape().size(r[1]);
    long pa = rest(a.shape(), r[0]);
    long pb = rest(b.shape(), r[1]);
    Operand<TFloat32> a4 = tf.reshape(at, tf.constant(new long[] {-1, pa, k, 1}));
    Operand<TFloat32> b4 = tf.reshape(bt, tf.constant(new long[] {-1, 1, k, pb}));
    Operand<TFloat32> prod = tf.reduceSum(tf.math.mul(a4, b4), tf.constant(2));
    long[] shape = out.asArray();
    shape[0] = -1;
    return tf.reshape(prod, tf.constant(shape));
  }

  private long rest(Shape s, int axis) {
    long p = 1;
    for (int d = 1; d < s.numDimensions(); d++) {
      if (d != axis) {
        if (s.size(d) < 0) {
          throw new IncompatibleShapeException(
              name(), "known non-batch sizes", Shapes.format(s),
              "Layer '" + name() + "' (Dot) needs known sizes on every non-batch axis, but got " + Shapes.format(s)
                  + ".");
        }
        p *= s.size(d);
      }
    }
    return p;
  }

  /** The permutation moving {@code axis} to the end ({@code last}) or right after the batch axis. */
  private static int[] moveTo(int rank, int axis, boolean last) {
    int[] perm = new int[rank];
    int i = 0;
    perm[i++] = 0;
    if (!last) {
      perm[i++] = axis;
    }
    for (int d = 1; d < rank; d++) {
      if (d != axis) {
        perm[i++] = d;
      }
    }
    if (last) {
      perm[i] = axis;
    }
    return perm;
  }

  private static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x, int axis) {
    Operand<TFloat32> sq = tf.reduceSum(tf.math.mul(x, x), tf.constant(axis), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(sq, tf.constant(1e-12f))));
  }

  /** Creates the layer from its Keras config ({@code axes}: an int or a pair; {@code normalize}). */
  public static Dot fromConfig(Map<String, Object> config) {
    int[] axes = Axes.fromConfig(config, "axes", "Dot", null);
    if (axes == null) {
      throw new IllegalArgumentException("Dot config: missing required key 'axes'.");
    }
    if (axes.length > 2) {
      throw new IllegalArgumentException(
          "Dot config: 'axes' must be an integer or a pair of integers, but got " + config.get("axes") + ".");
    }
    Dot layer = axes.length == 1 ? new Dot(axes[0]) : new Dot(axes[0], axes[1]);
    layer.normalize(Configs.getBoolean(config, "normalize", "Dot", false));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axes", pair ? List.of(axes[0], axes[1]) : axes[0]);
    config.put("normalize", normalize);
    return config;
  }
}
