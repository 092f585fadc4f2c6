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
 * Rescales its input, as Keras's {@code Rescaling} preprocessing layer: {@code y = x · scale + offset}. A scale or
 * offset with several values (Keras 3) applies one value per channel of the last axis. Default offset 0.
 * Output shape = input shape.
 *
 * <pre>{@code
 * new Rescaling(1.0 / 255)            // [0, 255] → [0, 1]
 * new Rescaling(1.0 / 127.5, -1)      // [0, 255] → [-1, 1]
 * }</pre>
 */
public class Rescaling extends Layer {
  private final double[] scale;
  private final double[] offset;

  /** Creates the layer with offset 0. */
  public Rescaling(double scale) {
    this(new double[] {scale}, new double[] {0});
  }

  /** Creates the layer. */
  public Rescaling(double scale, double offset) {
    this(new double[] {scale}, new double[] {offset});
  }

  /**
   * Creates the layer with per-channel values (one value, or one per channel of the last axis).
   *
   * @throws IllegalArgumentException if a value is not finite or an array is empty
   */
  public Rescaling(double[] scale, double[] offset) {
    this.scale = check("scale", scale);
    this.offset = check("offset", offset);
  }

  private static double[] check(String what, double[] values) {
    java.util.Objects.requireNonNull(values, what);
    if (values.length == 0) {
      throw new IllegalArgumentException("Rescaling: " + what + " must have at least one value, but got [].");
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "Rescaling: " + what + " must be finite, but got " + what + "=" + Arrays.toString(values) + ".");
      }
    }
    return values.clone();
  }

  /** Returns the scale (one value, or one per channel). */
  public double[] scale() {
    return scale.clone();
  }

  /** Returns the offset (one value, or one per channel). */
  public double[] offset() {
    return offset.clone();
  }

  @Override
  public Rescaling name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Rescaling inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return tf.math.add(tf.math.mul(x, constant(tf, scale)), constant(tf, offset));
  }

  private static Operand<TFloat32> constant(Ops tf, double[] values) {
    if (values.length == 1) {
      return tf.constant((float) values[0]);
    }
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return tf.constant(f);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    int rank = inputShape.numDimensions();
    for (double[] v : List.of(scale, offset)) {
      if (v.length > 1 && (rank < 2 || (inputShape.size(rank - 1) >= 0 && inputShape.size(rank - 1) != v.length))) {
        throw new IncompatibleShapeException(
            name(), "(…, " + v.length + ")", Shapes.format(inputShape),
            "Layer '" + name() + "' (Rescaling) has " + v.length + " per-channel values, but its input shape is "
                + Shapes.format(inputShape) + "; the last axis must have " + v.length + " channels.");
      }
    }
    return inputShape;
  }

  /** Creates the layer from its Keras config ({@code scale}, {@code offset}: numbers or lists). */
  public static Rescaling fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(
        new Rescaling(values(config, "scale", null), values(config, "offset", new double[] {0})), config);
  }

  private static double[] values(Map<String, Object> config, String key, double[] fallback) {
    Object v = config.get(key);
    if (v == null) {
      if (fallback == null) {
        throw new IllegalArgumentException("Rescaling config: missing required key '" + key + "'.");
      }
      return fallback;
    }
    if (v instanceof Number n) {
      return new double[] {n.doubleValue()};
    }
    if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof Number)) {
      return list.stream().mapToDouble(e -> ((Number) e).doubleValue()).toArray();
    }
    throw new IllegalArgumentException(
        "Rescaling config: '" + key + "' must be a number or a list of numbers, but got " + v + ".");
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("scale", Configs.numberOrList(scale));
    config.put("offset", Configs.numberOrList(offset));
    return config;
  }
}
