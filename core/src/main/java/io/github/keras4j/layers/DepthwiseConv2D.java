package io.github.keras4j.layers;

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
public class DepthwiseConv2D extends BaseDepthwiseConv2D<DepthwiseConv2D> {
  /** Creates the layer; one size for a square kernel or (height, width). */
  public DepthwiseConv2D(int... kernelSize) {
    super(kernelSize, "depthwise");
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    buildBias(ctx, buildDepthwise(ctx, inputShape));
  }

  @Override
  protected Operand<TFloat32> callChannelsLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return biasAndActivation(tf, depthwiseStep(tf, x, ctx), ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return windowOutputShape(
        inputShape, depthwiseKernel(), last -> last.numDimensions() == 4 ? last.size(3) * depthMultiplier() : -1);
  }

  /** Creates the layer from its Keras config. */
  public static DepthwiseConv2D fromConfig(Map<String, Object> config) {
    return new DepthwiseConv2D(configKernelSize(config, "DepthwiseConv2D")).applyDepthwiseConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putDepthwiseConfig(config, null);
    return config;
  }
}
