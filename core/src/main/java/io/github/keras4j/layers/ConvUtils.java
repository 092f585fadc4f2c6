package io.github.keras4j.layers;

import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/**
 * Shared arithmetic and checks of the 1-D and 2-D convolution and pooling layers. The layers compute in
 * channels_last; a {@code channels_first} layer moves the channel axis to the end before and back after (as
 * Keras's TensorFlow backend does on CPU, whose kernels lack the NCHW layout for several ops).
 */
final class ConvUtils {
  private ConvUtils() {}

  /** Keras's {@code conv_output_length}: valid {@code floor((n - dk) / s) + 1}, same {@code ceil(n / s)}. */
  static long outputLength(long input, int kernel, String padding, int stride, int dilation) {
    if (input < 0) {
      return -1;
    }
    long dilatedKernel = (long) (kernel - 1) * dilation + 1;
    long length = padding.equals("same") ? input : input - dilatedKernel + 1;
    if (length <= 0) {
      return 0;
    }
    return (length + stride - 1) / stride;
  }

  /** Validates and normalizes a padding name. */
  static String padding(String layer, String padding) {
    String p = java.util.Objects.requireNonNull(padding, "padding").toLowerCase(Locale.ROOT);
    if (!p.equals("valid") && !p.equals("same")) {
      throw new IllegalArgumentException(
          layer + ": padding must be \"valid\" or \"same\", but got padding=\"" + padding + "\".");
    }
    return p;
  }

  /**
   * A padding setter's work: checks that {@code layer} is not built yet, then validates and normalizes the name.
   */
  static String padding(Layer layer, String padding) {
    layer.checkNotBuilt("padding");
    return padding(layer.className(), padding);
  }

  /** Validates a pair of positive sizes. */
  static int[] positivePair(String layer, String what, int... values) {
    int[] pair =
        switch (values.length) {
          case 1 -> new int[] {values[0], values[0]};
          case 2 -> values.clone();
          default -> throw new IllegalArgumentException(
              layer + ": " + what + " must be one or two integers, but got " + values.length + " values.");
        };
    if (pair[0] <= 0 || pair[1] <= 0) {
      throw new IllegalArgumentException(
          layer + ": " + what + " must be positive, but got " + what + "=(" + pair[0] + ", " + pair[1] + ").");
    }
    return pair;
  }

  /**
   * Checks that an image layer gets a rank-4 input, naming the expected layout of {@code dataFormat} in the error.
   */
  static void requireRank4(String layerName, Shape input, String dataFormat) {
    if (input.numDimensions() != 4) {
      throw IncompatibleShapeException.forInput(
          layerName, 0, "expected ndim=4, found ndim=" + input.numDimensions(),
          dataFormat.equals(CHANNELS_FIRST) ? "(None, channels, rows, cols)" : "(None, rows, cols, channels)",
          input);
    }
  }

  /** Checks that a layer gets a rank-4 (batch, rows, cols, channels) input with a known channel count. */
  static void requireImageInput(String layerName, Shape input) {
    if (input.numDimensions() != 4) {
      throw IncompatibleShapeException.forInput(
          layerName, 0, "expected ndim=4, found ndim=" + input.numDimensions(), "(None, rows, cols, channels)",
          input);
    }
    if (input.size(3) <= 0) {
      throw IncompatibleShapeException.forInput(
          layerName, 0, "the channel dimension of the inputs should be defined", "(None, rows, cols, channels)",
          input);
    }
  }

  /**
   * Returns the kernel with {@code dilation - 1} zeros between its taps, {@code (kh, kw, …)} →
   * {@code ((kh-1)·dh+1, (kw-1)·dw+1, …)}, built from ops with gradients (TensorFlow's convolution gradients
   * ignore the {@code dilations} attribute, so dilated convolutions run as plain ones on a dilated kernel).
   */
  static org.tensorflow.Operand<org.tensorflow.types.TFloat32> dilateKernel(
      org.tensorflow.op.Ops tf, org.tensorflow.Operand<org.tensorflow.types.TFloat32> kernel, long[] shape,
      int[] dilation) {
    if (dilation[0] == 1 && dilation[1] == 1) {
      return kernel;
    }
    int kh = (int) shape[0];
    int kw = (int) shape[1];
    int a = (int) shape[2];
    int b = (int) shape[3];
    var k6 = tf.reshape(kernel, tf.constant(new int[] {kh, 1, kw, 1, a, b}));
    var padded = tf.pad(k6,
        tf.constant(new int[][] {{0, 0}, {0, dilation[0] - 1}, {0, 0}, {0, dilation[1] - 1}, {0, 0}, {0, 0}}),
        tf.constant(0f));
    var spread = tf.reshape(padded, tf.constant(new int[] {kh * dilation[0], kw * dilation[1], a, b}));
    return tf.slice(spread, tf.constant(new int[] {0, 0, 0, 0}),
        tf.constant(new int[] {(kh - 1) * dilation[0] + 1, (kw - 1) * dilation[1] + 1, a, b}));
  }

