package io.github.keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam with Nesterov momentum, as Keras 3's {@code keras.optimizers.Nadam}. With {@code t} the step from 1 and
 * {@code u_t = beta1 * (1 - 0.5 * 0.96^t)}, the optimizer keeps {@code u_product = u_1 * … * u_t}:
 *
 * <pre>
 * m     = beta1 * m + (1 - beta1) * g
 * v     = beta2 * v + (1 - beta2) * g^2
 * m_hat = u_{t+1} * m / (1 - u_product * u_{t+1}) + (1 - u_t) * g / (1 - u_product)
 * v_hat = v / (1 - beta2^t)
 * w     = w - lr * m_hat / (sqrt(v_hat) + epsilon)
 * </pre>
 *
 * Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Nadam(), "categorical_crossentropy", "accuracy");
 * }</pre>
 */
public class Nadam extends MomentOptimizer {

  /** Creates Nadam with Keras's defaults. */
  public Nadam() {
    this(0.001);
  }

  /** Creates Nadam with this learning rate. */
  public Nadam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-7);
  }

  /**
   * Creates Nadam.
   *
   * @throws IllegalArgumentException if a beta is outside {@code [0, 1)} or epsilon is negative
   */
  public Nadam(double learningRate, double beta1, double beta2, double epsilon) {
    super("Nadam", learningRate, beta1, beta2, epsilon);
  }

  @Override
  protected List<String> slotNames() {
    return List.of("m", "v");
  }

  @Override
  protected Map<String, Double> globalVariableNames() {
    return Map.of("u_product", 1.0);
  }

  private Operand<TFloat32> u(Ops tf, Operand<TFloat32> t) {
    Operand<TFloat32> decay = tf.math.pow(tf.constant(0.96f), t);
    return tf.math.mul(tf.constant((float) beta1()),
        tf.math.sub(tf.constant(1f), tf.math.mul(tf.constant(0.5f), decay)));
  }

  @Override
  List<Op> applyGradients(Ops tf, List<Operand<TFloat32>> variables, List<Operand<TFloat32>> gradients,
      List<List<Operand<TFloat32>>> slotVariables, List<Operand<TFloat32>> globalVariables, Step step) {
    // Keras updates u_product first; every weight's update then reads the new value.
    Operand<TFloat32> uProduct = globalVariables.get(0);
    Operand<TFloat32> updated = tf.assign(uProduct, tf.math.mul(tf.identity(uProduct), u(tf, step.localStep())));
    Ops after = tf.withControlDependencies(List.of(updated));
    List<List<Operand<TFloat32>>> slots = new ArrayList<>();
    for (List<Operand<TFloat32>> s : slotVariables) {
      List<Operand<TFloat32>> withProduct = new ArrayList<>(s);
      withProduct.add(updated);
      slots.add(withProduct);
    }
    List<Op> ops = new ArrayList<>(super.applyGradients(after, variables, gradients, slots, globalVariables, step));
    ops.add(updated);
    return ops;
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> b2 = tf.constant((float) beta2());
    Operand<TFloat32> t = step.localStep();
    Operand<TFloat32> uT = u(tf, t);
    Operand<TFloat32> uT1 = u(tf, tf.math.add(t, one));
    Operand<TFloat32> uProductT = slots.get(2);
    Operand<TFloat32> uProductT1 = tf.math.mul(uProductT, uT1);
    Operand<TFloat32> m = updateFirstMoment(tf, slots.get(0), g);
    Operand<TFloat32> v = updateSecondMoment(tf, slots.get(1), g);
    Operand<TFloat32> mHat = tf.math.add(
        tf.math.div(tf.math.mul(uT1, m), tf.math.sub(one, uProductT1)),
        tf.math.div(tf.math.mul(tf.math.sub(one, uT), g), tf.math.sub(one, uProductT)));
    Operand<TFloat32> vHat = tf.math.div(v, tf.math.sub(one, tf.math.pow(b2, t)));
    return tf.assignSub(variable, tf.math.div(tf.math.mul(mHat, step.learningRate()),
        tf.math.add(tf.math.sqrt(vHat), tf.constant((float) epsilon()))));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    return putMoments(config);
  }
}
