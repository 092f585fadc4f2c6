package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import java.util.List;
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
public class Conv2D extends Layer {
  private final int filters;
  private final int[] kernelSize;
  private int[] strides = {1, 1};
  private String padding = "valid";
  private String dataFormat = ConvUtils.CHANNELS_LAST;
  private int[] dilationRate = {1, 1};
  private ActivationFunction activation = Activations.LINEAR;
  private boolean useBias = true;
  private Initializer kernelInitializer = Initializers.glorotUniform();
  private Initializer biasInitializer = Initializers.zeros();
  private Weight kernel;
  private Weight bias;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels; positive
   * @param kernelSize one size for a square kernel, or (height, width)
   */
  public Conv2D(int filters, int... kernelSize) {
    if (filters <= 0) {
      throw new IllegalArgumentException(
          "Conv2D: filters must be a positive integer, but got filters=" + filters + ".");
    }
    this.filters = filters;
    this.kernelSize = ConvUtils.positivePair("Conv2D", "kernelSize", kernelSize);
  }

  /** Returns the number of filters. */
  public int filters() {
    return filters;
  }

  /** Returns (height, width) of the kernel. */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** Returns the strides. */
  public int[] strides() {
    return strides.clone();
  }

  /** Sets the strides (one value or two); default 1. */
  public Conv2D strides(int... strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positivePair("Conv2D", "strides", strides);
    return this;
  }

  /** Returns the padding, {@code valid} or {@code same}. */
  public String padding() {
    return padding;
  }

  /** Sets the padding: {@code "valid"} (default) or {@code "same"}. */
  public Conv2D padding(String padding) {
    checkNotBuilt("padding");
    this.padding = ConvUtils.padding("Conv2D", padding);
    return this;
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
  public Conv2D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("Conv2D", dataFormat);
    return this;
  }

  /** Returns the dilation rate. */
  public int[] dilationRate() {
    return dilationRate.clone();
  }

  /** Sets the dilation rate (one value or two); default 1. */
  public Conv2D dilationRate(int... rate) {
    checkNotBuilt("dilationRate");
    this.dilationRate = ConvUtils.positivePair("Conv2D", "dilationRate", rate);
    return this;
  }

  /** Returns the activation. */
  public ActivationFunction activation() {
    return activation;
  }

  /** Sets the activation by Keras name. */
  public Conv2D activation(String name) {
    return activation(Activations.get(name));
  }

  /** Sets the activation. */
  public Conv2D activation(ActivationFunction activation) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(activation, "activation");
    return this;
  }

  /** Returns whether a bias is added. */
  public boolean useBias() {
    return useBias;
  }

  /** Turns the bias on (default) or off. */
  public Conv2D useBias(boolean useBias) {
    checkNotBuilt("useBias");
    this.useBias = useBias;
    return this;
  }

  /** Sets the kernel initializer; default {@code glorot_uniform}. */
  public Conv2D kernelInitializer(Initializer initializer) {
    checkNotBuilt("kernelInitializer");
    this.kernelInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Sets the kernel initializer by Keras name. */
  public Conv2D kernelInitializer(String name) {
    return kernelInitializer(Initializers.get(name));
  }

  /** Sets the bias initializer; default {@code zeros}. */
  public Conv2D biasInitializer(Initializer initializer) {
    checkNotBuilt("biasInitializer");
    this.biasInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Returns the kernel initializer. */
  public Initializer kernelInitializer() {
    return kernelInitializer;
  }

  /** Returns the bias initializer. */
  public Initializer biasInitializer() {
    return biasInitializer;
  }

  /** Sets the kernel's penalty added to the loss (Keras's {@code kernel_regularizer}); default none. */
  public Conv2D kernelRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    weightRegularizer("kernel", regularizer);
    return this;
  }

  /** Sets the bias's penalty added to the loss (Keras's {@code bias_regularizer}); default none. */
  public Conv2D biasRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    weightRegularizer("bias", regularizer);
    return this;
  }

  /** Sets the constraint applied to the kernel after each update (Keras's {@code kernel_constraint}). */
  public Conv2D kernelConstraint(io.github.keras4j.constraints.Constraint constraint) {
    weightConstraint("kernel", constraint);
    return this;
  }

  /** Sets the constraint applied to the bias after each update (Keras's {@code bias_constraint}). */
  public Conv2D biasConstraint(io.github.keras4j.constraints.Constraint constraint) {
    weightConstraint("bias", constraint);
    return this;
  }

  @Override
  public Conv2D activityRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    super.activityRegularizer(regularizer);
    return this;
  }

  @Override
  public Conv2D name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Conv2D inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Conv2D trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  /** Returns the kernel, or {@code null} before build. */
  public Weight kernel() {
    return kernel;
  }

  /** Returns the bias, or {@code null}. */
  public Weight bias() {
    return bias;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    ConvUtils.checkStridesAndDilation("Conv2D", strides, dilationRate);
    long channels = inputShape.size(dataFormat.equals(ConvUtils.CHANNELS_FIRST) ? 1 : 3);
    kernel = ctx.addWeight("kernel", Shape.of(kernelSize[0], kernelSize[1], channels, filters), kernelInitializer, true);
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(filters), biasInitializer, true);
    }
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callLast(tf, last, ctx));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> k = ConvUtils.dilateKernel(tf, ctx.read(kernel), kernel.shape(), dilationRate);
    Operand<TFloat32> y =
        tf.nn.conv2d(
            x, k, List.of(1L, (long) strides[0], (long) strides[1], 1L), padding.toUpperCase(java.util.Locale.ROOT));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.read(bias));
    }
    return activation.apply(tf, y);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return ConvUtils.inFormat(dataFormat, inputShape, last -> ConvUtils.windowOutputShape(
        name(), last, kernelSize, padding, strides, dilationRate,
        "the kernel " + kernelSize[0] + "x" + kernelSize[1] + " with padding \"" + padding + "\"", kernel, filters));
  }


  /** Creates the layer from its Keras config. */
  public static Conv2D fromConfig(Map<String, Object> config) {
    int[] kernel = ConvUtils.configPair(config, "kernel_size", "Conv2D", null);
    if (kernel == null) {
      throw new IllegalArgumentException("Conv2D config: missing required key 'kernel_size'.");
    }
    Conv2D layer = new Conv2D(Configs.getInt(config, "filters", "Conv2D"), kernel);
    layer.strides(ConvUtils.configPair(config, "strides", "Conv2D", new int[] {1, 1}));
    layer.padding(Configs.getString(config, "padding", "Conv2D", "valid"));
    layer.dilationRate(ConvUtils.configPair(config, "dilation_rate", "Conv2D", new int[] {1, 1}));
    layer.dataFormat(ConvUtils.configDataFormat(config, "Conv2D"));
    layer.activation(Configs.getActivation(config, "activation", "Conv2D"));
    layer.useBias(Configs.getBoolean(config, "use_bias", "Conv2D", true));
    layer.kernelInitializer(
        Configs.getInitializer(config, "kernel_initializer", "Conv2D", Initializers.glorotUniform()));
    layer.biasInitializer(Configs.getInitializer(config, "bias_initializer", "Conv2D", Initializers.zeros()));
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
    config.put("kernel_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("kernel")));
    config.put("bias_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(weightRegularizer("bias")));
    config.put("activity_regularizer", io.github.keras4j.regularizers.Regularizers.serialize(activityRegularizer()));
    config.put("kernel_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("kernel")));
    config.put("bias_constraint", io.github.keras4j.constraints.Constraints.serialize(weightConstraint("bias")));
    return config;
  }
}
