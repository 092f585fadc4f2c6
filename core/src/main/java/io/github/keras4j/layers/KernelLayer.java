package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.constraints.Constraint;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Base of the layers that compute {@code output = activation(op(input, kernels) + bias)}: {@link Dense} and the
 * convolutions. It holds what they share: the activation, the optional bias (its initializer, regularizer and
 * constraint), the initializers of the kernel weights by their Keras config prefix ({@code kernel},
 * {@code depthwise}, {@code pointwise}), and the Keras config keys of all of these.
 *
 * <p>Defaults, as Keras: no activation (linear), bias on, every kernel {@code glorot_uniform}, bias {@code zeros}, no
 * regularizers or constraints. {@code L} is the concrete layer class, so that chained setters keep its type:
 *
 * <pre>{@code
 * Conv2D conv = new Conv2D(32, 3).activation("relu").useBias(false).padding("same");
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class KernelLayer<L extends KernelLayer<L>> extends FluentLayer<L> {
  private final Map<String, Initializer> kernelInitializers = new LinkedHashMap<>();
  private final Map<String, Weight> kernels = new LinkedHashMap<>();
  private ActivationFunction activation = Activations.LINEAR;
  private boolean useBias = true;
  private Initializer biasInitializer = Initializers.zeros();
  private Weight bias;

  /**
   * Creates the layer.
   *
   * @param kernelKeys the Keras config prefixes of the layer's kernel weights, in Keras's order (e.g.
   *     {@code "kernel"}, or {@code "depthwise", "pointwise"}); each starts as {@code glorot_uniform}
   */
  protected KernelLayer(String... kernelKeys) {
    for (String key : kernelKeys) {
      kernelInitializers.put(requireNonNull(key, "kernelKeys"), Initializers.glorotUniform());
    }
  }

  /** Returns the activation. */
  public ActivationFunction activation() {
    return activation;
  }

  /** Sets the activation by Keras name ({@code relu}, {@code softmax}, …); default linear. */
  public L activation(String name) {
    return activation(Activations.get(name));
  }

  /**
   * Sets the activation; default linear.
   *
   * @throws IllegalStateException once the layer is built
   */
  public L activation(ActivationFunction activation) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(activation, "activation");
    return self();
  }

  /** Returns whether the layer adds a bias. */
  public boolean useBias() {
    return useBias;
  }

  /**
   * Turns the bias on (default) or off.
   *
   * @throws IllegalStateException once the layer is built
   */
  public L useBias(boolean useBias) {
    checkNotBuilt("useBias");
    this.useBias = useBias;
    return self();
  }

  /** Returns the bias initializer. */
  public Initializer biasInitializer() {
    return biasInitializer;
  }

  /**
   * Sets the bias initializer; default {@code zeros}.
   *
   * @throws IllegalStateException once the layer is built
   */
  public L biasInitializer(Initializer initializer) {
    checkNotBuilt("biasInitializer");
    this.biasInitializer = requireNonNull(initializer, "initializer");
    return self();
  }

  /** Sets the bias initializer by Keras name. */
  public L biasInitializer(String name) {
    return biasInitializer(Initializers.get(name));
  }

  /**
   * Returns the initializer of a kernel weight by its Keras config prefix ({@code kernel} for
   * {@code kernel_initializer}).
   *
   * @throws IllegalArgumentException if the layer has no kernel of that name
   */
  public Initializer weightInitializer(String key) {
    return kernelInitializers.get(kernelKey(key));
  }

  /**
   * Sets the initializer of a kernel weight by its Keras config prefix: {@code "kernel"} for
   * {@code kernel_initializer}, {@code "depthwise"} for {@code depthwise_initializer}. The layers expose typed
   * setters ({@code Dense.kernelInitializer}) that call this.
   *
   * @throws IllegalArgumentException if the layer has no kernel of that name
   * @throws IllegalStateException once the layer is built
   */
  public L weightInitializer(String key, Initializer initializer) {
    kernelKey(key);
    checkNotBuilt(key + "Initializer");
    kernelInitializers.put(key, requireNonNull(initializer, "initializer"));
    return self();
  }

  private String kernelKey(String key) {
    if (!kernelInitializers.containsKey(requireNonNull(key, "key"))) {
      throw new IllegalArgumentException(
          className() + ": no kernel weight '" + key + "'; the kernels are " + kernelInitializers.keySet() + ".");
    }
    return key;
  }

  @Override
  public L weightRegularizer(String key, Regularizer regularizer) {
    super.weightRegularizer(key, regularizer);
    return self();
  }

  @Override
  public L weightConstraint(String key, Constraint constraint) {
    super.weightConstraint(key, constraint);
    return self();
  }

  /**
   * Returns a kernel weight by its Keras config prefix ({@code kernel}, {@code depthwise}, …), or {@code null}
   * before the layer is built.
   *
   * @throws IllegalArgumentException if the layer has no kernel of that name
   */
  public Weight kernelWeight(String key) {
    return kernels.get(kernelKey(key));
  }

  /** Returns the bias weight, or {@code null} before the layer is built or when it has no bias. */
  public Weight bias() {
    return bias;
  }

  /** Sets the bias's penalty added to the loss (Keras's {@code bias_regularizer}); default none. */
  public L biasRegularizer(Regularizer regularizer) {
    return weightRegularizer("bias", regularizer);
  }

  /** Sets the constraint applied to the bias after each update (Keras's {@code bias_constraint}). */
  public L biasConstraint(Constraint constraint) {
    return weightConstraint("bias", constraint);
  }

  /**
   * Creates a kernel weight with its initializer, named as Keras names it ({@code kernel},
   * {@code depthwise_kernel}, {@code pointwise_kernel}); call it from build.
   *
   * @param key the kernel's Keras config prefix
   * @param shape the kernel's shape
   * @return the weight
   */
  protected final Weight addKernel(BuildContext ctx, String key, Shape shape) {
    Weight kernel = ctx.addWeight(
        key.equals("kernel") ? key : key + "_kernel", shape, weightInitializer(key), true);
    kernels.put(key, kernel);
    return kernel;
  }

  /** Creates the {@code bias} weight of {@code size} values if the layer uses a bias; call it from build. */
  protected final void buildBias(BuildContext ctx, long size) {
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(size), biasInitializer, true);
    }
  }

  /** Returns {@code activation(y + bias)}, or {@code activation(y)} without bias. */
  protected final Operand<TFloat32> biasAndActivation(Ops tf, Operand<TFloat32> y, CallContext ctx) {
    Operand<TFloat32> out = bias == null ? y : tf.nn.biasAdd(y, ctx.read(bias));
    return activation.apply(tf, out);
  }

  /**
   * Applies a Keras config's {@code activation}, {@code use_bias}, kernel and bias initializers, and then the
   * settings every layer shares (name, trainable, input shape, regularizers, constraints) to this new layer.
   *
   * @return this layer
   * @throws IllegalArgumentException naming the layer and key for a malformed value
   */
  protected final L applyKernelConfig(Map<String, Object> config) {
    String cls = className();
    activation(Configs.getActivation(config, "activation", cls));
    useBias(Configs.getBoolean(config, "use_bias", cls, true));
    for (String key : kernelInitializers.keySet()) {
      weightInitializer(
          key, Configs.getInitializer(config, key + "_initializer", cls, Initializers.glorotUniform()));
    }
    biasInitializer(Configs.getInitializer(config, "bias_initializer", cls, Initializers.zeros()));
    return Configs.applyCommon(self(), config);
  }

  /**
   * Puts Keras's {@code activation}, {@code use_bias}, {@code <kernel>_initializer}, {@code bias_initializer}, the
   * regularizers ({@code activity_regularizer} included) and the constraints, in Keras's order, into a config.
   */
  protected final void putKernelConfig(Map<String, Object> config) {
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    for (Map.Entry<String, Initializer> e : kernelInitializers.entrySet()) {
      config.put(e.getKey() + "_initializer", Dense.initializerConfig(e.getValue()));
    }
    config.put("bias_initializer", Dense.initializerConfig(biasInitializer));
    List<String> keys = new ArrayList<>(kernelInitializers.keySet());
    keys.add("bias");
    putRegularizerConfigs(config, keys.toArray(String[]::new));
  }

  /**
   * Validates a filter (or unit) count.
   *
   * @param what the argument's name, e.g. {@code filters}
   * @return the count
   * @throws IllegalArgumentException if it is not positive
   */
  protected final int positiveCount(String what, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException(
          className() + ": " + what + " must be a positive integer, but got " + what + "=" + count + ".");
    }
    return count;
  }
}
