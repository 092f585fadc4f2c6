package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Lion (evolved sign momentum), as Keras's {@code keras.optimizers.Lion}:
 *
 * <pre>
 * w = w - lr * sign(beta1 * m + (1 - beta1) * g)
 * m = beta2 * m + (1 - beta2) * g
 * </pre>
 *
 * Defaults: learning rate 0.001, beta1 0.9, beta2 0.99.
 *
 * <pre>{@code
 * model.compile(new Lion(1e-4), "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public class Lion extends Optimizer {
  private final double beta1;
  private final double beta2;

  /** Creates Lion with Keras's defaults. */
  public Lion() {
    this(0.001);
  }

  /** Creates Lion with this learning rate. */
  public Lion(double learningRate) {
    this(learningRate, 0.9, 0.99);
  }

  /**
   * Creates Lion.
   *
   * @throws IllegalArgumentException if beta1 is outside (0, 1] or beta2 outside [0, 1]
   */
  public Lion(double learningRate, double beta1, double beta2) {
    super("Lion", learningRate);
    if (!(beta1 > 0 && beta1 <= 1) || !(beta2 >= 0 && beta2 <= 1)) {
      throw new IllegalArgumentException("Lion: beta_1 must be in (0, 1] and beta_2 in [0, 1], but got beta_1="
          + beta1 + ", beta_2=" + beta2 + ".");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  @Override
  protected List<String> slotNames() {
    return List.of("m");
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> m = tf.identity(slots.get(0));
    Operand<TFloat32> direction = tf.math.sign(tf.math.add(tf.math.mul(m, tf.constant((float) beta1)),
        tf.math.mul(g, tf.constant((float) (1 - beta1)))));
    Op update = tf.assignSub(variable, tf.math.mul(step.learningRate(), direction));
    return tf.withControlDependencies(List.of(update)).assign(slots.get(0),
        tf.math.add(tf.math.mul(m, tf.constant((float) beta2)), tf.math.mul(g, tf.constant((float) (1 - beta2)))));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("beta_1", beta1);
    config.put("beta_2", beta2);
    return config;
  }
}
