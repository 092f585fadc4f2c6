package io.github.keras4j.optimizers;

import io.github.keras4j.initializers.Constant;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Follow The Regularized Leader, as Keras's {@code keras.optimizers.Ftrl}. With {@code p = -learning_rate_power}
 * and {@code l2' = l2 + beta / (2 lr)}:
 *
 * <pre>
 * g'     = g + 2 * l2_shrinkage * w
 * n'     = n + g^2                                        (n starts at initial_accumulator_value)
 * z      = z + g' - (n'^p - n^p) / lr * w
 * w      = (clip(z, -l1, l1) - z) / (n'^p / lr + 2 l2')
 * n      = n'
 * </pre>
 *
 * Defaults: learning rate 0.001, learning_rate_power -0.5, initial accumulator 0.1, l1 = l2 = l2_shrinkage = 0,
 * beta 0.
 *
 * <pre>{@code
 * model.compile(new Ftrl(0.1), "binary_crossentropy", "accuracy");
 * }</pre>
 */
public class Ftrl extends Optimizer {
  private final double learningRatePower;
  private final double initialAccumulatorValue;
  private final double l1;
  private final double l2;
  private final double l2Shrinkage;
  private final double beta;

  /** Creates Ftrl with Keras's defaults. */
  public Ftrl() {
    this(0.001);
  }

  /** Creates Ftrl with this learning rate. */
  public Ftrl(double learningRate) {
    this(learningRate, -0.5, 0.1, 0, 0, 0, 0);
  }

  /**
   * Creates Ftrl.
   *
   * @throws IllegalArgumentException for a positive learning_rate_power or a negative value of the others
   */
  public Ftrl(double learningRate, double learningRatePower, double initialAccumulatorValue, double l1, double l2,
      double l2Shrinkage, double beta) {
    super("Ftrl", learningRate);
    if (!(learningRatePower <= 0)) {
      throw new IllegalArgumentException("Ftrl: learning_rate_power must be <= 0, but got learning_rate_power="
          + learningRatePower + ".");
    }
    if (!(initialAccumulatorValue >= 0) || !(l1 >= 0) || !(l2 >= 0) || !(l2Shrinkage >= 0) || !(beta >= 0)) {
      throw new IllegalArgumentException("Ftrl: initial_accumulator_value, l1, l2, l2_shrinkage and beta must be"
          + " >= 0, but got " + initialAccumulatorValue + ", " + l1 + ", " + l2 + ", " + l2Shrinkage + ", " + beta
          + ".");
    }
    this.learningRatePower = learningRatePower;
    this.initialAccumulatorValue = initialAccumulatorValue;
    this.l1 = l1;
    this.l2 = l2;
    this.l2Shrinkage = l2Shrinkage;
    this.beta = beta;
  }

  @Override
  protected List<String> slotNames() {
    return List.of("accumulator", "linear");
  }

  @Override
  protected Initializer slotInitializer(int index) {
    return index == 0 ? new Constant(initialAccumulatorValue) : Initializers.zeros();
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> lr = step.learningRate();
    Operand<TFloat32> p = tf.constant((float) -learningRatePower);
    Operand<TFloat32> w = tf.identity(variable);
    Operand<TFloat32> accum = tf.identity(slots.get(0));
    Operand<TFloat32> l2Reg = tf.math.add(tf.constant((float) l2),
        tf.math.div(tf.constant((float) beta), tf.math.mul(tf.constant(2f), lr)));
    Operand<TFloat32> gradToUse = tf.math.add(g, tf.math.mul(tf.constant((float) (2 * l2Shrinkage)), w));
    Operand<TFloat32> newAccum = tf.math.add(accum, tf.math.square(g));
    Operand<TFloat32> linear = tf.assignAdd(slots.get(1), tf.math.sub(gradToUse,
        tf.math.mul(tf.math.div(tf.math.sub(tf.math.pow(newAccum, p), tf.math.pow(accum, p)), lr), w)));
    Operand<TFloat32> quadratic =
        tf.math.add(tf.math.div(tf.math.pow(newAccum, p), lr), tf.math.mul(tf.constant(2f), l2Reg));
    Operand<TFloat32> clipped = tf.clipByValue(linear, tf.constant((float) -l1), tf.constant((float) l1));
    Op setW = tf.assign(variable, tf.math.div(tf.math.sub(clipped, linear), quadratic));
    return tf.withControlDependencies(List.of(setW)).assign(slots.get(0), newAccum);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("learning_rate_power", learningRatePower);
    config.put("initial_accumulator_value", initialAccumulatorValue);
    config.put("l1_regularization_strength", l1);
    config.put("l2_regularization_strength", l2);
    config.put("l2_shrinkage_regularization_strength", l2Shrinkage);
    config.put("beta", beta);
    return config;
  }
}
