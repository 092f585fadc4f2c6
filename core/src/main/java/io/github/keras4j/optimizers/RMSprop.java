package io.github.keras4j.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RMSprop, as Keras 2.x's {@code keras.optimizers.RMSprop}:
 *
 * <pre>
 * rms = rho * rms + (1 - rho) * g^2
 * mg  = rho * mg + (1 - rho) * g                          (centered only; denominator rms - mg^2)
 * w   = w - lr * g / (sqrt(rms) + epsilon)
 * momentum > 0:  mom = momentum * mom + lr * g / sqrt(rms + epsilon);  w = w - mom
 * </pre>
 *
 * Defaults: learning rate 0.001, rho 0.9, momentum 0, epsilon 1e-7, centered false.
 */
public class RMSprop extends Optimizer {
  private final double rho;
  private final double momentum;
  private final double epsilon;
  private final boolean centered;

  /** Creates RMSprop with Keras's defaults. */
  public RMSprop() {
    this(0.001);
  }

  /** Creates RMSprop with this learning rate and Keras's other defaults. */
  public RMSprop(double learningRate) {
    this(learningRate, 0.9, 0.0, 1e-7, false);
  }

  /**
   * Creates RMSprop.
   *
   * @throws IllegalArgumentException if rho or momentum is outside {@code [0, 1]} or epsilon is negative
   */
  public RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
    super("RMSprop", learningRate);
    if (!(rho >= 0 && rho <= 1)) {
      throw new IllegalArgumentException("RMSprop: rho must be in [0, 1], but got rho=" + rho + ".");
    }
    if (!(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(
          "RMSprop: momentum must be in [0, 1], but got momentum=" + momentum + ".");
    }
    if (!(epsilon >= 0)) {
      throw new IllegalArgumentException("RMSprop: epsilon must be >= 0, but got epsilon=" + epsilon + ".");
    }
    this.rho = rho;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  /** Returns rho. */
  public double rho() {
    return rho;
  }

  /** Returns the momentum. */
  public double momentum() {
    return momentum;
  }

  /** Returns epsilon. */
  public double epsilon() {
    return epsilon;
  }

  /** Returns whether the centered variant is used. */
  public boolean centered() {
    return centered;
  }

  @Override
  protected List<String> slotNames() {
    List<String> names = new ArrayList<>(List.of("rms"));
    if (momentum > 0) {
      names.add("momentum");
    }
    if (centered) {
      names.add("mg");
    }
    return names;
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> r = tf.constant((float) rho);
    Operand<TFloat32> oneMinusRho = tf.constant((float) (1 - rho));
    Operand<TFloat32> rms =
        tf.assign(slots.get(0), tf.math.add(tf.math.mul(r, slots.get(0)), tf.math.mul(oneMinusRho, tf.math.square(g))));
    Operand<TFloat32> denom = rms;
    if (centered) {
      Operand<TFloat32> mgVar = slots.get(momentum > 0 ? 2 : 1);
      Operand<TFloat32> mg = tf.assign(mgVar, tf.math.add(tf.math.mul(r, mgVar), tf.math.mul(oneMinusRho, g)));
      denom = tf.math.sub(rms, tf.math.square(mg));
    }
    Operand<TFloat32> eps = tf.constant((float) epsilon);
    if (momentum > 0) {
      // Keras uses TensorFlow's (centered_)rms_prop kernels here: epsilon inside the square root.
      Operand<TFloat32> stepValue =
          tf.math.div(tf.math.mul(step.learningRate(), g), tf.math.sqrt(tf.math.add(denom, eps)));
      Operand<TFloat32> mom =
          tf.assign(slots.get(1), tf.math.add(tf.math.mul(tf.constant((float) momentum), slots.get(1)), stepValue));
      return tf.assignSub(variable, mom);
    }
    Operand<TFloat32> stepValue =
        tf.math.div(tf.math.mul(step.learningRate(), g), tf.math.add(tf.math.sqrt(denom), eps));
    return tf.assignSub(variable, stepValue);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("decay", 0.0);
    config.put("rho", rho);
    config.put("momentum", momentum);
    config.put("epsilon", epsilon);
    config.put("centered", centered);
    return config;
  }
}
