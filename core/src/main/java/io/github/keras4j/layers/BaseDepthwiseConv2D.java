package io.github.keras4j.layers;

import io.github.keras4j.initializers.Initializer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Base of the 2-D convolutions that start with a depthwise step ({@link DepthwiseConv2D},
 * {@link SeparableConv2D}): each input channel convolved with its own {@code depthMultiplier} filters through the
 * {@code depthwise_kernel} {@code (kh, kw, channels, depthMultiplier)}. Defaults: depth multiplier 1, depthwise
 * kernel {@code glorot_uniform}; the window settings as {@link BaseConv2D}.
 *
 * <pre>{@code
 * new DepthwiseConv2D(3).depthMultiplier(2).padding("same")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class BaseDepthwiseConv2D<L extends BaseDepthwiseConv2D<L>> extends BaseConv2D<L> {
  private int depthMultiplier = 1;

  /**
   * Creates the layer.
   *
   * @param kernelSize one size for a square kernel, or (height, width); positive
   * @param kernelKeys the Keras config prefixes of the kernel weights, {@code "depthwise"} first
   * @throws IllegalArgumentException if a size is not positive
   */
  protected BaseDepthwiseConv2D(int[] kernelSize, String... kernelKeys) {
    super(kernelSize, kernelKeys);
  }

  /** Returns the depth multiplier. */
  public int depthMultiplier() {
    return depthMultiplier;
  }

  /**
   * Sets the number of depthwise filters per input channel; default 1.
   *
   * @throws IllegalArgumentException if not positive
   */
  public L depthMultiplier(int depthMultiplier) {
    checkNotBuilt("depthMultiplier");
    if (depthMultiplier <= 0) {
      throw new IllegalArgumentException(
          className() + ": depthMultiplier must be positive, but got depthMultiplier=" + depthMultiplier + ".");
    }
    this.depthMultiplier = depthMultiplier;
    return self();
  }

  /** Returns the depthwise kernel initializer. */
  public Initializer depthwiseInitializer() {
    return weightInitializer("depthwise");
  }

  /** Sets the depthwise kernel initializer; default {@code glorot_uniform}. */
  public L depthwiseInitializer(Initializer initializer) {
    return weightInitializer("depthwise", initializer);
  }

  /** Returns the depthwise kernel {@code (kh, kw, channels, depthMultiplier)}, or {@code null} before build. */
  public Weight depthwiseKernel() {
    return kernelWeight("depthwise");
  }

  /**
   * Creates the depthwise kernel for an input shape; call it first in build.
   *
   * @return the channel count after the depthwise step, {@code channels · depthMultiplier}
   */
  protected final long buildDepthwise(BuildContext ctx, Shape inputShape) {
    long channels = checkedInputChannels(inputShape);
    addKernel(ctx, "depthwise", kernelShape(channels, depthMultiplier));
    return channels * depthMultiplier;
  }

  /** Returns the depthwise step on a channels_last input. */
  protected final Operand<TFloat32> depthwiseStep(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return tf.nn.depthwiseConv2dNative(x, dilatedKernel(tf, depthwiseKernel(), ctx), tfStrides(), tfPadding());
  }

  /**
   * Applies the window settings, {@code depth_multiplier} and then {@link #applyKernelConfig} of a Keras config.
   *
   * @return this layer
   */
  protected final L applyDepthwiseConfig(Map<String, Object> config) {
    applyWindowConfig(config);
    Object dm = config.get("depth_multiplier");
    depthMultiplier(dm == null ? 1 : Configs.intOf(dm, className(), "depth_multiplier"));
    return applyKernelConfig(config);
  }

  /** Puts {@link #putConvConfig} and {@code depth_multiplier} into a config. */
  protected final void putDepthwiseConfig(Map<String, Object> config, Integer filters) {
    putConvConfig(config, filters);
    config.put("depth_multiplier", depthMultiplier);
  }
}
