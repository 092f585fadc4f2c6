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
public class DepthwiseConv2D extends Layer {
  private final int[] kernelSize;
  private int[] strides = {1, 1};
  private String padding = "valid";
  private String dataFormat = ConvUtils.CHANNELS_LAST;
  private int depthMultiplier = 1;
  private int[] dilationRate = {1, 1};
  private ActivationFunction activation = Activations.LINEAR;
  private boolean useBias = true;
  private Initializer depthwiseInitializer = Initializers.glorotUniform();
  private Initializer biasInitializer = Initializers.zeros();
  private Weight kernel;
  private Weight bias;

  /** Creates the layer; one size for a square kernel or (height, width). */
  public DepthwiseConv2D(int... kernelSize) {
    this.kernelSize = ConvUtils.positivePair("DepthwiseConv2D", "kernelSize", kernelSize);
  }

  /** Returns the kernel size. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** Sets the strides; default 1. */
  public DepthwiseConv2D strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair("DepthwiseConv2D", "strides", strides);
    return this;
  }

  /** Returns the strides. */
  public int[] strides() {
    return strides.clone();
  }

  /** Sets the padding: {@code "valid"} (default) or {@code "same"}. */
  public DepthwiseConv2D padding(String padding) {
    checkNotBuilt("padding");
    this.padding = ConvUtils.padding("DepthwiseConv2D", padding);
    return this;
  }

  /** Returns the padding. */
  public String padding() {
    return padding;
  }

  /**
   * Sets the number of filters per input channel; default 1.
   *
   * @throws IllegalArgumentException if not positive
   */
  public DepthwiseConv2D depthMultiplier(int depthMultiplier) {
    checkNotBuilt("depthMultiplier");
    if (depthMultiplier <= 0) {
      throw new IllegalArgumentException(
          "DepthwiseConv2D: depthMultiplier must be positive, but got depthMultiplier=" + depthMultiplier + ".");
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
   */
  public DepthwiseConv2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("DepthwiseConv2D", dataFormat);
    return this;
  }

  /** Sets the dilation rate; default 1. */
  public DepthwiseConv2D dilationRate(int... rate) {
    checkNotBuilt("dilationRate");
    this.dilationRate = ConvUtils.positivePair("DepthwiseConv2D", "dilationRate", rate);
    return this;
  }

  /** Sets the activation by Keras name. */
  public DepthwiseConv2D activation(String name) {
    return activation(Activations.get(name));
  }

  /** Sets the activation. */
  public DepthwiseConv2D activation(ActivationFunction activation) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(activation, "activation");
    return this;
  }

  /** Turns the bias on (default) or off. */
  public DepthwiseConv2D useBias(boolean useBias) {
    checkNotBuilt("useBias");
    this.useBias = useBias;
    return this;
  }

  /** Returns whether a bias is added. */
  public boolean useBias() {
    return useBias;
  }

  /** Sets the depthwise kernel initializer; default {@code glorot_uniform}. */
  public DepthwiseConv2D depthwiseInitializer(Initializer initializer) {
    checkNotBuilt("depthwiseInitializer");
    this.depthwiseInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  @Override
  public DepthwiseConv2D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public DepthwiseConv2D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public DepthwiseConv2D trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    ConvUtils.checkStridesAndDilation("DepthwiseConv2D", strides, dilationRate);
    long channels = inputShape.size(dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? 1 : 3);
    kernel = ctx.addWeight(
        "depthwise_kernel", Shape.of(kernelSize[0], kernelSize[1], channels, depthMultiplier), depthwiseInitializer,
        true);
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(channels * depthMultiplier), biasInitializer, true);
    }
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callLast(tf, last, ctx));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> k = ConvUtils.dilateKernel(tf, ctx.read(kernel), kernel.shape(), dilationRate);
    Operand<TFloat32> y =
        tf.nn.depthwiseConv2dNative(
            x, k, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.toUpperCase(Locale.ROOT));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.read(bias));
    }
    return activation.apply(tf, y);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ConvUtils.inFormat(dataFormat, inputShape, last -> ConvUtils.windowOutputShape(
        name(), last, kernelSize, padding, strides, dilationRate, "the kernel", kernel,
        last.numDimensions() == 4 ? last.size(3) * depthMultiplier : -1));
  }


  /** Creates the layer from its Keras config. */
  public static DepthwiseConv2D fromConfig(Map<String, Object> config) {
    int[] k = ConvUtils.configPair(config, "kernel_size", "DepthwiseConv2D", null);
    if (k == null) {
      throw new IllegalArgumentException("DepthwiseConv2D config: missing required key 'kernel_size'.");
    }
    DepthwiseConv2D layer = new DepthwiseConv2D(k);
    layer.strides(ConvUtils.configPair(config, "strides", "DepthwiseConv2D", new int[] {1, 1}));
    layer.padding(Configs.getString(config, "padding", "DepthwiseConv2D", "valid"));
    layer.dilationRate(ConvUtils.configPair(config, "dilation_rate", "DepthwiseConv2D", new int[] {1, 1}));
    Object dm = config.get("depth_multiplier");
    layer.depthMultiplier(dm == null ? 1 : Configs.intOf(dm, "DepthwiseConv2D", "depth_multiplier"));
    layer.dataFormat(ConvUtils.configDataFormat(config, "DepthwiseConv2D"));
    layer.activation(Configs.getActivation(config, "activation", "DepthwiseConv2D"));
    layer.useBias(Configs.getBoolean(config, "use_bias", "DepthwiseConv2D", true));
    layer.depthwiseInitializer(
        Configs.getInitializer(config, "depthwise_initializer", "DepthwiseConv2D", Initializers.glorotUniform()));
    layer.biasInitializer = Configs.getInitializer(config, "bias_initializer", "DepthwiseConv2D", Initializers.zeros());
    return Configs.applyCommon(layer, config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("kernel_size", ConvUtils.list(kernelSize));
    config.put("strides", ConvUtils.list(strides));
    config.put("padding", padding);
    config.put("data_format", dataFormat);
    config.put("dilation_rate", ConvUtils.list(dilationRate));
    config.put("groups", 1);
    config.put("activation", activation.name());
    config.put("use_bias", useBias);
    config.put("bias_initializer", Dense.initializerConfig(biasInitializer));
    config.put("bias_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("bias")));
    config.put("activity_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(activityRegularizer()));
    config.put("bias_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("bias")));
    config.put("depth_multiplier", depthMultiplier);
    config.put("depthwise_initializer", Dense.initializerConfig(depthwiseInitializer));
    config.put("depthwise_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("depthwise")));
    config.put("depthwise_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("depthwise")));
    return config;
  }
}
