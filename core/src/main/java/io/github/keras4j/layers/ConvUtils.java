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
      return new int[] {n.intValue(), n.intValue()};
    }
    if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
      return new int[] {a.intValue(), b.intValue()};
    }
    throw new IllegalArgumentException(
        layer + " config: '" + key + "' must be an integer or a pair of integers, but got " + v + ".");
  }
}