  /** Keras's rule: strides above 1 cannot be combined with a dilation rate above 1. */
  static void checkStridesAndDilation(String layer, int[] strides, int[] dilation) {
    if ((strides[0] > 1 || strides[1] > 1) && (dilation[0] > 1 || dilation[1] > 1)) {
      throw new IllegalArgumentException(
          layer + ": `strides > 1` not supported in conjunction with `dilation_rate > 1`, but got strides=("
              + strides[0] + ", " + strides[1] + ") and dilationRate=(" + dilation[0] + ", " + dilation[1] + ").");
    }
  }

  /**
   * Returns the output shape of a 2-D window layer (convolution or pooling) for a rank-4 input, after Keras's
   * checks: the channels match an already built kernel, and the window fits the input.
   *
   * @param window the window size (kernel or pool)
   * @param what how the window is named in the error, e.g. {@code the kernel 3x3}
   * @param kernel the built kernel (its axis 2 is the input channel count), or {@code null}
   * @param channelsOut the output channel count
   */
  static Shape windowOutputShape(
      String layerName, Shape input, int[] window, String padding, int[] strides, int[] dilation, String what,
      Weight kernel, long channelsOut) {
    requireImageInput(layerName, input);
    if (kernel != null && kernel.shape()[2] != input.size(3)) {
      throw IncompatibleShapeException.forInput(
          layerName, 0, "expected axis -1 of input shape to have value " + kernel.shape()[2],
          "(None, rows, cols, " + kernel.shape()[2] + ")", input);
    }
    long rows = outputLength(input.size(1), window[0], padding, strides[0], dilation[0]);
    long cols = outputLength(input.size(2), window[1], padding, strides[1], dilation[1]);
    if ((input.size(1) >= 0 && rows <= 0) || (input.size(2) >= 0 && cols <= 0)) {
      throw IncompatibleShapeException.forInput(
          layerName, 0, "the input is smaller than " + what, "larger rows and cols", input);
    }
    return Shape.of(input.size(0), rows, cols, channelsOut);
  }

  /**
   * Puts a convolution's window keys into a config in Keras's order: {@code kernel_size}, {@code strides},
   * {@code padding}, {@code data_format}, {@code dilation_rate}, {@code groups}.
   */
  static void putWindowConfig(
      java.util.Map<String, Object> config, List<Integer> kernelSize, List<Integer> strides, String padding,
      String dataFormat, List<Integer> dilationRate, int groups) {
    config.put("kernel_size", kernelSize);
    config.put("strides", strides);
    config.put("padding", padding);
    config.put("data_format", dataFormat);
    config.put("dilation_rate", dilationRate);
    config.put("groups", groups);
  }

  /** A Keras config list {@code [a, b]}. */
  static List<Integer> list(int[] pair) {
    return List.of(pair[0], pair[1]);
  }

