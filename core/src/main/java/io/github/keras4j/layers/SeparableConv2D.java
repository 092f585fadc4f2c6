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
public class SeparableConv2D extends Layer {
  private final int filters;
  private final int[] kernelSize;
  private int[] strides = {1, 1};
  private String padding = "valid";
  private int[] dilationRate = {1, 1};
  private int depthMultiplier = 1;
  private String dataFormat = ConvUtils.CHANNELS_LAST;
  private ActivationFunction activation = Activations.LINEAR;
  private boolean useBias = true;
  private Initializer depthwiseInitializer = Initializers.glorotUniform();
  private Initializer pointwiseInitializer = Initializers.glorotUniform();
  private Initializer biasInitializer = Initializers.zeros();
  private Weight depthwise;
  private Weight pointwise;
  private Weight bias;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels
   * @param kernelSize one size for a square kernel, or (height, width)
   * @throws IllegalArgumentException if a value is not positive
   */
  public SeparableConv2D(int filters, int... kernelSize) {
    if (filters <= 0) {
      throw new IllegalArgumentException(
          "SeparableConv2D: filters must be a positive integer, but got filters=" + filters + ".");
    }
    this.filters = filters;
    this.kernelSize = ConvUtils.positivePair("SeparableConv2D", "kernelSize", kernelSize);
  }

  /** Returns the number of output channels. */
  public int filters() {
    return filters;
  }

