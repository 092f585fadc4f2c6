package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradient descent with optional (Nesterov) momentum, as Keras 2.x's {@code keras.optimizers.SGD}:
 *
 * <pre>
 * momentum == 0:  w = w - lr * g
 * otherwise:      v = momentum * v - lr * g
 *                 w = w + v                          (nesterov: w = w + momentum * v - lr * g)
 * </pre>
 *
 * Defaults: learning rate 0.01, momentum 0, nesterov false.
 */
public class SGD extends Optimizer {
  private final double momentum;
  private final boolean nesterov;

  /** Creates SGD with Keras's defaults. */
  public SGD() {
    this(0.01);
  }

  /** Creates plain SGD with this learning rate. */
  public SGD(double learningRate) {
    this(learningRate, 0.0, false);
  }

  /**
   * Creates SGD.
   *
   * @throws IllegalArgumentException if momentum is outside {@code [0, 1]}
   */
  public SGD(double learningRate, double momentum, boolean nesterov) {
    super("SGD", learningRate);
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(
          "SGD: momentum must be in [0, 1], but got momentum=" + momentum + ".");
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  /** Returns the momentum. */
  public double momentum() {
    return momentum;
  }

  /** Returns whether Nesterov momentum is used. */
  public boolean nesterov() {
    return nesterov;
  }

  @Override
  protected List<String> slotNames() {
    return momentum > 0 ? List.of("momentum") : List.of();
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    if (momentum == 0) {
      return tf.train.applyGradientDescent(variable, step.learningRate(), g);
    }
    Operand<TFloat32> mom = tf.constant((float) momentum);
    Operand<TFloat32> lrG = tf.math.mul(step.learningRate(), g);
    Operand<TFloat32> v = tf.assign(slots.get(0), tf.math.sub(tf.math.mul(mom, slots.get(0)), lrG));
    Operand<TFloat32> delta = nesterov ? tf.math.sub(tf.math.mul(mom, v), lrG) : v;
    return tf.assignAdd(variable, delta);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("decay", 0.0);
    config.put("momentum", momentum);
    config.put("nesterov", nesterov);
    return config;
  }
}
