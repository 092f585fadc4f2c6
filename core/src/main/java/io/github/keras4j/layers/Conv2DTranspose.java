package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
import java.util.Locale;
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
public class Conv2DTranspose extends Layer {
  private final int filters;
  private final int[] kernelSize;
  private int[] strides = {1, 1};
  private String padding = "valid";
  private int[] outputPadding;
  private int[] dilationRate = {1, 1};
  private String dataFormat = ConvUtils.CHANNELS_LAST;
  private ActivationFunction activation = Activations.LINEAR;
  private boolean useBias = true;
  private Initializer kernelInitializer = Initializers.glorotUniform();
  private Initializer biasInitializer = Initializers.zeros();
  private Weight kernel;
  private Weight bias;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels
   * @param kernelSize one size for a square kernel, or (height, width)
   * @throws IllegalArgumentException if a value is not positive
   */
  public Conv2DTranspose(int filters, int... kernelSize) {
    if (filters <= 0) {
      throw new IllegalArgumentException(
          "Conv2DTranspose: filters must be a positive integer, but got filters=" + filters + ".");
    }
    this.filters = filters;
    this.kernelSize = ConvUtils.positivePair("Conv2DTranspose", "kernelSize", kernelSize);
  }

  /** Returns the number of output channels. */
  public int filters() {
    return filters;
  }

