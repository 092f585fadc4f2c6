package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Repeats each input vector {@code n} times, as Keras's {@code RepeatVector}: {@code (None, features)} →
 * {@code (None, n, features)} (encoder–decoder models).
 *
 * <pre>{@code
 * new RepeatVector(3)
 * }</pre>
 */
public class RepeatVector extends Layer {
  private final int n;

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if {@code n} is not positive
   */
  public RepeatVector(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("RepeatVector: n must be a positive integer, but got n=" + n + ".");
    }
    this.n = n;
  }

  /** Returns the number of repetitions. */
  public int n() {
    return n;
  }

  @Override
  public RepeatVector name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public RepeatVector inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    // x[:, None, :] * ones((1, n, 1)): a broadcasting multiply, whose gradient sums the copies back.
    Operand<TFloat32> expanded = tf.expandDims(x, tf.constant(1));
    return tf.math.mul(expanded, tf.ones(tf.constant(new int[] {1, n, 1}), TFloat32.class));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 2) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected ndim=2, found ndim=" + inputShape.numDimensions(), "(None, features)", inputShape);
    }
    return Shape.of(inputShape.size(0), n, inputShape.size(1));
  }

  /** Creates the layer from its Keras config. */
  public static RepeatVector fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new RepeatVector(Configs.getInt(config, "n", "RepeatVector")), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("n", n);
    return config;
  }
}
