package io.github.keras4j.activations;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The built-in activations, by constant or by Keras name.
 *
 * <pre>{@code
 * new Dense(16).activation(Activations.RELU);
 * new Dense(2).activation("softmax");
 * }</pre>
 */
public final class Activations {
  /** {@code linear}: the identity; Keras's default. */
  public static final ActivationFunction LINEAR = of("linear", (tf, x) -> x);
  /** {@code relu}: {@code max(x, 0)}. */
  public static final ActivationFunction RELU = of("relu", (tf, x) -> tf.nn.relu(x));
  /** {@code relu6}: {@code min(max(x, 0), 6)}. */
  public static final ActivationFunction RELU6 = of("relu6", (tf, x) -> tf.nn.relu6(x));
  /** {@code softmax} over the last axis. */
  public static final ActivationFunction SOFTMAX = of("softmax", (tf, x) -> tf.nn.softmax(x));
  /** {@code sigmoid}: {@code 1 / (1 + exp(-x))}. */
  public static final ActivationFunction SIGMOID = of("sigmoid", (tf, x) -> tf.math.sigmoid(x));
  /** {@code tanh}. */
  public static final ActivationFunction TANH = of("tanh", (tf, x) -> tf.math.tanh(x));
  /** {@code elu} with alpha 1. */
  public static final ActivationFunction ELU = of("elu", (tf, x) -> tf.nn.elu(x));
  /** {@code selu}. */
  public static final ActivationFunction SELU = of("selu", (tf, x) -> tf.nn.selu(x));
  /** {@code softplus}: {@code log(exp(x) + 1)}. */
  public static final ActivationFunction SOFTPLUS = of("softplus", (tf, x) -> tf.math.softplus(x));

  private static final List<ActivationFunction> ALL =
      List.of(LINEAR, RELU, RELU6, SOFTMAX, SIGMOID, TANH, ELU, SELU, SOFTPLUS);

  private Activations() {}

  /**
   * Returns the activation Keras knows by this name; {@code null} means {@code linear}, as in Keras.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static ActivationFunction get(String name) {
    if (name == null) {
      return LINEAR;
    }
    String key = name.toLowerCase(Locale.ROOT);
    for (ActivationFunction f : ALL) {
      if (f.name().equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "Unknown activation function: '" + name + "'. Valid names: " + names() + ".");
  }

  /** Returns the names of the built-in activations. */
  public static List<String> names() {
    return ALL.stream().map(ActivationFunction::name).toList();
  }

  private static ActivationFunction of(
      String name, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> fn) {
    Objects.requireNonNull(fn);
    return new ActivationFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        return fn.apply(tf, x);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
