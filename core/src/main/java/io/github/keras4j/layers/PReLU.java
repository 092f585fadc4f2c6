package io.github.keras4j.layers;
import static java.util.Objects.requireNonNull;

import io.github.keras4j.constraints.Constraints;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Parametric rectified linear unit, as Keras's {@code PReLU}: {@code f(x) = x} for {@code x >= 0},
 * {@code alpha · x} otherwise, with a learned {@code alpha}.
 *
 * <p>Weight {@code alpha} of the input's sample shape {@code input_shape[1:]}, with size 1 along each of
 * {@code shared_axes} (1-based sample axes, e.g. {@code sharedAxes(1, 2)} shares one alpha per channel of an
 * image). Defaults: {@code alpha_initializer} zeros, no shared axes. Output shape = input shape.
 *
 * <pre>{@code
 * new PReLU().sharedAxes(1, 2)
 * }</pre>
 */
public class PReLU extends Layer {
  private Initializer alphaInitializer = Initializers.zeros();
  private int[] sharedAxes;
  private Weight alpha;

  /** Creates the layer: one alpha per input value, initialized to 0. */
  public PReLU() {}

  /**
   * Shares alpha along these axes (1-based, the batch axis is 0 and cannot be shared); default none.
   *
   * @throws IllegalArgumentException if an axis is not positive
   */
  public PReLU sharedAxes(int... axes) {
    checkNotBuilt("sharedAxes");
    requireNonNull(axes, "axes");
    for (int a : axes) {
      if (a <= 0) {
        throw new IllegalArgumentException(
            "PReLU: sharedAxes must be positive (1 is the first axis after the batch), but got sharedAxes="
                + Arrays.toString(axes) + ".");
      }
    }
    this.sharedAxes = axes.length == 0 ? null : axes.clone();
    return this;
  }

  /** Returns the shared axes, or {@code null} for none. */
  public int[] sharedAxes() {
    return sharedAxes == null ? null : sharedAxes.clone();
  }

  /** Sets the initializer of alpha; default zeros. */
  public PReLU alphaInitializer(Initializer initializer) {
    checkNotBuilt("alphaInitializer");
    this.alphaInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Returns the alpha weight, or {@code null} before the layer is built. */
  public Weight alpha() {
    return alpha;
  }

  @Override
  public PReLU name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public PReLU inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    long[] shape = Arrays.copyOfRange(inputShape.asArray(), 1, inputShape.numDimensions());
    if (sharedAxes != null) {
      for (int a : sharedAxes) {
        shape[a - 1] = 1;
      }
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IncompatibleShapeException(
            name(), "known sizes on every axis that is not shared", Shapes.format(inputShape),
            "Layer '" + name() + "' (PReLU) needs a known size on axis " + (i + 1) + " to create alpha, but got"
                + " input shape " + Shapes.format(inputShape) + "; share that axis with sharedAxes(" + (i + 1)
                + ").");
      }
    }
    alpha = ctx.addWeight("alpha", Shape.of(shape), alphaInitializer, true);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    // Keras: relu(x) - alpha * relu(-x).
    Operand<TFloat32> neg = tf.math.mul(ctx.read(alpha), tf.nn.relu(tf.math.neg(x)));
    return tf.math.sub(tf.nn.relu(x), neg);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (sharedAxes != null) {
      for (int a : sharedAxes) {
        if (a >= inputShape.numDimensions()) {
          throw new IncompatibleShapeException(
              name(), "an input with axis " + a, Shapes.format(inputShape),
              "Layer '" + name() + "' (PReLU): shared axis " + a + " does not exist in input shape "
                  + Shapes.format(inputShape) + ".");
        }
      }
    }
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static PReLU fromConfig(Map<String, Object> config) {
    PReLU layer = new PReLU();
    layer.alphaInitializer(Configs.getInitializer(config, "alpha_initializer", "PReLU", Initializers.zeros()));
    Object shared = config.get("shared_axes");
    if (shared != null) {
      layer.sharedAxes(Axes.fromConfig(config, "shared_axes", "PReLU", null));
    }
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("alpha_initializer", Dense.initializerConfig(alphaInitializer));
    config.put("alpha_regularizer", Regularizers.serialize(weightRegularizer("alpha")));
    config.put("alpha_constraint", Constraints.serialize(weightConstraint("alpha")));
    if (sharedAxes == null) {
      config.put("shared_axes", null);
    } else {
      List<Integer> axes = new ArrayList<>();
      for (int a : sharedAxes) {
        axes.add(a);
      }
      config.put("shared_axes", axes);
    }
    return config;
  }
}