  /** Reads a pair (list or single int) from a config. */
  static int[] configPair(java.util.Map<String, Object> config, String key, String layer, int[] fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      int k = Configs.intOf(n, layer, key);
      return new int[] {k, k};
    }
    if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
      return new int[] {Configs.intOf(a, layer, key), Configs.intOf(b, layer, key)};
    }
    throw new IllegalArgumentException(
        layer + " config: '" + key + "' must be an integer or a pair of integers, but got " + v + ".");
  }

  /** Keras's {@code data_format} values. */
  static final String CHANNELS_LAST = "channels_last";

  /** Keras's {@code data_format} value with the channel axis right after the batch axis. */
  static final String CHANNELS_FIRST = "channels_first";

  /** Validates and normalizes a {@code data_format}: {@code channels_last} or {@code channels_first}. */
  static String dataFormat(String layer, String format) {
    String f = java.util.Objects.requireNonNull(format, "dataFormat").toLowerCase(Locale.ROOT);
    if (!f.equals(CHANNELS_LAST) && !f.equals(CHANNELS_FIRST)) {
      throw new IllegalArgumentException(
          layer + ": dataFormat must be \"channels_last\" or \"channels_first\", but got dataFormat=\"" + format
              + "\".");
    }
    return f;
  }

  /**
   * A data-format setter's work: checks that {@code layer} is not built yet, then validates and normalizes the
   * value.
   */
  static String dataFormat(Layer layer, String format) {
    layer.checkNotBuilt("dataFormat");
    return dataFormat(layer.className(), format);
  }

  /** Reads {@code data_format} from a config; absent or {@code null} means Keras's default, channels_last. */
  static String configDataFormat(java.util.Map<String, Object> config, String layer) {
    return dataFormat(layer, Configs.getString(config, "data_format", layer, CHANNELS_LAST));
  }

  /** Returns the shape with axis 1 (channels_first's channel axis) moved to the end. */
  static Shape toChannelsLast(Shape shape) {
    int rank = shape.numDimensions();
    if (rank < 3) {
      return shape;
    }
    long[] dims = new long[rank];
    dims[0] = shape.size(0);
    for (int i = 2; i < rank; i++) {
      dims[i - 1] = shape.size(i);
    }
    dims[rank - 1] = shape.size(1);
    return Shape.of(dims);
  }

  /** Returns the shape with its last axis moved to axis 1 (back to channels_first). */
  static Shape toChannelsFirst(Shape shape) {
    int rank = shape.numDimensions();
    if (rank < 3) {
      return shape;
    }
    long[] dims = new long[rank];
    dims[0] = shape.size(0);
    dims[1] = shape.size(rank - 1);
    for (int i = 1; i < rank - 1; i++) {
      dims[i + 1] = shape.size(i);
    }
    return Shape.of(dims);
  }

  /** Transposes a channels_first tensor of rank {@code rank} to channels_last. */
  static org.tensorflow.Operand<org.tensorflow.types.TFloat32> toChannelsLast(
      org.tensorflow.op.Ops tf, org.tensorflow.Operand<org.tensorflow.types.TFloat32> x, int rank) {
    int[] perm = new int[rank];
    for (int i = 1; i < rank - 1; i++) {
      perm[i] = i + 1;
    }
    perm[rank - 1] = 1;
    return tf.linalg.transpose(x, tf.constant(perm));
  }

  /** Transposes a channels_last tensor of rank {@code rank} to channels_first. */
  static org.tensorflow.Operand<org.tensorflow.types.TFloat32> toChannelsFirst(
      org.tensorflow.op.Ops tf, org.tensorflow.Operand<org.tensorflow.types.TFloat32> x, int rank) {
    int[] perm = new int[rank];
    perm[1] = rank - 1;
    for (int i = 2; i < rank; i++) {
      perm[i] = i - 1;
    }
    return tf.linalg.transpose(x, tf.constant(perm));
  }

  /**
   * Returns the output shape of a layer that computes in channels_last, for an input in {@code dataFormat}: the
   * shape is moved to channels_last, inferred by {@code inferLast}, and moved back.
   */
  static Shape inFormat(
      String dataFormat, Shape input, java.util.function.UnaryOperator<Shape> inferLast) {
    if (!dataFormat.equals(CHANNELS_FIRST) || input.numDimensions() < 3) {
      return inferLast.apply(input);
    }
    return toChannelsFirst(inferLast.apply(toChannelsLast(input)));
  }

  /**
   * Runs a channels_last computation on a tensor in {@code dataFormat} (transposing a channels_first tensor
   * there and back).
   */
  static org.tensorflow.Operand<org.tensorflow.types.TFloat32> inFormat(
      org.tensorflow.op.Ops tf, String dataFormat, org.tensorflow.Operand<org.tensorflow.types.TFloat32> x,
      java.util.function.UnaryOperator<org.tensorflow.Operand<org.tensorflow.types.TFloat32>> computeLast) {
    int rank = x.shape().numDimensions();
    if (!dataFormat.equals(CHANNELS_FIRST) || rank < 3) {
      return computeLast.apply(x);
    }
    return toChannelsFirst(tf, computeLast.apply(toChannelsLast(tf, x, rank)), rank);
  }

  /** Validates a single positive size given as one value (1-D layers accept Keras's 1-tuples). */
  static int positiveSingle(String layer, String what, int... values) {
    if (values.length != 1) {
      throw new IllegalArgumentException(
          layer + ": " + what + " must be one integer, but got " + values.length + " values.");
    }
    if (values[0] <= 0) {
      throw new IllegalArgumentException(
          layer + ": " + what + " must be positive, but got " + what + "=" + values[0] + ".");
    }
    return values[0];
  }

  /** Reads a single integer (an int or a 1-element list, as Keras 1-D layers write it) from a config. */
  static Integer configSingle(java.util.Map<String, Object> config, String key, String layer, Integer fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v instanceof List<?> l && l.size() == 1 && l.get(0) instanceof Number a) {
      return a.intValue();
    }
    throw new IllegalArgumentException(
        layer + " config: '" + key + "' must be an integer or a list of one integer, but got " + v + ".");
  }

  /** Checks that a 1-D layer gets a rank-3 (batch, steps, channels) input (in its data format). */
  static void requireSequenceInput(String layerName, Shape input, String dataFormat) {
    String expected = dataFormat.equals(CHANNELS_FIRST) ? "(None, channels, steps)" : "(None, steps, channels)";
    if (input.numDimensions() != 3) {
      throw IncompatibleShapeException.forInput(
          layerName, 0, "expected ndim=3, found ndim=" + input.numDimensions(), expected, input);
    }
  }
}
