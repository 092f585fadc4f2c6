package io.github.keras4j.layers;

import io.github.keras4j.initializers.Initializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise separable 2-D convolution, as Keras's {@code SeparableConv2D} (Keras 2 alias
 * {@code SeparableConvolution2D}; Xception's building block): a depthwise convolution (each input channel with its
 * own {@code depthMultiplier} filters), then a 1×1 pointwise convolution mixing the channels into {@code filters}
 * outputs, then the bias and the activation.
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, newRows, newCols, filters)}, sizes as
 * {@link Conv2D}. Weights, in Keras's order: {@code depthwise_kernel} {@code (kh, kw, channels, depthMultiplier)},
 * {@code pointwise_kernel} {@code (1, 1, channels · depthMultiplier, filters)}, {@code bias} {@code (filters)}.
 * Defaults: strides 1, padding valid, dilation 1, depth multiplier 1, no activation, bias on, both kernels
 * glorot_uniform, bias zeros, data format channels_last ({@code dataFormat("channels_first")} takes and gives
 * {@code (batch, channels, rows, cols)}; the weights keep their shapes).
 *
 * <pre>{@code
 * new SeparableConv2D(128, 3).padding("same").useBias(false)
 * }</pre>
 */
public class SeparableConv2D extends BaseDepthwiseConv2D<SeparableConv2D> {
  private final int filters;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels
   * @param kernelSize one size for a square kernel, or (height, width)
   * @throws IllegalArgumentException if a value is not positive
   */
  public SeparableConv2D(int filters, int... kernelSize) {
    super(kernelSize, "depthwise", "pointwise");
    this.filters = positiveCount("filters", filters);
  }

  /** Returns the number of output channels. */
  public int filters() {
    return filters;
  }

  /** Sets the pointwise kernel initializer; default {@code glorot_uniform}. */
  public SeparableConv2D pointwiseInitializer(Initializer initializer) {
    return weightInitializer("pointwise", initializer);
  }

  /** Returns the pointwise kernel initializer. */
  public Initializer pointwiseInitializer() {
    return weightInitializer("pointwise");
  }

  /** Returns the pointwise kernel {@code (1, 1, channels · depthMultiplier, filters)}, or {@code null} before build. */
  public Weight pointwiseKernel() {
    return kernelWeight("pointwise");
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    long depthwiseChannels = buildDepthwise(ctx, inputShape);
    addKernel(ctx, "pointwise", Shape.of(1, 1, depthwiseChannels, filters));
    buildBias(ctx, filters);
  }

  @Override
  protected Operand<TFloat32> callChannelsLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> y = depthwiseStep(tf, x, ctx);
    y = tf.nn.conv2d(y, ctx.read(pointwiseKernel()), List.of(1L, 1L, 1L, 1L), "VALID");
    return biasAndActivation(tf, y, ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return windowOutputShape(inputShape, depthwiseKernel(), last -> filters);
  }

  /** Creates the layer from its Keras config (tf.keras 2.x or Keras 3). */
  public static SeparableConv2D fromConfig(Map<String, Object> config) {
    int[] kernelSize = configKernelSize(config, "SeparableConv2D");
    return new SeparableConv2D(Configs.getInt(config, "filters", "SeparableConv2D"), kernelSize)
        .applyDepthwiseConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putDepthwiseConfig(config, filters);
    return config;
  }
}
