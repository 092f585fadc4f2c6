package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A densely connected layer: {@code output = activation(dot(input, kernel) + bias)}, as Keras's {@code Dense}.
 *
 * <p>Input shape {@code (batch, …, inputDim)}; output shape {@code (batch, …, units)}. Defaults: no activation
 * (linear), bias on, kernel {@code glorot_uniform}, bias {@code zeros}.
 *
 * <pre>{@code
 * new Dense(16).inputShape(1).activation("relu")
 * }</pre>
 */
public class Dense extends Layer {
  private final int units;
  private ActivationFunction activation = Activations.LINEAR;
  private boolean useBias = true;
  private Initializer kernelInitializer = Initializers.glorotUniform();
  private Initializer biasInitializer = Initializers.zeros();
  private Weight kernel;
  private Weight bias;

  /**
   * Creates a Dense layer.
   *
   * @param units the output dimension; positive
   */
  public Dense(int units) {
    if (units <= 0) {
      throw new IllegalArgumentException(
          "Dense: units must be a positive integer, but got units=" + units + ".");
    }
    this.units = units;
  }

  /** Returns the output dimension. */
  public int units() {
    return units;
  }

  /** Returns the activation. */
  public ActivationFunction activation() {
    return activation;
  }

  /** Sets the activation by Keras name ({@code relu}, {@code softmax}, …); default linear. */
  public Dense activation(String name) {
    return activation(Activations.get(name));
  }

  /** Sets the activation. */
  public Dense activation(ActivationFunction activation) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(activation, "activation");
    return this;
  }

  /** Returns whether the layer adds a bias. */
  public boolean useBias() {
    return useBias;
  }

  /** Turns the bias on (default) or off. */
  public Dense useBias(boolean useBias) {
    checkNotBuilt("useBias");
    this.useBias = useBias;
    return this;
  }

  /** Returns the kernel initializer. */
  public Initializer kernelInitializer() {
    return kernelInitializer;
  }

  /** Sets the kernel initializer; default {@code glorot_uniform}. */
  public Dense kernelInitializer(Initializer initializer) {
    checkNotBuilt("kernelInitializer");
    this.kernelInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the kernel initializer by Keras name. */
  public Dense kernelInitializer(String name) {
    return kernelInitializer(Initializers.get(name));
  }

  /** Returns the bias initializer. */
  public Initializer biasInitializer() {
    return biasInitializer;
  }

  /** Sets the bias initializer; default {@code zeros}. */
  public Dense biasInitializer(Initializer initializer) {
    checkNotBuilt("biasInitializer");
    this.biasInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the bias initializer by Keras name. */
  public Dense biasInitializer(String name) {
    return biasInitializer(Initializers.get(name));
  }

  /** Sets the kernel's penalty added to the loss (Keras's {@code kernel_regularizer}); default none. */
  public Dense kernelRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    weightRegularizer("kernel", regularizer);
    return this;
  }

  /** Sets the bias's penalty added to the loss (Keras's {@code bias_regularizer}); default none. */
  public Dense biasRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    weightRegularizer("bias", regularizer);
    return this;
  }

  /** Sets the constraint applied to the kernel after each update (Keras's {@code kernel_constraint}). */
  public Dense kernelConstraint(io.github.keras4j.constraints.Constraint constraint) {
    weightConstraint("kernel", constraint);
    return this;
  }

  /** Sets the constraint applied to the bias after each update (Keras's {@code bias_constraint}). */
  public Dense biasConstraint(io.github.keras4j.constraints.Constraint constraint) {
    weightConstraint("bias", constraint);
    return this;
  }

  @Override
  public Dense activityRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    super.activityRegularizer(regularizer);
    return this;
  }

  @Override
  public Dense name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Dense inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Dense trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  /** Returns the kernel weight, or {@code null} before the layer is built. */
  public Weight kernel() {
    return kernel;
  }

  /** Returns the bias weight, or {@code null} if built without bias or not built. */
  public Weight bias() {
    return bias;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    long inputDim = inputShape.size(-1);
    kernel = ctx.addWeight("kernel", Shape.of(inputDim, units), kernelInitializer, true);
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(units), biasInitializer, true);
    }
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Shape in = x.shape();
    Operand<TFloat32> y;
    if (in.numDimensions() == 2) {
      y = tf.linalg.matMul(x, ctx.read(kernel));
    } else {
      long inputDim = kernel.shape()[0];
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inputDim}));
      Operand<TFloat32> product = tf.linalg.matMul(flat, ctx.read(kernel));
      Operand<org.tensorflow.types.TInt32> outShape =
          tf.concat(
              java.util.List.of(
                  tf.stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {-1}),
                      tf.constant(new int[] {1})),
                  tf.constant(new int[] {units})),
              tf.constant(0));
      y = tf.reshape(product, outShape);
    }
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.read(bias));
    }
    return activation.apply(tf, y);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 2) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected min_ndim=2", "(None, d)", inputShape);
    }
    long last = inputShape.size(-1);
    if (last <= 0) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "the last dimension of the inputs to a Dense layer should be defined", "(None, d)",
          inputShape);
    }
    if (kernel != null && kernel.shape()[0] != last) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected axis -1 of input shape to have value " + kernel.shape()[0],
          "(None, " + kernel.shape()[0] + ")", inputShape);
    }
    long[] dims = inputShape.asArray();
    dims[dims.length - 1] = units;
    return Shape.of(dims);
  }

  /** Creates a Dense layer from its Keras config. */
  public static Dense fromConfig(Map<String, Object> config) {
    Dense layer = new Dense(Configs.getInt(config, "units", "Dense"));
    layer.activation(Configs.getActivation(config, "activation", "Dense"));
    layer.useBias(Configs.getBoolean(config, "use_bias", "Dense", true));
    layer.kernelInitializer(
        Configs.getInitializer(config, "kernel_initializer", "Dense", Initializers.glorotUniform()));
    layer.biasInitializer(Configs.getInitializer(config, "bias_initializer", "Dense", Initializers.zeros()));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("units", units);
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    config.put("kernel_initializer", initializerConfig(kernelInitializer));
    config.put("bias_initializer", initializerConfig(biasInitializer));
    config.put("kernel_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("kernel")));
    config.put("bias_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("bias")));
    config.put("activity_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(activityRegularizer()));
    config.put("kernel_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("kernel")));
    config.put("bias_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("bias")));
    return config;
  }

  /** Returns {@code {"class_name": …, "config": {…}}} for an initializer, as Keras serializes it. */
  static Map<String, Object> initializerConfig(Initializer initializer) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("class_name", initializer.className());
    map.put("config", initializer.getConfig());
    return map;
  }
}
