package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Transposed 2-D convolution ("deconvolution"), as Keras's {@code Conv2DTranspose} (Keras 2 alias
 * {@code Convolution2DTranspose}): the gradient of a {@link Conv2D} with respect to its input, used to upsample
 * feature maps (U-Net decoders, GAN generators).
 *
 * <p>Input {@code (batch, rows, cols, channels)}; output {@code (batch, newRows, newCols, filters)} with Keras's
 * {@code deconv_output_length} per spatial axis ({@code dk = (k - 1) · dilation + 1}): without output padding,
 * valid {@code n · s + max(dk - s, 0)}, same {@code n · s}; with output padding {@code p},
 * {@code (n - 1) · s + dk - 2 · pad + p} where {@code pad} is 0 (valid) or {@code dk / 2} (same).
 * Weights: {@code kernel} of shape {@code (kh, kw, filters, channels)} (output before input, as Keras) and
 * {@code bias} {@code (filters)}. Defaults: strides 1, padding valid, no output padding, dilation 1, no activation,
 * bias on, kernel glorot_uniform, bias zeros, data format channels_last ({@code dataFormat("channels_first")} takes
 * and gives {@code (batch, channels, rows, cols)}; the weights keep their shapes).
 *
 * <pre>{@code
 * new Conv2DTranspose(32, 3).strides(2).padding("same")   // (None, 8, 8, c) -> (None, 16, 16, 32)
 * }</pre>
 */
public class Conv2DTranspose extends BaseConv2D<Conv2DTranspose> implements HasKernel<Conv2DTranspose> {
  private final int filters;
  private int[] outputPadding;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels
   * @param kernelSize one size for a square kernel, or (height, width)
   * @throws IllegalArgumentException if a value is not positive
   */
  public Conv2DTranspose(int filters, int... kernelSize) {
    super(kernelSize, "kernel");
    this.filters = positiveCount("filters", filters);
  }

  /** Returns the number of output channels. */
  public int filters() {
    return filters;
  }

  /**
   * Sets the strides (the upsampling factors); default 1. Each must be greater than its output padding.
   *
   * @throws IllegalArgumentException if a value is not positive or not greater than the output padding
   */
  @Override
  public Conv2DTranspose strides(int... strides) {
    super.strides(strides);
    checkOutputPadding();
    return this;
  }

  /**
   * Sets the extra rows and columns added to one side of the output; each must be smaller than its stride.
   * Default none ({@code null}: Keras's inferred length).
   *
   * @throws IllegalArgumentException if negative or not smaller than the stride
   */
  public Conv2DTranspose outputPadding(int... outputPadding) {
    checkNotBuilt("outputPadding");
    requireNonNull(outputPadding, "outputPadding");
    int[] p = switch (outputPadding.length) {
      case 1 -> new int[] {outputPadding[0], outputPadding[0]};
      case 2 -> outputPadding.clone();
      default -> throw new IllegalArgumentException(
          "Conv2DTranspose: outputPadding must be one or two integers, but got " + outputPadding.length
              + " values.");
    };
    if (p[0] < 0 || p[1] < 0) {
      throw new IllegalArgumentException(
          "Conv2DTranspose: outputPadding must be >= 0, but got outputPadding=(" + p[0] + ", " + p[1] + ").");
    }
    this.outputPadding = p;
    checkOutputPadding();
    return this;
  }

  private void checkOutputPadding() {
    if (outputPadding == null) {
      return;
    }
    int[] strides = strides();
    for (int i = 0; i < 2; i++) {
      if (strides[i] <= outputPadding[i]) {
        throw new IllegalArgumentException(
            "Conv2DTranspose: strides must be greater than outputPadding, but got strides=(" + strides[0] + ", "
                + strides[1] + ") and outputPadding=(" + outputPadding[0] + ", " + outputPadding[1] + ").");
      }
    }
  }

  /** Returns the output padding, or {@code null} for none. */
  public int[] outputPadding() {
    return outputPadding == null ? null : outputPadding.clone();
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    addKernel(ctx, "kernel", kernelShape(filters, checkedInputChannels(inputShape)));  // output before input
    buildBias(ctx, filters);
  }

  /** Keras's {@code deconv_output_length}. */
  static long outputLength(long input, int kernel, String padding, Integer outputPadding, int stride, int dilation) {
    if (input < 0) {
      return -1;
    }
    long dk = (long) (kernel - 1) * dilation + 1;
    if (outputPadding == null) {
      return padding.equals("valid") ? input * stride + Math.max(dk - stride, 0) : input * stride;
    }
    long pad = padding.equals("same") ? dk / 2 : 0;
    return (input - 1) * stride + dk - 2 * pad + outputPadding;
  }

  private long[] outputSize(Shape input) {
    int[] k = kernelSize();
    int[] s = strides();
    int[] d = dilationRate();
    Integer[] extra = outputPadding == null ? new Integer[2] : new Integer[] {outputPadding[0], outputPadding[1]};
    long rows = outputLength(input.size(1), k[0], padding(), extra[0], s[0], d[0]);
    long cols = outputLength(input.size(2), k[1], padding(), extra[1], s[1], d[1]);
    return new long[] {rows, cols};
  }

  @Override
  protected Operand<TFloat32> callChannelsLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long[] size = outputSize(x.shape());
    Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> outShape = tf.concat(
        List.of(batch, tf.constant(new int[] {(int) size[0], (int) size[1], filters})), tf.constant(0));
    Operand<TFloat32> y =
        tf.nn.conv2dBackpropInput(outShape, dilatedKernel(tf, kernel(), ctx), x, tfStrides(), tfPadding());
    // A reshape (which has a gradient, unlike EnsureShape) gives the output its static shape.
    y = tf.reshape(y, tf.constant(new long[] {-1, size[0], size[1], filters}));
    return biasAndActivation(tf, y, ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireImageInput(name(), inputShape);
    boolean first = dataFormat().equals(ConvUtils.CHANNELS_FIRST);
    Weight kernel = kernel();
    if (kernel != null && kernel.shape()[3] != inputShape.size(first ? 1 : 3)) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected axis " + (first ? 1 : -1) + " of input shape to have value " + kernel.shape()[3],
          first ? "(None, " + kernel.shape()[3] + ", rows, cols)" : "(None, rows, cols, " + kernel.shape()[3] + ")",
          inputShape);
    }
    return ConvUtils.inFormat(dataFormat(), inputShape, this::outputShapeLast);
  }

  private Shape outputShapeLast(Shape inputShape) {
    long[] size = outputSize(inputShape);
    if ((inputShape.size(1) >= 0 && size[0] <= 0) || (inputShape.size(2) >= 0 && size[1] <= 0)) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "the output would be empty", "larger rows and cols", inputShape);
    }
    return Shape.of(inputShape.size(0), size[0], size[1], filters);
  }

  /** Creates the layer from its Keras config. */
  public static Conv2DTranspose fromConfig(Map<String, Object> config) {
    String cls = "Conv2DTranspose";
    int[] kernelSize = configKernelSize(config, cls);
    Conv2DTranspose layer = new Conv2DTranspose(Configs.getInt(config, "filters", cls), kernelSize);
    layer.applyWindowConfig(config);
    int[] op = ConvUtils.configPair(config, "output_padding", cls, null);
    if (op != null) {
      layer.outputPadding(op);
    }
    return layer.applyKernelConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    putConvConfig(config, filters);
    config.put("output_padding", outputPadding == null ? null : ConvUtils.list(outputPadding));
    return config;
  }
}
