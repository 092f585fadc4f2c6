package io.github.keras4j.losses;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;

/**
 * Negative cosine similarity along an axis, as Keras's {@code CosineSimilarity}: with {@code n(x) = x /
 * sqrt(max(sum(x^2), 1e-7))}, {@code -sum(n(y) * n(p))}; {@code -1} for identical directions. Default
 * {@code axis = -1}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new CosineSimilarity(), "mse");
 * }</pre>
 */
public class CosineSimilarity extends Loss {
  private final int axis;

  /** Creates the loss along the last axis. */
  public CosineSimilarity() {
    this(-1);
  }

  /** Creates the loss along {@code axis}. */
  public CosineSimilarity(int axis) {
    super("cosine_similarity");
    this.axis = axis;
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    int rank = yPred.shape().numDimensions();
    if (axis >= rank || axis < -rank || axis == 0 || axis == -rank) {
      throw new IllegalArgumentException("CosineSimilarity: axis=" + axis + " is not a feature axis of outputs"
          + " of shape " + yPred.shape() + ".");
    }
    // Through identity: TF Java crashes on the gradient of Square applied straight to a variable read.
    Operand<TFloat32> y = normalize(tf, tf.identity(yTrue));
    Operand<TFloat32> p = normalize(tf, tf.identity(yPred));
    return meanOverNonBatchAxes(tf, tf.math.neg(tf.sum(tf.math.mul(y, p), tf.constant(axis))));
  }

  private Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squares = tf.sum(tf.math.mul(x, x), tf.constant(axis), Sum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squares, tf.constant(EPSILON))));
  }

  @Override
  public boolean hasDefaultConfig() {
    return axis == -1;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("axis", axis);
    return config;
  }
}
