package io.github.keras4j.layers;

import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.Shape;

/** Shared arithmetic and checks of the 2-D convolution and pooling layers (channels_last). */
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
}
