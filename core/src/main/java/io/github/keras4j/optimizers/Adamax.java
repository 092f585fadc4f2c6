package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adamax (Adam with the infinity norm), as Keras's {@code keras.optimizers.Adamax}. With {@code t} the step from 1:
 *
 * <pre>
 * m = beta1 * m + (1 - beta1) * g
 * u = max(beta2 * u, |g|)
 * w = w - lr * m / ((1 - beta1^t) * (u + epsilon))
 * </pre>
 *
 * Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adamax(0.002), "mse");
 * }</pre>
 */
public class Adamax extends MomentOptimizer {

  /** Creates Adamax with Keras's defaults. */
  public Adamax() {
    this(0.001);
  }

  /** Creates Adamax with this learning rate. */
  public Adamax(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-7);
  }

  /**
   * Creates Adamax.
   *
   * @throws IllegalArgumentException if a beta is outside {@code [0, 1)} or epsilon is negative
   */
  public Adamax(double learningRate, double beta1, double beta2, double epsilon) {
    super("Adamax", learningRate, beta1, beta2, epsilon);
  }

  @Override
  protected List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> m = updateFirstMoment(tf, slots.get(0), g);
    Operand<TFloat32> u = tf.assign(slots.get(1),
        tf.math.maximum(tf.math.mul(tf.constant((float) beta2()), slots.get(1)), tf.math.abs(g)));
    Operand<TFloat32> b1Power = tf.math.pow(tf.constant((float) beta1()), step.localStep());
    Operand<TFloat32> denom =
        tf.math.mul(tf.math.sub(tf.constant(1f), b1Power), tf.math.add(u, tf.constant((float) epsilon())));
    return tf.assignSub(variable, tf.math.div(tf.math.mul(step.learningRate(), m), denom));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    return putMoments(config);
  }
}
