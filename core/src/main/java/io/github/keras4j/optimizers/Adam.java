package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam, as Keras 2.x's {@code keras.optimizers.Adam}. With {@code t} the step number (from 1):
 *
 * <pre>
 * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * m    = beta1 * m + (1 - beta1) * g
 * v    = beta2 * v + (1 - beta2) * g^2
 * w    = w - lr_t * m / (sqrt(v) + epsilon)            (amsgrad: sqrt(max(vhat, v)))
 * </pre>
 *
 * Defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * model.compile(new Adam(0.0001), "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public class Adam extends MomentOptimizer {
  private final boolean amsgrad;

  /** Creates Adam with Keras's defaults. */
  public Adam() {
    this(0.001);
  }

  /** Creates Adam with this learning rate and Keras's other defaults. */
  public Adam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-7, false);
  }

  /**
   * Creates Adam.
   *
   * @throws IllegalArgumentException if a beta is outside {@code [0, 1)} or epsilon is negative
   */
  public Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
    this("Adam", learningRate, beta1, beta2, epsilon, amsgrad);
  }

  /** For {@link AdamW}: Adam under another class name. */
  Adam(String name, double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad) {
    super(name, learningRate, beta1, beta2, epsilon);
    this.amsgrad = amsgrad;
  }

  /** Returns whether the AMSGrad variant is used. */
  public boolean amsgrad() {
    return amsgrad;
  }

  @Override
  protected List<String> slotNames() {
    return amsgrad ? List.of("m", "v", "vhat") : List.of("m", "v");
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    // The constants and powers without the update's control dependencies (they need none: the powers wait for the
    // step number they read), so one node of each serves every weight and every step of a multi-step block.
    Ops free = tf.withControlDependencies(List.of());
    Operand<TFloat32> b1 = free.constant((float) beta1());
    Operand<TFloat32> b2 = free.constant((float) beta2());
    Operand<TFloat32> b1Power = free.math.pow(b1, step.localStep());
    Operand<TFloat32> b2Power = free.math.pow(b2, step.localStep());
    if (!amsgrad) {
      return tf.train.applyAdam(
          variable, slots.get(0), slots.get(1), b1Power, b2Power, step.learningRate(), b1, b2,
          free.constant((float) epsilon()), g);
    }
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> lrT =
        tf.math.div(
            tf.math.mul(step.learningRate(), tf.math.sqrt(tf.math.sub(one, b2Power))), tf.math.sub(one, b1Power));
    Operand<TFloat32> m = updateFirstMoment(tf, slots.get(0), g);
    Operand<TFloat32> v = updateSecondMoment(tf, slots.get(1), g);
    Operand<TFloat32> vhat = tf.assign(slots.get(2), tf.math.maximum(slots.get(2), v));
    Operand<TFloat32> update =
        tf.math.div(tf.math.mul(lrT, m), tf.math.add(tf.math.sqrt(vhat), tf.constant((float) epsilon())));
    return tf.assignSub(variable, update);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("decay", 0.0);
    putMoments(config);
    config.put("amsgrad", amsgrad);
    return config;
  }
}
