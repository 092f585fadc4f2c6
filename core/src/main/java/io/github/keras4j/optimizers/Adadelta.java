package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adadelta, as Keras's {@code keras.optimizers.Adadelta}. With {@code rms(a) = sqrt(a + epsilon)}:
 *
 * <pre>
 * accum_grad = rho * accum_grad + (1 - rho) * g^2
 * delta      = -rms(accum_var) * g / rms(accum_grad)
 * accum_var  = rho * accum_var + (1 - rho) * delta^2
 * w          = w + lr * delta
 * </pre>
 *
 * Defaults: learning rate 0.001, rho 0.95, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adadelta(1.0), "mse");
 * }</pre>
 */
public class Adadelta extends Optimizer {
  private final double rho;
  private final double epsilon;

  /** Creates Adadelta with Keras's defaults. */
  public Adadelta() {
    this(0.001);
  }

  /** Creates Adadelta with this learning rate. */
  public Adadelta(double learningRate) {
    this(learningRate, 0.95, 1e-7);
  }

  /**
   * Creates Adadelta.
   *
   * @throws IllegalArgumentException if rho is outside [0, 1] or epsilon is negative
   */
  public Adadelta(double learningRate, double rho, double epsilon) {
    super("Adadelta", learningRate);
    if (!(rho >= 0 && rho <= 1) || !(epsilon >= 0)) {
      throw new IllegalArgumentException("Adadelta: rho must be in [0, 1] and epsilon >= 0, but got rho=" + rho
          + ", epsilon=" + epsilon + ".");
    }
    this.rho = rho;
    this.epsilon = epsilon;
  }

  @Override
  protected List<String> slotNames() {
    return List.of("accum_grad", "accum_var");
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> r = tf.constant((float) rho);
    Operand<TFloat32> oneMinus = tf.constant((float) (1 - rho));
    Operand<TFloat32> eps = tf.constant((float) epsilon);
    Operand<TFloat32> accGrad = tf.assign(slots.get(0),
        tf.math.add(tf.math.mul(r, slots.get(0)), tf.math.mul(oneMinus, tf.math.square(g))));
    Operand<TFloat32> accVarOld = tf.identity(slots.get(1));
    Operand<TFloat32> delta = tf.math.neg(tf.math.div(
        tf.math.mul(tf.math.sqrt(tf.math.add(accVarOld, eps)), g), tf.math.sqrt(tf.math.add(accGrad, eps))));
    Operand<TFloat32> accVar = tf.assign(slots.get(1),
        tf.math.add(tf.math.mul(r, accVarOld), tf.math.mul(oneMinus, tf.math.square(delta))));
    return tf.withControlDependencies(List.of(accVar))
        .assignAdd(variable, tf.math.mul(step.learningRate(), delta));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("rho", rho);
    config.put("epsilon", epsilon);
    return config;
  }
}
