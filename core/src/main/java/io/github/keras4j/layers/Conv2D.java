package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution, as Keras's {@code Conv2D} (channels_last):
 * {@code output = activation(conv2d(input, kernel) + bias)}.
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, newRows, newCols, filters)} with
 * {@code new = floor((n - dilatedKernel) / stride) + 1} for {@code valid} padding and {@code ceil(n / stride)} for
 * {@code same}. Kernel shape {@code (kh, kw, channels, filters)}. Defaults: strides 1, padding valid, dilation 1,
 * no activation, bias on, kernel {@code glorot_uniform} (fans include the receptive field), bias {@code zeros}.
 *
 * <pre>{@code
 * new Conv2D(32, 3).activation("relu").padding("same").inputShape(224, 224, 3)
 * }</pre>
 */
public class Conv2D extends BaseConv2D<Conv2D> implements HasKernel<Conv2D> {
  private final int filters;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels; positive
   * @param kernelSize one size for a square kernel, or (height, width)
   */
  public Conv2D(int filters, int... kernelSize) {
    super(kernelSize, "kernel");
    this.filters = positiveCount("filters", filters);
  }

  /** Returns the number of filters. */
  public int filters() {
    return filters;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    addKernel(ctx, "kernel", kernelShape(checkedInputChannels(inputShape), filters));
    buildBias(ctx, filters);
  }

  @Override
  protected Operand<TFloat32> callChannelsLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return biasAndActivation(tf, tf.nn.conv2d(x, dilatedKernel(tf, kernel(), ctx), tfStrides(), tfPadding()), ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return windowOutputShape(inputShape, kernel(), last -> filters);
  }

  /** Creates the layer from its Keras config. */
  public static Conv2D fromConfig(Map<String, Object> config) {
    int[] kernelSize = configKernelSize(config, "Conv2D");
    return new Conv2D(Configs.getInt(config, "filters", "Conv2D"), kernelSize)
        .applyWindowConfig(config)
        .applyKernelConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putConvConfig(config, filters);
    return config;
  }
}