  /** Returns the kernel size. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** Sets the strides; default 1. */
  public SeparableConv2D strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair("SeparableConv2D", "strides", strides);
    return this;
  }

  /** Returns the strides. */
  public int[] strides() {
    return strides.clone();
  }

  /** Sets the padding: {@code "valid"} (default) or {@code "same"}. */
  public SeparableConv2D padding(String padding) {
    checkNotBuilt("padding");
    this.padding = ConvUtils.padding("SeparableConv2D", padding);
    return this;
  }

  /** Returns the padding. */
  public String padding() {
    return padding;
  }

  /** Sets the dilation rate of the depthwise step; default 1. */
  public SeparableConv2D dilationRate(int... rate) {
    checkNotBuilt("dilationRate");
    this.dilationRate = ConvUtils.positivePair("SeparableConv2D", "dilationRate", rate);
    return this;
  }

  /** Returns the dilation rate. */
  public int[] dilationRate() {
    return dilationRate.clone();
  }

  /**
   * Sets the number of depthwise filters per input channel; default 1.
   *
   * @throws IllegalArgumentException if not positive
   */
  public SeparableConv2D depthMultiplier(int depthMultiplier) {
    checkNotBuilt("depthMultiplier");
    if (depthMultiplier <= 0) {
      throw new IllegalArgumentException(
          "SeparableConv2D: depthMultiplier must be positive, but got depthMultiplier=" + depthMultiplier + ".");
    }
    this.depthMultiplier = depthMultiplier;
    return this;
  }

  /** Returns the depth multiplier. */
  public int depthMultiplier() {
    return depthMultiplier;
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
  public SeparableConv2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("SeparableConv2D", dataFormat);
    return this;
  }

  /** Sets the activation by Keras name. */
  public SeparableConv2D activation(String name) {
    return activation(Activations.get(name));
  }

  /** Sets the activation; default linear. */
  public SeparableConv2D activation(ActivationFunction activation) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(activation, "activation");
    return this;
  }

  /** Returns the activation. */
  public ActivationFunction activation() {
    return activation;
  }

  /** Turns the bias on (default) or off. */
  public SeparableConv2D useBias(boolean useBias) {
    checkNotBuilt("useBias");
    this.useBias = useBias;
    return this;
  }

  /** Returns whether a bias is added. */
  public boolean useBias() {
    return useBias;
  }

  /** Sets the depthwise kernel initializer; default {@code glorot_uniform}. */
  public SeparableConv2D depthwiseInitializer(Initializer initializer) {
    checkNotBuilt("depthwiseInitializer");
    this.depthwiseInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the pointwise kernel initializer; default {@code glorot_uniform}. */
  public SeparableConv2D pointwiseInitializer(Initializer initializer) {
    checkNotBuilt("pointwiseInitializer");
    this.pointwiseInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the bias initializer; default zeros. */
  public SeparableConv2D biasInitializer(Initializer initializer) {
    checkNotBuilt("biasInitializer");
    this.biasInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Returns the depthwise kernel {@code (kh, kw, channels, depthMultiplier)}, or {@code null} before build. */
  public Weight depthwiseKernel() {
    return depthwise;
  }

  /** Returns the pointwise kernel {@code (1, 1, channels · depthMultiplier, filters)}, or {@code null} before build. */
  public Weight pointwiseKernel() {
    return pointwise;
  }

  /** Returns the bias weight, or {@code null} before build or without bias. */
  public Weight bias() {
    return bias;
  }

  @Override
  public SeparableConv2D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public SeparableConv2D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public SeparableConv2D trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    ConvUtils.checkStridesAndDilation("SeparableConv2D", strides, dilationRate);
    long channels = inputShape.size(dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? 1 : 3);
    depthwise = ctx.addWeight("depthwise_kernel",
        Shape.of(kernelSize[0], kernelSize[1], channels, depthMultiplier), depthwiseInitializer, true);
    pointwise = ctx.addWeight("pointwise_kernel",
        Shape.of(1, 1, channels * depthMultiplier, filters), pointwiseInitializer, true);
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(filters), biasInitializer, true);
    }
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callLast(tf, last, ctx));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> k = ConvUtils.dilateKernel(tf, ctx.read(depthwise), depthwise.shape(), dilationRate);
    Operand<TFloat32> y = tf.nn.depthwiseConv2dNative(
        x, k, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.toUpperCase(Locale.ROOT));
    y = tf.nn.conv2d(y, ctx.read(pointwise), List.of(1L, 1L, 1L, 1L), "VALID");
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.read(bias));
    }
    return activation.apply(tf, y);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ConvUtils.inFormat(dataFormat, inputShape, last -> ConvUtils.windowOutputShape(
        name(), last, kernelSize, padding, strides, dilationRate,
        "the kernel " + kernelSize[0] + "x" + kernelSize[1] + " with padding \"" + padding + "\"", depthwise,
        filters));
  }

  /** Creates the layer from its Keras config (tf.keras 2.x or Keras 3). */
  public static SeparableConv2D fromConfig(Map<String, Object> config) {
    String cls = "SeparableConv2D";
    int[] k = ConvUtils.configPair(config, "kernel_size", cls, null);
    if (k == null) {
      throw new IllegalArgumentException(cls + " config: missing required key 'kernel_size'.");
    }
    SeparableConv2D layer = new SeparableConv2D(Configs.getInt(config, "filters", cls), k);
    layer.strides(ConvUtils.configPair(config, "strides", cls, new int[] {1, 1}));
    layer.padding(Configs.getString(config, "padding", cls, "valid"));
    layer.dilationRate(ConvUtils.configPair(config, "dilation_rate", cls, new int[] {1, 1}));
    Object dm = config.get("depth_multiplier");
    layer.depthMultiplier(dm == null ? 1 : Configs.getInt(config, "depth_multiplier", cls));
    layer.dataFormat(ConvUtils.configDataFormat(config, cls));
    layer.activation(Configs.getActivation(config, "activation", cls));
    layer.useBias(Configs.getBoolean(config, "use_bias", cls, true));
    layer.depthwiseInitializer(
        Configs.getInitializer(config, "depthwise_initializer", cls, Initializers.glorotUniform()));
    layer.pointwiseInitializer(
        Configs.getInitializer(config, "pointwise_initializer", cls, Initializers.glorotUniform()));
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
    config.put("bias_initializer", Dense.initializerConfig(biasInitializer));
    config.put("bias_regularizer", null);
    config.put("activity_regularizer", null);
    config.put("bias_constraint", null);
    config.put("depth_multiplier", depthMultiplier);
    config.put("depthwise_initializer", Dense.initializerConfig(depthwiseInitializer));
    config.put("pointwise_initializer", Dense.initializerConfig(pointwiseInitializer));
    config.put("depthwise_regularizer", null);
    config.put("pointwise_regularizer", null);
    config.put("depthwise_constraint", null);
    config.put("pointwise_constraint", null);
    return config;
  }
}
