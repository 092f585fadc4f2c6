package io.github.keras4j.optimizers;

import io.github.keras4j.initializers.Constant;
import io.github.keras4j.initializers.Initializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adagrad, as Keras's {@code keras.optimizers.Adagrad}:
 *
 * <pre>
 * accumulator = accumulator + g^2          (starts at initial_accumulator_value)
 * w = w - lr * g / sqrt(accumulator + epsilon)
 * </pre>
 *
 * Defaults: learning rate 0.001, initial accumulator value 0.1, epsilon 1e-7.
 *
 * <pre>{@code
 * model.compile(new Adagrad(0.01), "mse");
 * }</pre>
 */
public class Adagrad extends Optimizer {
  private final double initialAccumulatorValue;
  private final double epsilon;

  /** Creates Adagrad with Keras's defaults. */
  public Adagrad() {
    this(0.001);
  }

  /** Creates Adagrad with this learning rate. */
  public Adagrad(double learningRate) {
    this(learningRate, 0.1, 1e-7);
  }

  /**
   * Creates Adagrad.
   *
   * @throws IllegalArgumentException if the initial accumulator value or epsilon is negative
   */
  public Adagrad(double learningRate, double initialAccumulatorValue, double epsilon) {
    super("Adagrad", learningRate);
    if (!(initialAccumulatorValue >= 0) || !(epsilon >= 0)) {
      throw new IllegalArgumentException("Adagrad: initial_accumulator_value and epsilon must be >= 0, but got"
          + " initial_accumulator_value=" + initialAccumulatorValue + ", epsilon=" + epsilon + ".");
    }
    this.initialAccumulatorValue = initialAccumulatorValue;
    this.epsilon = epsilon;
  }

  @Override
  protected List<String> slotNames() {
    return List.of("accumulator");
  }

  @Override
  protected Initializer slotInitializer(int index) {
    return new Constant(initialAccumulatorValue);
  }

  @Override
  public Op applyDense(
      Ops tf, Operand<TFloat32> variable, Operand<TFloat32> g, List<Operand<TFloat32>> slots, Step step) {
    Operand<TFloat32> acc = tf.assignAdd(slots.get(0), tf.math.square(g));
    return tf.assignSub(variable, tf.math.div(tf.math.mul(step.learningRate(), g),
        tf.math.sqrt(tf.math.add(acc, tf.constant((float) epsilon)))));
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("initial_accumulator_value", initialAccumulatorValue);
    config.put("epsilon", epsilon);
    return config;
  }
}
