package io.github.keras4j.layers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Base of the 2-D convolutions ({@link Conv2D}, {@link Conv2DTranspose}, {@link DepthwiseConv2D},
 * {@link SeparableConv2D}), as Keras 3's {@code BaseConv}: the window settings they share — kernel size, strides,
 * padding, data format, dilation rate — on top of {@link KernelLayer}'s activation and bias.
 *
 * <p>Input {@code (batch, rows, cols, channels)}, or {@code (batch, channels, rows, cols)} with
 * {@code channels_first}, computed by transposing to channels_last and back, as Keras does on CPU. Defaults:
 * strides 1, padding {@code valid}, data format {@code channels_last}, dilation 1. A subclass computes in
 * channels_last ({@link #callChannelsLast}).
 *
 * <pre>{@code
 * new Conv2D(32, 3).strides(2).padding("same").dataFormat("channels_first")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class BaseConv2D<L extends BaseConv2D<L>> extends KernelLayer<L> {
  private final int[] kernelSize;
  private int[] strides = {1, 1};
  private String padding = "valid";
  private String dataFormat = ConvUtils.CHANNELS_LAST;
  private int[] dilationRate = {1, 1};

  /**
   * Creates the layer.
   *
   * @param kernelSize one size for a square kernel, or (height, width); positive
   * @param kernelKeys the Keras config prefixes of the kernel weights (see {@link KernelLayer#KernelLayer})
   * @throws IllegalArgumentException if a size is not positive
   */
  protected BaseConv2D(int[] kernelSize, String... kernelKeys) {
    super(kernelKeys);
    this.kernelSize = ConvUtils.positivePair(className(), "kernelSize", kernelSize);
  }

  /** Returns (height, width) of the kernel. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** Returns the strides. */
  public int[] strides() {
    return strides.clone();
  }

  /**
   * Sets the strides (one value or two); default 1.
   *
   * @throws IllegalArgumentException if a value is not positive
   */
  public L strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair(className(), "strides", strides);
    return self();
  }

  /** Returns the padding, {@code valid} or {@code same}. */
  public String padding() {
    return padding;
  }

  /**
   * Sets the padding: {@code "valid"} (default) or {@code "same"}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public L padding(String padding) {
    this.padding = ConvUtils.padding(this, padding);
    return self();
  }

  /** Returns the data format: {@code channels_last} (default) or {@code channels_first}. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default; {@code (batch, rows, cols, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, rows, cols)}, computed by transposing to channels_last and
   * back, as Keras does on CPU); the weights keep their shapes.
   *
   * @throws IllegalArgumentException for any other value
   */
  public L dataFormat(String dataFormat) {
    this.dataFormat = ConvUtils.dataFormat(this, dataFormat);
    return self();
  }

  /** Returns the dilation rate. */
  public int[] dilationRate() {
    return dilationRate.clone();
  }

  /**
   * Sets the dilation rate (one value or two); default 1.
   *
   * @throws IllegalArgumentException if a value is not positive
   */
  public L dilationRate(int... rate) {
    checkNotBuilt("dilationRate");
    this.dilationRate = ConvUtils.positivePair(className(), "dilationRate", rate);
    return self();
  }

  /**
   * Checks strides against dilation (Keras refuses both above 1) and returns the input's channel count; call it
   * first in build.
   */
  protected final long checkedInputChannels(Shape inputShape) {
    ConvUtils.checkStridesAndDilation(className(), strides, dilationRate);
    return inputShape.size(dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? 1 : 3);
  }

  /** Returns a window kernel's shape {@code (kh, kw, in, out)}. */
  protected final Shape kernelShape(long in, long out) {
    return Shape.of(kernelSize[0], kernelSize[1], in, out);
  }

  /** Returns TF's strides {@code [1, sh, sw, 1]}. */
  protected final List<Long> tfStrides() {
    return List.of(1L, (long) strides[0], (long) strides[1], 1L);
  }

  /** Returns TF's padding name, {@code VALID} or {@code SAME}. */
  protected final String tfPadding() {
    return padding.toUpperCase(Locale.ROOT);
  }

  /** Returns the kernel dilated by the dilation rate (zeros between the taps), as the TF ops here need. */
  protected final Operand<TFloat32> dilatedKernel(Ops tf, Weight kernel, CallContext ctx) {
    return ConvUtils.dilateKernel(tf, ctx.read(kernel), kernel.shape(), dilationRate);
  }

  /** Runs {@link #callChannelsLast} in channels_last, transposing a channels_first input and output. */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callChannelsLast(tf, last, ctx));
  }

  /**
   * The forward pass on a channels_last input {@code (batch, rows, cols, channels)}.
   *
   * @param tf the ops
   * @param x the input, channels last
   * @param ctx the call context
   * @return the output, channels last
   */
  protected abstract Operand<TFloat32> callChannelsLast(Ops tf, Operand<TFloat32> x, CallContext ctx);

  /**
   * Returns the output shape of a windowed convolution with {@code channelsOut} output channels, in this layer's
   * data format.
   *
   * @param inputShape the input shape, in this layer's data format
   * @param kernel the built kernel whose axis 2 is the input channel count, or {@code null}
   * @param channelsOut the output channel count for a channels_last input shape
   */
  protected final Shape windowOutputShape(
      Shape inputShape, Weight kernel, java.util.function.ToLongFunction<Shape> channelsOut) {
    return ConvUtils.inFormat(dataFormat, inputShape, last -> ConvUtils.windowOutputShape(
        name(), last, kernelSize, padding, strides, dilationRate,
        "the kernel " + kernelSize[0] + "x" + kernelSize[1] + " with padding \"" + padding + "\"", kernel,
        channelsOut.applyAsLong(last)));
  }

  /** Reads the required {@code kernel_size} of a config. */
  static int[] configKernelSize(Map<String, Object> config, String cls) {
    int[] kernel = ConvUtils.configPair(config, "kernel_size", cls, null);
    if (kernel == null) {
      throw new IllegalArgumentException(cls + " config: missing required key 'kernel_size'.");
    }
    return kernel;
  }

  /**
   * Applies a Keras config's {@code strides}, {@code padding}, {@code dilation_rate} and {@code data_format} to
   * this new layer.
   *
   * @return this layer
   */
  protected final L applyWindowConfig(Map<String, Object> config) {
    String cls = className();
    strides(ConvUtils.configPair(config, "strides", cls, new int[] {1, 1}));
    padding(Configs.getString(config, "padding", cls, "valid"));
    dilationRate(ConvUtils.configPair(config, "dilation_rate", cls, new int[] {1, 1}));
    dataFormat(ConvUtils.configDataFormat(config, cls));
    return self();
  }

  /**
   * Puts Keras's {@code filters} (unless null), {@code kernel_size}, {@code strides}, {@code padding},
   * {@code data_format}, {@code dilation_rate}, {@code groups} (1), then {@link #putKernelConfig} into a config.
   */
  protected final void putConvConfig(Map<String, Object> config, Integer filters) {
    if (filters != null) {
      config.put("filters", filters);
    }
    ConvUtils.putWindowConfig(config, ConvUtils.list(kernelSize), ConvUtils.list(strides), padding, dataFormat,
        ConvUtils.list(dilationRate), 1);
    putKernelConfig(config);
  }
}
