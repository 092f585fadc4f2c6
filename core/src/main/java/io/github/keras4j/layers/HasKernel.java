package io.github.keras4j.layers;

import io.github.keras4j.constraints.Constraint;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.Regularizer;

/**
 * The settings of a layer's main weight, Keras's {@code kernel}: its initializer, regularizer and constraint
 * ({@code kernel_initializer}, {@code kernel_regularizer}, {@code kernel_constraint}). {@link Dense}, {@link Conv1D},
 * {@link Conv2D} and {@link Conv2DTranspose} have it; the depthwise convolutions name their kernels differently.
 *
 * <pre>{@code
 * new Dense(64).kernelInitializer("he_normal").kernelRegularizer(new L2(1e-4))
 * }</pre>
 *
 * @param <L> the concrete layer class, returned by the setters
 */
public interface HasKernel<L extends KernelLayer<L>> {
  /**
   * Returns the initializer of a kernel weight by its Keras config prefix; see
   * {@link KernelLayer#weightInitializer(String)}.
   *
   * @param key the prefix, e.g. {@code kernel}
   * @return the initializer
   */
  Initializer weightInitializer(String key);

  /**
   * Sets the initializer of a kernel weight by its Keras config prefix; see
   * {@link KernelLayer#weightInitializer(String, Initializer)}.
   *
   * @param key the prefix, e.g. {@code kernel}
   * @param initializer the initializer
   * @return this layer
   */
  L weightInitializer(String key, Initializer initializer);

  /**
   * Sets the regularizer of a weight by its Keras config prefix; see {@link Layer#weightRegularizer(String,
   * Regularizer)}.
   *
   * @param key the prefix, e.g. {@code kernel}
   * @param regularizer the regularizer, or {@code null} for none
   * @return this layer
   */
  L weightRegularizer(String key, Regularizer regularizer);

  /**
   * Sets the constraint of a weight by its Keras config prefix; see {@link Layer#weightConstraint(String,
   * Constraint)}.
   *
   * @param key the prefix, e.g. {@code kernel}
   * @param constraint the constraint, or {@code null} for none
   * @return this layer
   */
  L weightConstraint(String key, Constraint constraint);

  /**
   * Returns a kernel weight by its Keras config prefix; see {@link KernelLayer#kernelWeight(String)}.
   *
   * @param key the prefix, e.g. {@code kernel}
   * @return the weight, or {@code null} before the layer is built
   */
  Weight kernelWeight(String key);

  /** Returns the kernel weight, or {@code null} before the layer is built. */
  default Weight kernel() {
    return kernelWeight("kernel");
  }

  /** Returns the kernel initializer. */
  default Initializer kernelInitializer() {
    return weightInitializer("kernel");
  }

  /**
   * Sets the kernel initializer; default {@code glorot_uniform}.
   *
   * @throws IllegalStateException once the layer is built
   */
  default L kernelInitializer(Initializer initializer) {
    return weightInitializer("kernel", initializer);
  }

  /** Sets the kernel initializer by Keras name ({@code he_normal}, {@code glorot_uniform}, …). */
  default L kernelInitializer(String name) {
    return kernelInitializer(Initializers.get(name));
  }

  /** Sets the kernel's penalty added to the loss (Keras's {@code kernel_regularizer}); default none. */
  default L kernelRegularizer(Regularizer regularizer) {
    return weightRegularizer("kernel", regularizer);
  }

  /** Sets the constraint applied to the kernel after each update (Keras's {@code kernel_constraint}). */
  default L kernelConstraint(Constraint constraint) {
    return weightConstraint("kernel", constraint);
  }
}
