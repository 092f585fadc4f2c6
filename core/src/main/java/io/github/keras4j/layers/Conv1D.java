package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 1-D convolution over time, as Keras's {@code Conv1D}:
 * {@code output[b, t, f] = activation(bias[f] + Σ_k Σ_c input[b, t·s + k·d - pad, c] · kernel[k, c, f])}.
 *
 * <p>Input {@code (batch, steps, channels)} ({@code (batch, channels, steps)} with {@code channels_first});
 * output {@code (batch, newSteps, filters)} with {@code newSteps = floor((steps - dilatedKernel) / stride) + 1}
 * for {@code valid} and {@code ceil(steps / stride)} for {@code same} and {@code causal} ({@code causal} pads
 * {@code dilation·(kernel-1)} zeros on the left only, so output {@code t} never sees input after {@code t}).
 * Kernel {@code (kernelSize, channels / groups, filters)}, bias {@code (filters)}. With {@code groups > 1} the
 * channels are split into groups, each convolved with its own {@code filters / groups} filters.
 *
 * <p>Defaults: strides 1, padding valid, data format channels_last, dilation 1, groups 1, no activation, bias on,
 * kernel {@code glorot_uniform} (fans include the kernel size), bias {@code zeros}.
 *
 * <pre>{@code
 * new Conv1D(64, 3).activation("relu").padding("causal").dilationRate(2).inputShape(100, 1)
 * }</pre>
 */
public class Conv1D extends KernelLayer<Conv1D> implements HasKernel<Conv1D> {
  private final int filters;
  private final int kernelSize;
  private int strides = 1;
  private String padding = "valid";
  private String dataFormat = ConvUtils.CHANNELS_LAST;
  private int dilationRate = 1;
  private int groups = 1;

  /**
   * Creates the layer.
   *
   * @param filters the number of output channels; positive
   * @param kernelSize the length of the convolution window; positive
   */
  public Conv1D(int filters, int kernelSize) {
    super("kernel");
    this.filters = positiveCount("filters", filters);
    this.kernelSize = ConvUtils.positiveSingle("Conv1D", "kernelSize", kernelSize);
  }

  /** Returns the number of filters. */
  public int filters() {
    return filters;
  }

  /** Returns the length of the convolution window. */
  public int kernelSize() {
    return kernelSize;
  }

  /** Returns the stride. */
  public int strides() {
    return strides;
  }

  /** Sets the stride; default 1. */
  public Conv1D strides(int strides) {
    checkNotBuilt("strides");
    this.strides = ConvUtils.positiveSingle("Conv1D", "strides", strides);
    return this;
  }

  /** Returns the padding: {@code valid}, {@code same} or {@code causal}. */
  public String padding() {
    return padding;
  }

  /** Sets the padding: {@code "valid"} (default), {@code "same"} or {@code "causal"}. */
  public Conv1D padding(String padding) {
    checkNotBuilt("padding");
    String p = requireNonNull(padding, "padding").toLowerCase(Locale.ROOT);
    if (!p.equals("valid") && !p.equals("same") && !p.equals("causal")) {
      throw new IllegalArgumentException(
          "Conv1D: padding must be \"valid\", \"same\" or \"causal\", but got padding=\"" + padding + "\".");
    }
    this.padding = p;
    return this;
  }

  /** Returns the data format. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default, {@code (batch, steps, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, steps)}, computed by transposing to channels_last and back).
   */
  public Conv1D dataFormat(String dataFormat) {
    checkNotBuilt("dataFormat");
    this.dataFormat = ConvUtils.dataFormat("Conv1D", dataFormat);
    return this;
  }

  /** Returns the dilation rate. */
  public int dilationRate() {
    return dilationRate;
  }

  /** Sets the dilation rate (the gap between kernel taps); default 1. */
  public Conv1D dilationRate(int rate) {
    checkNotBuilt("dilationRate");
    this.dilationRate = ConvUtils.positiveSingle("Conv1D", "dilationRate", rate);
    return this;
  }

  /** Returns the number of groups. */
  public int groups() {
    return groups;
  }

  /**
   * Sets the number of groups the channels are split into; default 1. Both the input channels and
   * {@code filters} must be divisible by it.
   */
  public Conv1D groups(int groups) {
    checkNotBuilt("groups");
    if (groups <= 0 || filters % groups != 0) {
      throw new IllegalArgumentException(
          "Conv1D: groups must be a positive divisor of filters=" + filters + ", but got groups=" + groups + ".");
    }
    this.groups = groups;
    return this;
  }

