package io.github.keras4j.layers;

/**
 * Plain-Java reference computations of the 1-D (sequence) layers on row-major {@code (batch, steps, channels)}
 * arrays, written from Keras's and TensorFlow's documented formulas: valid output
 * {@code floor((n - dk) / s) + 1}; same output {@code ceil(n / s)} with {@code pad_before = pad_total / 2},
 * {@code pad_total = max((out - 1) * s + dk - n, 0)}; causal pads {@code dk - 1} zeros before only.
 */
final class SequenceReference {
  private SequenceReference() {}

  /** Returns the output length and the zeros before the first step, for a padding name. */
  static int[] lengthAndPad(int n, int kernel, int stride, int dilation, String padding) {
    int dk = (kernel - 1) * dilation + 1;
    return switch (padding) {
      case "valid" -> new int[] {(n - dk) / stride + 1, 0};
      case "causal" -> new int[] {(n + stride - 1) / stride, dk - 1};
      default -> {
        int out = (n + stride - 1) / stride;
        yield new int[] {out, Math.max((out - 1) * stride + dk - n, 0) / 2};
      }
    };
  }

  /**
   * Conv1D: kernel {@code (k, cin / groups, cout)} row-major, bias may be null; returns the output before the
   * activation.
   */
  static double[] conv1d(
      float[] x, long[] shape, float[] kernel, int k, int cout, float[] bias, int stride, int dilation,
      String padding, int groups) {
    int b = (int) shape[0];
    int n = (int) shape[1];
    int cin = (int) shape[2];
    int cg = cin / groups;
    int fg = cout / groups;
    int[] lp = lengthAndPad(n, k, stride, dilation, padding);
    int out = lp[0];
    double[] y = new double[b * out * cout];
    for (int s = 0; s < b; s++) {
      for (int t = 0; t < out; t++) {
        for (int f = 0; f < cout; f++) {
          int g = f / fg;
          double sum = bias == null ? 0 : bias[f];
          for (int j = 0; j < k; j++) {
            int r = t * stride - lp[1] + j * dilation;
            if (r < 0 || r >= n) {
              continue;
            }
            for (int c = 0; c < cg; c++) {
              sum += (double) x[(s * n + r) * cin + g * cg + c] * kernel[(j * cg + c) * cout + f];
            }
          }
          y[(s * out + t) * cout + f] = sum;
        }
      }
    }
    return y;
  }

  /** MaxPooling1D / AveragePooling1D (the average counts only steps inside the input). */
  static double[] pool1d(float[] x, long[] shape, int pool, int stride, String padding, boolean max) {
    int b = (int) shape[0];
    int n = (int) shape[1];
    int c = (int) shape[2];
    int[] lp = lengthAndPad(n, pool, stride, 1, padding);
    int out = lp[0];
    double[] y = new double[b * out * c];
    for (int s = 0; s < b; s++) {
      for (int t = 0; t < out; t++) {
        for (int ch = 0; ch < c; ch++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int count = 0;
          for (int j = 0; j < pool; j++) {
            int r = t * stride - lp[1] + j;
            if (r < 0 || r >= n) {
              continue;
            }
            double v = x[(s * n + r) * c + ch];
            acc = max ? Math.max(acc, v) : acc + v;
            count++;
          }
          y[(s * out + t) * c + ch] = max ? acc : acc / count;
        }
      }
    }
    return y;
  }

  /** Moves axis 1 of a row-major array of {@code shape} to the end (channels_first → channels_last). */
  static float[] toChannelsLast(float[] x, long[] shape) {
    int b = (int) shape[0];
    int c = (int) shape[1];
    int inner = 1;
    for (int i = 2; i < shape.length; i++) {
      inner *= (int) shape[i];
    }
    float[] y = new float[x.length];
    for (int s = 0; s < b; s++) {
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < inner; p++) {
          y[(s * inner + p) * c + ch] = x[(s * c + ch) * inner + p];
        }
      }
    }
    return y;
  }

  /** Moves the last axis of a row-major channels_last array of {@code lastShape} to axis 1. */
  static double[] toChannelsFirst(double[] y, long[] lastShape) {
    int b = (int) lastShape[0];
    int c = (int) lastShape[lastShape.length - 1];
    int inner = 1;
    for (int i = 1; i < lastShape.length - 1; i++) {
      inner *= (int) lastShape[i];
    }
    double[] z = new double[y.length];
    for (int s = 0; s < b; s++) {
      for (int p = 0; p < inner; p++) {
        for (int ch = 0; ch < c; ch++) {
          z[(s * c + ch) * inner + p] = y[(s * inner + p) * c + ch];
        }
      }
    }
    return z;
  }

  /** Returns a channels_first shape in channels_last order. */
  static long[] lastShape(long[] firstShape) {
    long[] s = new long[firstShape.length];
    s[0] = firstShape[0];
    for (int i = 2; i < firstShape.length; i++) {
      s[i - 1] = firstShape[i];
    }
    s[s.length - 1] = firstShape[1];
    return s;
  }

  /**
   * Wraps a channels_last reference for a {@code channels_first} layer: the input is moved to channels_last, the
   * reference runs, and its output is moved back (the output shape comes from the layer's shape inference).
   */
  static LayerTestKit.Reference channelsFirst(Layer layer, LayerTestKit.Reference channelsLast) {
    return (x, shape, w) -> {
      double[] y = channelsLast.forward(toChannelsLast(x, shape), lastShape(shape), w);
      long[] out = layer.computeOutputShape(org.tensorflow.ndarray.Shape.of(shape)).asArray();
      out[0] = shape[0];
      return toChannelsFirst(y, lastShape(out));
    };
  }
}
