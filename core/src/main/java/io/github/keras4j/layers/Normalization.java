package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Initializers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Feature-wise normalization, as Keras's {@code Normalization} preprocessing layer:
 * {@code y = (x - mean) / max(sqrt(variance), 1e-7)}, or with {@code invert} {@code y = mean + x ·
 * max(sqrt(variance), 1e-7)}.
 *
 * <p>{@code axis} names the axes that keep their own statistics (default -1, the features/channels; an empty axis
 * list normalizes with one scalar mean and variance); the others are reduced. The statistics either come with the
 * layer ({@link #Normalization(int[], double[], double[])}; no weights) or are computed from data with
 * {@link #adapt(float[], long...)} and stored, as in Keras, in three non-trainable weights: {@code mean} and
 * {@code variance} of the kept axes' shape and {@code count} (a scalar; Keras stores an int64, Keras4J a float).
 * A fresh layer without statistics is the identity (mean 0, variance 1) until adapted or loaded. Output shape =
 * input shape.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(trainingImages, n, 32, 32, 3);   // per-channel mean and variance, as layer.adapt(data)
 * new Normalization(new int[] {-1}, new double[] {0.485, 0.456, 0.406}, new double[] {0.052, 0.050, 0.051})
 * }</pre>
 */
public class Normalization extends Layer {
  private static final double EPSILON = 1e-7;

  private final int[] axis;
  private final double[] mean;
  private final double[] variance;
  private boolean invert;
  private Weight meanWeight;
  private Weight varianceWeight;
  private Weight count;

  /** Creates a layer with statistics per feature of the last axis, to be adapted or loaded. */
  public Normalization() {
    this(-1);
  }

  /** Creates a layer with statistics per position of these axes (none: one scalar mean), to be adapted or loaded. */
  public Normalization(int... axis) {
    this(axis, null, null);
  }

  /**
   * Creates a layer with given statistics, as {@code Normalization(axis, mean=…, variance=…)}: each one value
   * (broadcast), one value per position of the last kept axis, or one per position of all kept axes (row-major).
   *
   * @throws IllegalArgumentException if only one of mean and variance is given, or a variance is negative
   */
  public Normalization(int[] axis, double[] mean, double[] variance) {
    requireNonNull(axis, "axis");
    if ((mean == null) != (variance == null)) {
      throw new IllegalArgumentException(
          "Normalization: when setting values directly, both mean and variance must be given, but got mean="
              + Arrays.toString(mean) + " and variance=" + Arrays.toString(variance) + ".");
    }
    if (variance != null) {
      for (double v : variance) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(
              "Normalization: variance must be finite and >= 0, but got variance=" + Arrays.toString(variance) + ".");
        }
      }
      for (double m : mean) {
        if (!Double.isFinite(m)) {
          throw new IllegalArgumentException(
              "Normalization: mean must be finite, but got mean=" + Arrays.toString(mean) + ".");
        }
      }
    }
    this.axis = axis.clone();
    this.mean = mean == null ? null : mean.clone();
    this.variance = variance == null ? null : variance.clone();
  }

  /** Returns the kept axes as given. */
  public int[] axis() {
    return axis.clone();
  }

  /** Returns whether the layer un-normalizes ({@code mean + x · std}); default false. */
  public boolean invert() {
    return invert;
  }

  /** Makes the layer compute the inverse, {@code mean + x · max(sqrt(variance), 1e-7)} (Keras 3's invert). */
  public Normalization invert(boolean invert) {
    checkNotBuilt("invert");
    this.invert = invert;
    return this;
  }

  /** Returns the {@code mean} weight, or {@code null} when the statistics were given or before build. */
  public Weight meanWeight() {
    return meanWeight;
  }

  /** Returns the {@code variance} weight, or {@code null} when the statistics were given or before build. */
  public Weight varianceWeight() {
    return varianceWeight;
  }

  /** Returns the {@code count} weight, or {@code null} when the statistics were given or before build. */
  public Weight count() {
    return count;
  }

  @Override
  public Normalization name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Normalization inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  /** The kept axes, resolved for the input. */
  private int[] keep(Shape input) {
    int[] keep = Axes.resolve(name(), "axis", axis, input);
    for (int d : keep) {
      if (input.size(d) < 0) {
        throw new IncompatibleShapeException(
            name(), "a known size on axis " + d, Shapes.format(input),
            "Layer '" + name() + "' (Normalization): all `axis` values to be kept must have known shape, but got"
                + " axis " + d + " of input shape " + Shapes.format(input) + ".");
      }
    }
    return keep;
  }

  private static long[] keptShape(Shape input, int[] keep) {
    long[] s = new long[keep.length];
    for (int i = 0; i < keep.length; i++) {
      s[i] = input.size(keep[i]);
    }
    return s;
  }

  private static int product(long[] dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return Math.toIntExact(n);
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    int[] keep = keep(inputShape);
    long[] kept = keptShape(inputShape, keep);
    if (mean != null) {
      expand("mean", mean, kept);
      expand("variance", variance, kept);
      return;
    }
    meanWeight = ctx.addWeight("mean", Shape.of(kept), Initializers.zeros(), false);
    varianceWeight = ctx.addWeight("variance", Shape.of(kept), Initializers.ones(), false);
    count = ctx.addWeight("count", Shape.scalar(), Initializers.zeros(), false);
  }

  /** Broadcasts given statistics to the kept shape, as numpy's {@code value * np.ones(shape)}. */
  private float[] expand(String what, double[] values, long[] kept) {
    int n = product(kept);
    int last = kept.length == 0 ? 1 : (int) kept[kept.length - 1];
    float[] out = new float[n];
    if (values.length == 1 || values.length == n || values.length == last) {
      for (int i = 0; i < n; i++) {
        out[i] = (float) values[values.length == 1 ? 0 : values.length == n ? i : i % last];
      }
      return out;
    }
    throw new IllegalArgumentException(
        "Normalization '" + name() + "': " + what + " has " + values.length + " values, which do not broadcast to"
            + " the kept shape " + Arrays.toString(kept) + "; give 1, " + last + " or " + n + " values.");
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Shape input = builtInputShape();
    int[] keep = keep(input);
    long[] kept = keptShape(input, keep);
    long[] broadcast = new long[input.numDimensions()];
    Arrays.fill(broadcast, 1);
    for (int d : keep) {
      broadcast[d] = input.size(d);
    }
    Operand<TFloat32> m;
    Operand<TFloat32> v;
    if (mean != null) {
      m = tf.constant(Shape.of(broadcast), org.tensorflow.ndarray.buffer.DataBuffers.of(expand("mean", mean, kept)));
      v = tf.constant(Shape.of(broadcast),
          org.tensorflow.ndarray.buffer.DataBuffers.of(expand("variance", variance, kept)));
    } else {
      Operand<org.tensorflow.types.TInt64> shape = tf.constant(broadcast);
      m = tf.reshape(ctx.read(meanWeight), shape);
      v = tf.reshape(ctx.read(varianceWeight), shape);
    }
    Operand<TFloat32> std = tf.math.maximum(tf.math.sqrt(v), tf.constant((float) EPSILON));
    return invert ? tf.math.add(m, tf.math.mul(x, std)) : tf.math.div(tf.math.sub(x, m), std);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    keep(inputShape);
    return inputShape;
  }

  /**
   * Computes the mean and variance of {@code data} over the reduced axes and stores them in the layer's weights,
   * as Keras's {@code adapt(data)} on an array: the population variance (divided by the count, not count - 1),
   * accumulated in double precision; {@code count} becomes the number of values reduced per kept position. Builds
   * the layer for {@code (None, shape[1:])} if it is not built.
   *
   * @param data the values, row-major
   * @param shape their shape, batch first
   * @throws IllegalStateException if the layer was given its mean and variance
   * @throws IllegalArgumentException if the data size does not match the shape or the shape does not fit the layer
   */
  public void adapt(float[] data, long... shape) {
    requireNonNull(data, "data");
    requireNonNull(shape, "shape");
    if (mean != null) {
      throw new IllegalStateException(
          "Normalization '" + name() + "' was created with a given mean and variance; adapt() would ignore them."
              + " Create it without mean and variance to adapt it.");
    }
    if (shape.length == 0 || shape[0] <= 0) {
      throw new IllegalArgumentException(
          "Normalization.adapt: shape must start with a positive batch size, but got shape="
              + Arrays.toString(shape) + ".");
    }
    long size = 1;
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "Normalization.adapt: every dimension must be positive, but got shape=" + Arrays.toString(shape) + ".");
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException(
          "Normalization.adapt: data has " + data.length + " values, but shape " + Arrays.toString(shape)
              + " holds " + size + ".");
    }
    long[] batchShape = shape.clone();
    batchShape[0] = Shape.UNKNOWN_SIZE;
    Shape input = Shape.of(batchShape);
    if (!isBuilt()) {
      ensureBuilt(input);
    } else if (!Arrays.equals(keptShape(builtInputShape(), keep(builtInputShape())), keptShape(input, keep(input)))) {
      throw new IncompatibleShapeException(
          name(), Shapes.format(builtInputShape()), Shapes.format(input),
          "Normalization '" + name() + "' was built for " + Shapes.format(builtInputShape())
              + ", but adapt() got data of shape " + Arrays.toString(shape) + ".");
    }
    int[] keep = keep(input);
    int keptSize = product(keptShape(input, keep));
    // Row-major strides of the data and of the kept positions.
    long[] strides = new long[shape.length];
    long s = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = s;
      s *= shape[d];
    }
    long[] keptStrides = new long[shape.length];
    s = 1;
    for (int i = keep.length - 1; i >= 0; i--) {
      keptStrides[keep[i]] = s;
      s *= shape[keep[i]];
    }
    int[] position = new int[data.length];
    for (int i = 0; i < data.length; i++) {
      long p = 0;
      for (int d : keep) {
        p += (i / strides[d] % shape[d]) * keptStrides[d];
      }
      position[i] = (int) p;
    }
    double[] sum = new double[keptSize];
    long perPosition = data.length / keptSize;
    for (int i = 0; i < data.length; i++) {
      sum[position[i]] += data[i];
    }
    double[] mu = new double[keptSize];
    for (int k = 0; k < keptSize; k++) {
      mu[k] = sum[k] / perPosition;
    }
    double[] sq = new double[keptSize];
    for (int i = 0; i < data.length; i++) {
      double dlt = data[i] - mu[position[i]];
      sq[position[i]] += dlt * dlt;
    }
    float[] meanValues = new float[keptSize];
    float[] varValues = new float[keptSize];
    for (int k = 0; k < keptSize; k++) {
      meanValues[k] = (float) mu[k];
      varValues[k] = (float) (sq[k] / perPosition);
    }
    meanWeight.assign(meanValues);
    varianceWeight.assign(varValues);
    count.assign(new float[] {perPosition});
  }

  /** Creates the layer from its Keras config ({@code axis}: int, list or null; {@code mean}, {@code variance}). */
  public static Normalization fromConfig(Map<String, Object> config) {
    Object a = config.get("axis");
    int[] axis = config.containsKey("axis") && (a == null || (a instanceof List<?> l && l.isEmpty()))
        ? new int[0]
        : Axes.fromConfig(config, "axis", "Normalization", new int[] {-1});
    Normalization layer = new Normalization(
        axis, numbers(config, "mean"), numbers(config, "variance"));
    layer.invert(Configs.getBoolean(config, "invert", "Normalization", false));
    return Configs.applyCommon(layer, config);
  }

  private static double[] numbers(Map<String, Object> config, String key) {
    Object v = config.get(key);
    if (v == null) {
      return null;
    }
    List<Double> out = new ArrayList<>();
    flatten(v, key, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flatten(Object v, String key, List<Double> out) {
    if (v instanceof Number n) {
      out.add(n.doubleValue());
    } else if (v instanceof List<?> list) {
      for (Object e : list) {
        flatten(e, key, out);
      }
    } else {
      throw new IllegalArgumentException(
          "Normalization config: '" + key + "' must be a number or a (nested) list of numbers, but got " + v + ".");
    }
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    List<Integer> axes = new ArrayList<>();
    for (int a : axis) {
      axes.add(a);
    }
    config.put("axis", axes); // Keras keeps axis as a tuple: [-1]
    config.put("mean", Configs.numberOrList(mean));
    config.put("variance", Configs.numberOrList(variance));
    if (invert) {
      config.put("invert", true);
    }
    return config;
  }

}