  private boolean channelsFirst() {
    return dataFormat.equals(ConvUtils.CHANNELS_FIRST);
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    ConvUtils.checkStridesAndDilation("Conv1D", new int[] {strides, 1}, new int[] {dilationRate, 1});
    long channels = inputShape.size(channelsFirst() ? 1 : 2);
    addKernel(ctx, "kernel", Shape.of(kernelSize, channels / groups, filters));
    buildBias(ctx, filters);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return ConvUtils.inFormat(tf, dataFormat, x, last -> callLast(tf, last, ctx));
  }

  private Operand<TFloat32> callLast(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    String pad = padding;
    if (pad.equals("causal")) {
      x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {dilationRate * (kernelSize - 1), 0}, {0, 0}}), tf.constant(0f));
      pad = "valid";
    }
    Weight kernel = kernel();
    long[] k = kernel.shape();
    // (batch, steps, c) → (batch, 1, steps, c); kernel (k, c, f) → (1, k, c, f): a 2-D convolution of height 1.
    Operand<TFloat32> x4 = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> k4 = tf.expandDims(ctx.read(kernel), tf.constant(0));
    k4 = ConvUtils.dilateKernel(tf, k4, new long[] {1, k[0], k[1], k[2]}, new int[] {1, dilationRate});
    List<Long> stride = List.of(1L, 1L, (long) strides, 1L);
    String tfPad = pad.toUpperCase(Locale.ROOT);
    Operand<TFloat32> y;
    if (groups == 1) {
      y = tf.nn.conv2d(x4, k4, stride, tfPad);
    } else {
      var xs = tf.split(tf.constant(3), x4, (long) groups);
      var ks = tf.split(tf.constant(3), k4, (long) groups);
      List<Operand<TFloat32>> parts = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        parts.add(tf.nn.conv2d(xs.output().get(g), ks.output().get(g), stride, tfPad));
      }
      y = tf.concat(parts, tf.constant(3));
    }
    y = tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
    return biasAndActivation(tf, y, ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, dataFormat);
    return ConvUtils.inFormat(dataFormat, inputShape, last -> {
      long channels = last.size(2);
      String expected = channelsFirst() ? "(None, channels, steps)" : "(None, steps, channels)";
      if (channels <= 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "the channel dimension of the inputs should be defined", expected, inputShape);
      }
      Weight kernel = kernel();
      if (kernel != null && kernel.shape()[1] * groups != channels) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "expected the channel axis of input shape to have value " + kernel.shape()[1] * groups,
            expected, inputShape);
      }
      if (channels % groups != 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "the number of input channels (" + channels + ") must be divisible by groups=" + groups,
            expected, inputShape);
      }
      long steps = ConvUtils.outputLength(
          last.size(1), kernelSize, padding.equals("causal") ? "same" : padding, strides, dilationRate);
      if (last.size(1) >= 0 && steps <= 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "the input has fewer steps than the kernel of size " + kernelSize + " (dilation "
                + dilationRate + ") with padding \"" + padding + "\"", "more steps", inputShape);
      }
      return Shape.of(last.size(0), steps, filters);
    });
  }

  /** Creates the layer from its Keras config ({@code Conv1D}, and Keras 2's alias {@code Convolution1D}). */
  public static Conv1D fromConfig(Map<String, Object> config) {
    Integer k = ConvUtils.configSingle(config, "kernel_size", "Conv1D", null);
    if (k == null) {
      throw new IllegalArgumentException("Conv1D config: missing required key 'kernel_size'.");
    }
    Conv1D layer = new Conv1D(Configs.getInt(config, "filters", "Conv1D"), k);
    layer.strides(ConvUtils.configSingle(config, "strides", "Conv1D", 1));
    layer.padding(Configs.getString(config, "padding", "Conv1D", "valid"));
    layer.dataFormat(ConvUtils.configDataFormat(config, "Conv1D"));
    layer.dilationRate(ConvUtils.configSingle(config, "dilation_rate", "Conv1D", 1));
    layer.groups(ConvUtils.configSingle(config, "groups", "Conv1D", 1));
    return layer.applyKernelConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("filters", filters);
    ConvUtils.putWindowConfig(
        config, List.of(kernelSize), List.of(strides), padding, dataFormat, List.of(dilationRate), groups);
    putKernelConfig(config);
    return config;
  }
}
