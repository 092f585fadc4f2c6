package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * Softmax activation layer, as Keras's {@code Softmax}: {@code exp(x) / sum(exp(x), axis)} over {@code axis}
 * (default -1; several axes normalize over their product, as tf.keras 2.5+ and Keras 3 do). Output shape = input
 * shape.
 *
 * <pre>{@code
 * new Softmax(1)
 * }</pre>
 */
public class Softmax extends Layer {
  private final int[] axis;

  /** Creates the layer over the last axis. */
  public Softmax() {
    this(-1);
  }

  /**
   * Creates the layer over the given axes (negative counts from the end).
   *
   * @throws IllegalArgumentException if no axis is given
   */
  public Softmax(int... axis) {
    requireNonNull(axis, "axis");
    if (axis.length == 0) {
      throw new IllegalArgumentException("Softmax: axis must name at least one axis, but got axis=[].");
    }
    this.axis = axis.clone();
  }

  /** Returns the axes as given. */
  public int[] axis() {
    return axis.clone();
  }

  @Override
  public Softmax name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Softmax inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    int rank = x.shape().numDimensions();
    if (axis.length == 1 && (axis[0] == -1 || axis[0] == rank - 1)) {
      return tf.nn.softmax(x);
    }
    int[] resolved = Axes.resolve(name(), "axis", axis, x.shape());
    Operand<org.tensorflow.types.TInt32> axes = tf.constant(resolved);
    Operand<TFloat32> shifted =
        tf.math.sub(x, tf.stopGradient(tf.reduceMax(x, axes, ReduceMax.keepDims(true))));
    Operand<TFloat32> e = tf.math.exp(shifted);
    return tf.math.div(e, tf.reduceSum(e, axes, ReduceSum.keepDims(true)));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Axes.resolve(name(), "axis", axis, inputShape);
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static Softmax fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new Softmax(Axes.fromConfig(config, "axis", "Softmax", new int[] {-1})), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", Axes.toConfig(axis));
    return config;
  }
}
