package io.github.keras4j.layers;

/**
 * Plain-Java reference computations of the image layers (channels_last, row-major {@code (batch, rows, cols,
 * channels)}), written from Keras's and TensorFlow's documented formulas: valid output {@code floor((n - dk) / s) + 1},
 * same output {@code ceil(n / s)} with {@code pad_total = max((out - 1) * s + dk - n, 0)} split as
 * {@code pad_before = pad_total / 2}.
 */
final class ImageReference {
  private ImageReference() {}

  /** Returns the output length of a window of {@code kernel} (dilated by {@code dilation}) sliding by {@code stride}. */
  static int outputLength(int n, int kernel, int stride, int dilation, String padding) {
    int dk = (kernel - 1) * dilation + 1;
    return padding.equals("same") ? (n + stride - 1) / stride : (n - dk) / stride + 1;
  }

  /** Returns the zeros TensorFlow adds before the first row (or column) for {@code same} padding. */
  static int padBefore(int n, int kernel, int stride, int dilation, String padding) {
    if (!padding.equals("same")) {
      return 0;
    }
    int dk = (kernel - 1) * dilation + 1;
    int out = outputLength(n, kernel, stride, dilation, padding);
    return Math.max((out - 1) * stride + dk - n, 0) / 2;
  }

  /**
   * Conv2D: {@code kernel} is {@code (kh, kw, cin, cout)} row-major, {@code bias} may be null.
   *
   * @return the output before the activation, {@code (b, oh, ow, cout)} row-major
   */
  static double[] conv2d(
      float[] x, long[] shape, float[] kernel, int kh, int kw, int cout, float[] bias, int[] strides, int[] dilation,
      String padding) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int cin = (int) shape[3];
    int oh = outputLength(h, kh, strides[0], dilation[0], padding);
    int ow = outputLength(w, kw, strides[1], dilation[1], padding);
    int pt = padBefore(h, kh, strides[0], dilation[0], padding);
    int pl = padBefore(w, kw, strides[1], dilation[1], padding);
    double[] out = new double[b * oh * ow * cout];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int o = 0; o < cout; o++) {
            double s = bias == null ? 0 : bias[o];
            for (int di = 0; di < kh; di++) {
              int r = i * strides[0] - pt + di * dilation[0];
              if (r < 0 || r >= h) {
                continue;
              }
              for (int dj = 0; dj < kw; dj++) {
                int c = j * strides[1] - pl + dj * dilation[1];
                if (c < 0 || c >= w) {
                  continue;
                }
                for (int k = 0; k < cin; k++) {
                  s += (double) x[((n * h + r) * w + c) * cin + k] * kernel[((di * kw + dj) * cin + k) * cout + o];
                }
              }
            }
            out[((n * oh + i) * ow + j) * cout + o] = s;
          }
        }
      }
    }
    return out;
  }

  /**
   * DepthwiseConv2D: {@code kernel} is {@code (kh, kw, cin, multiplier)} row-major; output channel
   * {@code k * multiplier + m} convolves input channel {@code k} with filter {@code m}.
   */
  static double[] depthwise(
      float[] x, long[] shape, float[] kernel, int kh, int kw, int multiplier, float[] bias, int[] strides,
      String padding) {
    return depthwise(x, shape, kernel, kh, kw, multiplier, bias, strides, new int[] {1, 1}, padding);
  }

  /** DepthwiseConv2D with a dilation rate. */
  static double[] depthwise(
      float[] x, long[] shape, float[] kernel, int kh, int kw, int multiplier, float[] bias, int[] strides,
      int[] dilation, String padding) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int cin = (int) shape[3];
    int oh = outputLength(h, kh, strides[0], dilation[0], padding);
    int ow = outputLength(w, kw, strides[1], dilation[1], padding);
    int pt = padBefore(h, kh, strides[0], dilation[0], padding);
    int pl = padBefore(w, kw, strides[1], dilation[1], padding);
    int cout = cin * multiplier;
    double[] out = new double[b * oh * ow * cout];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int k = 0; k < cin; k++) {
            for (int m = 0; m < multiplier; m++) {
              int o = k * multiplier + m;
              double s = bias == null ? 0 : bias[o];
              for (int di = 0; di < kh; di++) {
                int r = i * strides[0] - pt + di * dilation[0];
                for (int dj = 0; dj < kw; dj++) {
                  int c = j * strides[1] - pl + dj * dilation[1];
                  if (r >= 0 && r < h && c >= 0 && c < w) {
                    s += (double) x[((n * h + r) * w + c) * cin + k] * kernel[((di * kw + dj) * cin + k) * multiplier + m];
                  }
                }
              }
              out[((n * oh + i) * ow + j) * cout + o] = s;
            }
          }
        }
      }
    }
    return out;
  }

  /** Max or average pooling; with {@code same} padding the padded cells are ignored (not counted in the mean). */
  static double[] pool(float[] x, long[] shape, int[] pool, int[] strides, String padding, boolean max) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int ch = (int) shape[3];
    int oh = outputLength(h, pool[0], strides[0], 1, padding);
    int ow = outputLength(w, pool[1], strides[1], 1, padding);
    int pt = padBefore(h, pool[0], strides[0], 1, padding);
    int pl = padBefore(w, pool[1], strides[1], 1, padding);
    double[] out = new double[b * oh * ow * ch];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int k = 0; k < ch; k++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            int count = 0;
            for (int di = 0; di < pool[0]; di++) {
              int r = i * strides[0] - pt + di;
              for (int dj = 0; dj < pool[1]; dj++) {
                int c = j * strides[1] - pl + dj;
                if (r >= 0 && r < h && c >= 0 && c < w) {
                  double v = x[((n * h + r) * w + c) * ch + k];
                  acc = max ? Math.max(acc, v) : acc + v;
                  count++;
                }
              }
            }
            out[((n * oh + i) * ow + j) * ch + k] = max ? acc : acc / count;
          }
        }
      }
    }
    return out;
  }

  /** Zero padding of rows and columns. */
  static double[] pad(float[] x, long[] shape, int top, int bottom, int left, int right) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int ch = (int) shape[3];
    int oh = h + top + bottom;
    int ow = w + left + right;
    double[] out = new double[b * oh * ow * ch];
    for (int n = 0; n < b; n++) {
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          for (int k = 0; k < ch; k++) {
            out[((n * oh + r + top) * ow + c + left) * ch + k] = x[((n * h + r) * w + c) * ch + k];
          }
        }
      }
    }
    return out;
  }

  /** Reduces rows and columns to {@code (b, channels)} by mean or max. */
  static double[] global(float[] x, long[] shape, boolean max) {
    int b = (int) shape[0];
    int hw = (int) (shape[1] * shape[2]);
    int ch = (int) shape[3];
    double[] out = new double[b * ch];
    for (int n = 0; n < b; n++) {
      for (int k = 0; k < ch; k++) {
        double acc = max ? Double.NEGATIVE_INFINITY : 0;
        for (int p = 0; p < hw; p++) {
          double v = x[(n * hw + p) * ch + k];
          acc = max ? Math.max(acc, v) : acc + v;
        }
        out[n * ch + k] = max ? acc : acc / hw;
      }
    }
    return out;
  }

  /** Returns the values as doubles (the reference of shape-only layers). */
  static double[] identity(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }

  /** Applies relu in place. */
  static double[] relu(double[] z) {
    for (int i = 0; i < z.length; i++) {
      z[i] = Math.max(0, z[i]);
    }
    return z;
  }
}
