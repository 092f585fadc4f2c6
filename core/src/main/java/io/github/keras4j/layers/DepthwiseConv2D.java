package io.github.keras4j.layers;

import io.github.keras4j.initializers.Initializer;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise 2-D convolution, as Keras's {@code DepthwiseConv2D}: each input channel is convolved with its own
 * {@code depthMultiplier} filters (MobileNet's building block).
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, newRows, newCols, channels *
 * depthMultiplier)}. Kernel {@code depthwise_kernel} of shape {@code (kh, kw, channels, depthMultiplier)}.
 * Defaults: strides 1, padding valid, depth multiplier 1, no activation, bias on.
 *
 * <pre>{@code
 * new DepthwiseConv2D(3).padding("same").useBias(false)
 * }</pre>
 */
public class DepthwiseConv2D extends BaseConv2D<DepthwiseConv2D> {
  private int depthMultiplier = 1;
  private Weight kernel;

  /** Creates the layer; one size for a square kernel or (height, width). */
  public DepthwiseConv2D(int... kernelSize) {
    super(kernelSize, "depthwise");
  }

  /**
   * Sets the number of filters per input channel; default 1.
   *
   * @throws IllegalArgumentException if not positive
   */
  public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
    checkNotBuilt("depthMultiplier");
    this.depthMultiplier = checkDepthMultiplier(depthMultiplier);
    return this;
  }

  /** Returns the depth multiplier. */
  public int depthMultiplier() {
    return depthMultiplier;
  }

  /** Returns the depthwise kernel initializer. */
  public Initializer depthwiseInitializer() {
    return weightInitializer("depthwise");
  }

  /** Sets the depthwise kernel initializer; default {@code glorot_uniform}. */
  public DepthwiseConv2D depthwiseInitializer(Initializer initializer) {
    return weightInitializer("depthwise", initializer);
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    long channels = checkedInputChannels(inputShape);
    int[] k = kernelSize();
    kernel = ctx.addWeight(
        "depthwise_kernel", Shape.of(k[0], k[1], channels, depthMultiplier), depthwiseInitializer(), true);
    buildBias(ctx, channels * depthMultiplier);
  }

  @Override
  protected Operand<TFloat32> callChannelsLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return biasAndActivation(
        tf, tf.nn.depthwiseConv2dNative(x, dilatedKernel(tf, kernel, ctx), tfStrides(), tfPadding()), ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return windowOutputShape(
        inputShape, kernel, last -> last.numDimensions() == 4 ? last.size(3) * depthMultiplier : -1);
  }

  /** Creates the layer from its Keras config. */
  public static DepthwiseConv2D fromConfig(Map<String, Object> config) {
    DepthwiseConv2D layer = new DepthwiseConv2D(configKernelSize(config, "DepthwiseConv2D")).applyWindowConfig(config);
    Object dm = config.get("depth_multiplier");
    layer.depthMultiplier(dm == null ? 1 : Configs.intOf(dm, "DepthwiseConv2D", "depth_multiplier"));
    return layer.applyKernelConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putConvConfig(config);
    config.put("depth_multiplier", depthMultiplier);
    return config;
  }
}