  /** Returns the kernel size. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** Sets the strides (the upsampling factors); default 1. */
  public Conv2DTranspose strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair("Conv2DTranspose", "strides", strides);
    checkOutputPadding();
    return this;
  }

  /** Returns the strides. */
  public int[] strides() {
    return strides.clone();
  }

  /** Sets the padding: {@code "valid"} (default) or {@code "same"}. */
  public Conv2DTranspose padding(String padding) {
    checkNotBuilt("padding");
    this.padding = ConvUtils.padding("Conv2DTranspose", padding);
    return this;
  }

  /** Returns the padding. */
  public String padding() {
    return padding;
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

  /** Sets the dilation rate; default 1. */
  public Conv2DTranspose dilationRate(int... rate) {
    checkNotBuilt("dilationRate");
    this.dilationRate = ConvUtils.positivePair("Conv2DTranspose", "dilationRate", rate);
    return this;
  }

  /** Returns the dilation rate. */
  public int[] dilationRate() {
    return dilationRate.clone();
  }

  /** Returns the data format: {@code channels_last} (default) or {@code channels_first}. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default; {@code (batch, rows, cols, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, rows, cols)}, computed by transposing to channels_last and
   * back, as Keras does on CPU).
   *
   * @throws IllegalArgumentException for any other value
   */
  public Conv2DTranspose dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("Conv2DTranspose", dataFormat);
    return this;
  }

  /** Sets the activation by Keras name. */
  public Conv2DTranspose activation(String name) {
    return activation(Activations.get(name));
  }

  /** Sets the activation; default linear. */
  public Conv2DTranspose activation(ActivationFunction activation) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(activation, "activation");
    return this;
  }

  /** Returns the activation. */
  public ActivationFunction activation() {
    return activation;
  }

  /** Turns the bias on (default) or off. */
  public Conv2DTranspose useBias(boolean useBias) {
    checkNotBuilt("useBias");
    this.useBias = useBias;
    return this;
  }

  /** Returns whether a bias is added. */
  public boolean useBias() {
    return useBias;
  }

  /** Sets the kernel initializer; default {@code glorot_uniform}. */
  public Conv2DTranspose kernelInitializer(Initializer initializer) {
    checkNotBuilt("kernelInitializer");
    this.kernelInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the bias initializer; default zeros. */
  public Conv2DTranspose biasInitializer(Initializer initializer) {
    checkNotBuilt("biasInitializer");
    this.biasInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Returns the kernel weight {@code (kh, kw, filters, channels)}, or {@code null} before build. */
  public Weight kernel() {
    return kernel;
  }

  /** Returns the bias weight, or {@code null} before build or without bias. */
  public Weight bias() {
    return bias;
  }

  @Override
  public Conv2DTranspose name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Conv2DTranspose inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Conv2DTranspose trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    ConvUtils.checkStridesAndDilation("Conv2DTranspose", strides, dilationRate);
    long channels = inputShape.size(dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? 1 : 3);
    kernel = ctx.addWeight("kernel", Shape.of(kernelSize[0], kernelSize[1], filters, channels), kernelInitializer,
        true);
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(filters), biasInitializer, true);
    }
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
    long rows = outputLength(input.size(1), kernelSize[0], padding,
        outputPadding == null ? null : outputPadding[0], strides[0], dilationRate[0]);
    long cols = outputLength(input.size(2), kernelSize[1], padding,
        outputPadding == null ? null : outputPadding[1], strides[1], dilationRate[1]);
    return new long[] {rows, cols};
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callLast(tf, last, ctx));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long[] size = outputSize(x.shape());
    Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> outShape = tf.concat(
        List.of(batch, tf.constant(new int[] {(int) size[0], (int) size[1], filters})), tf.constant(0));
    Operand<TFloat32> k = ConvUtils.dilateKernel(tf, ctx.read(kernel), kernel.shape(), dilationRate);
    Operand<TFloat32> y = tf.nn.conv2dBackpropInput(
        outShape, k, x, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.toUpperCase(Locale.ROOT));
    // A reshape (which has a gradient, unlike EnsureShape) gives the output its static shape.
    y = tf.reshape(y, tf.constant(new long[] {-1, size[0], size[1], filters}));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.read(bias));
    }
    return activation.apply(tf, y);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireImageInput(name(), inputShape);
    boolean first = dataFormat.equals(ConvUtils.CHANNELS_FIRST);
    if (kernel != null && kernel.shape()[3] != inputShape.size(first ? 1 : 3)) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected axis " + (first ? 1 : -1) + " of input shape to have value " + kernel.shape()[3],
          first ? "(None, " + kernel.shape()[3] + ", rows, cols)" : "(None, rows, cols, " + kernel.shape()[3] + ")",
          inputShape);
    }
    return ConvUtils.inFormat(dataFormat, inputShape, this::outputShapeLast);
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
    int[] k = ConvUtils.configPair(config, "kernel_size", cls, null);
    if (k == null) {
      throw new IllegalArgumentException(cls + " config: missing required key 'kernel_size'.");
    }
    Conv2DTranspose layer = new Conv2DTranspose(Configs.getInt(config, "filters", cls), k);
    layer.strides(ConvUtils.configPair(config, "strides", cls, new int[] {1, 1}));
    layer.padding(Configs.getString(config, "padding", cls, "valid"));
    int[] op = ConvUtils.configPair(config, "output_padding", cls, null);
    if (op != null) {
      layer.outputPadding(op);
    }
    layer.dilationRate(ConvUtils.configPair(config, "dilation_rate", cls, new int[] {1, 1}));
    layer.dataFormat(ConvUtils.configDataFormat(config, cls));
    layer.activation(Configs.getActivation(config, "activation", cls));
    layer.useBias(Configs.getBoolean(config, "use_bias", cls, true));
    layer.kernelInitializer(Configs.getInitializer(config, "kernel_initializer", cls, Initializers.glorotUniform()));
    layer.biasInitializer(Configs.getInitializer(config, "bias_initializer", cls, Initializers.zeros()));
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("filters", filters);
    config.put("kernel_size", ConvUtils.list(kernelSize));
    config.put("strides", ConvUtils.list(strides));
    config.put("padding", padding);
    config.put("data_format", dataFormat);
    config.put("dilation_rate", ConvUtils.list(dilationRate));
    config.put("groups", 1);
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    config.put("kernel_initializer", Dense.initializerConfig(kernelInitializer));
    config.put("bias_initializer", Dense.initializerConfig(biasInitializer));
    config.put("kernel_regularizer", null);
    config.put("bias_regularizer", null);
    config.put("activity_regularizer", null);
    config.put("kernel_constraint", null);
    config.put("bias_constraint", null);
    config.put("output_padding", outputPadding == null ? null : ConvUtils.list(outputPadding));
    return config;
  }
}
