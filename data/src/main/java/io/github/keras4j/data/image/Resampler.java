package io.github.keras4j.data.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Internal: PIL's {@code Image.resize} for 8-bit L, RGB and RGBA images, which Keras's {@code load_img} calls.
 *
 * <p>"nearest" takes, for output pixel {@code i}, input pixel {@code floor((i + 0.5) · in / out)}, evaluated as PIL
 * does ({@code ImagingScaleAffine}): in doubles, by accumulation ({@code x = s / 2}, then {@code x += s} per pixel,
 * {@code s = in / out}). This is not always the exact-integer {@code ((2i + 1) · in) div (2 · out)}: where that
 * quotient is a whole number the accumulated sum may fall just below it (2 → 7 pixels: PIL maps output 3 to input 0,
 * exact arithmetic to 1), and Keras's pixels are PIL's. The other filters follow PIL's separable resampling
 * ({@code libImaging/Resample.c}): a filter of support {@code s · max(1, in / out)} around each output pixel's
 * center, so that shrinking averages over the source footprint; weights normalized, then converted to 22-bit fixed
 * point; a horizontal pass and then a vertical one, each rounding to 8 bits. RGBA is resized with premultiplied
 * alpha, as PIL does for every filter but nearest.
 */
final class Resampler {
  private static final int PRECISION_BITS = 32 - 8 - 2;

  /** PIL's resampling filters, by Keras's interpolation names. */
  enum Filter {
    NEAREST("nearest", 0),
    BOX("box", 0.5),
    BILINEAR("bilinear", 1),
    HAMMING("hamming", 1),
    BICUBIC("bicubic", 2),
    LANCZOS("lanczos", 3);

    final String keras;
    final double support;

    Filter(String keras, double support) {
      this.keras = keras;
      this.support = support;
    }

    double weight(double x) {
      switch (this) {
        case BOX:
          return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
        case BILINEAR:
          x = Math.abs(x);
          return x < 1.0 ? 1.0 - x : 0.0;
        case HAMMING:
          x = Math.abs(x);
          if (x == 0.0) {
            return 1.0;
          }
          if (x >= 1.0) {
            return 0.0;
          }
          x = x * Math.PI;
          return StrictMath.sin(x) / x * ((double) 0.54f + (double) 0.46f * StrictMath.cos(x));
        case BICUBIC:
          final double a = -0.5;
          x = Math.abs(x);
          if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
          }
          if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
          }
          return 0.0;
        case LANCZOS:
          return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
        default:
          throw new IllegalStateException("no weights for " + this);
      }
    }

    private static double sinc(double x) {
      if (x == 0.0) {
        return 1.0;
      }
      x = x * Math.PI;
      return StrictMath.sin(x) / x;
    }

    /** Returns the filter of a Keras interpolation name. */
    static Filter of(String interpolation, String who) {
      if (interpolation != null) {
        for (Filter f : values()) {
          if (f.keras.equals(interpolation.toLowerCase(Locale.ROOT))) {
            return f;
          }
        }
      }
      throw new IllegalArgumentException(who + ": interpolation must be one of " + names()
          + ", but got interpolation=" + (interpolation == null ? "null" : "'" + interpolation + "'") + ".");
    }

    static String names() {
      return Arrays.stream(values()).map(f -> "'" + f.keras + "'").collect(Collectors.joining(", "));
    }
  }

  private Resampler() {}

  /** Returns the image resized to {@code height × width} (the same object when the size already matches). */
  static RasterImage resize(RasterImage src, int height, int width, Filter filter) {
    if (src.height == height && src.width == width) {
      return src;
    }
    if (filter == Filter.NEAREST) {
      byte[] out = new byte[height * width * src.channels];
      nearest(src, height, width, (o, s) -> out[o] = src.data[s]);
      return new RasterImage(width, height, src.channels, out);
    }
    return resizeBox(src, height, width, filter, new double[] {0, 0, src.width, src.height});
  }

  /**
   * Returns the region {@code box = (left, top, right, bottom)} of the image (fractional pixel coordinates) resized
   * to {@code height × width}, as PIL's {@code Image.resize(size, filter, box=box)}: each output pixel's filter is
   * centered at {@code left + (x + 0.5) · (right − left) / width} and may reach outside the box (never outside the
   * image). Not for {@link Filter#NEAREST}.
   */
  static RasterImage resizeBox(RasterImage src, int height, int width, Filter filter, double[] box) {
    if (filter == Filter.NEAREST) {
      throw new IllegalArgumentException("Resampler.resizeBox: 'nearest' takes no box; use a convolution filter.");
    }
    if (src.channels == 4) {
      return unpremultiply(resample(premultiply(src), height, width, filter, box));
    }
    return resample(src, height, width, filter, box);
  }

  /** Resizes and writes the result as floats 0..255 into {@code out} from {@code offset}. */
  static void resizeToFloats(RasterImage src, int height, int width, Filter filter, float[] out, int offset) {
    if (filter == Filter.NEAREST && (src.height != height || src.width != width)) {
      byte[] data = src.data;
      nearest(src, height, width, (o, s) -> out[offset + o] = data[s] & 0xff);
      return;
    }
    resize(src, height, width, filter).toFloats(out, offset);
  }

  @FunctionalInterface
  private interface SampleCopy {
    void copy(int outIndex, int srcIndex);
  }

  private static void nearest(RasterImage src, int height, int width, SampleCopy copy) {
    int c = src.channels;
    int[] xs = nearestIndices(src.width, width);
    int[] ys = nearestIndices(src.height, height);
    int o = 0;
    for (int y = 0; y < height; y++) {
      int rowStart = ys[y] * src.width * c;
      for (int x = 0; x < width; x++) {
        int s = rowStart + xs[x] * c;
        for (int ch = 0; ch < c; ch++) {
          copy.copy(o++, s + ch);
        }
      }
    }
  }

  /**
   * Returns the input index of each output index for "nearest", as PIL computes it: {@code floor} of a double that
   * starts at {@code s / 2} and grows by {@code s = in / out} per step.
   */
  static int[] nearestIndices(int in, int out) {
    double scale = (double) in / out;
    double position = scale * 0.5;
    int[] indices = new int[out];
    for (int i = 0; i < out; i++) {
      indices[i] = Math.min(in - 1, (int) position);
      position += scale;
    }
    return indices;
  }

  /** Per output pixel: the first input pixel, how many follow, and their fixed-point weights. */
  private record Coefficients(int ksize, int[] bounds, int[] weights) {}

  private static Coefficients precompute(int inSize, double in0, double in1, int outSize, Filter filter) {
    double scale = (in1 - in0) / outSize;
    double filterScale = Math.max(1.0, scale);
    double support = filter.support * filterScale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    double[] pre = new double[outSize * ksize];
    int[] bounds = new int[outSize * 2];
    double ss = 1.0 / filterScale;
    for (int xx = 0; xx < outSize; xx++) {
      double center = in0 + (xx + 0.5) * scale;
      double ww = 0.0;
      int xmin = (int) (center - support + 0.5);
      if (xmin < 0) {
        xmin = 0;
      }
      int xmax = (int) (center + support + 0.5);
      if (xmax > inSize) {
        xmax = inSize;
      }
      xmax -= xmin;
      int k = xx * ksize;
      for (int x = 0; x < xmax; x++) {
        double w = filter.weight((x + xmin - center + 0.5) * ss);
        pre[k + x] = w;
        ww += w;
      }
      for (int x = 0; x < xmax; x++) {
        if (ww != 0.0) {
          pre[k + x] /= ww;
        }
      }
      bounds[xx * 2] = xmin;
      bounds[xx * 2 + 1] = xmax;
    }
    int[] weights = new int[pre.length];
    for (int i = 0; i < pre.length; i++) {
      weights[i] = pre[i] < 0
          ? (int) (-0.5 + pre[i] * (1 << PRECISION_BITS))
          : (int) (0.5 + pre[i] * (1 << PRECISION_BITS));
    }
    return new Coefficients(ksize, bounds, weights);
  }

  private static RasterImage resample(RasterImage src, int height, int width, Filter filter, double[] box) {
    int c = src.channels;
    // PIL's ImagingResampleInner: a pass is needed when the size changes or the box is not the whole axis.
    boolean horizontal = width != src.width || box[0] != 0 || box[2] != width;
    boolean vertical = height != src.height || box[1] != 0 || box[3] != height;
    Coefficients vert = precompute(src.height, box[1], box[3], height, filter);
    byte[] in = src.data;
    int inWidth = src.width;
    int[] vBounds = vert.bounds.clone();
    if (horizontal) {
      Coefficients horiz = precompute(src.width, box[0], box[2], width, filter);
      int first = vBounds[0];
      int last = vBounds[height * 2 - 2] + vBounds[height * 2 - 1];
      if (vertical) {
        for (int i = 0; i < height; i++) {
          vBounds[i * 2] -= first;
        }
      } else {
        first = 0;
        last = src.height;
      }
      int rows = last - first;
      byte[] tmp = new byte[rows * width * c];
      int half = 1 << (PRECISION_BITS - 1);
      for (int y = 0; y < rows; y++) {
        int rowIn = (y + first) * inWidth * c;
        int rowOut = y * width * c;
        for (int xx = 0; xx < width; xx++) {
          int xmin = horiz.bounds[xx * 2];
          int xmax = horiz.bounds[xx * 2 + 1];
          int k = xx * horiz.ksize;
          for (int ch = 0; ch < c; ch++) {
            int ss = half;
            int p = rowIn + xmin * c + ch;
            for (int x = 0; x < xmax; x++, p += c) {
              ss += (in[p] & 0xff) * horiz.weights[k + x];
            }
            tmp[rowOut + xx * c + ch] = (byte) clip8(ss);
          }
        }
      }
      in = tmp;
      inWidth = width;
    }
    if (!vertical) {
      return new RasterImage(width, height, c, in);
    }
    byte[] out = new byte[height * width * c];
    int half = 1 << (PRECISION_BITS - 1);
    int stride = inWidth * c;
    for (int yy = 0; yy < height; yy++) {
      int ymin = vBounds[yy * 2];
      int ymax = vBounds[yy * 2 + 1];
      int k = yy * vert.ksize;
      int rowOut = yy * width * c;
      for (int i = 0; i < width * c; i++) {
        int ss = half;
        int p = ymin * stride + i;
        for (int y = 0; y < ymax; y++, p += stride) {
          ss += (in[p] & 0xff) * vert.weights[k + y];
        }
        out[rowOut + i] = (byte) clip8(ss);
      }
    }
    return new RasterImage(width, height, c, out);
  }

  private static int clip8(int ss) {
    int v = ss >> PRECISION_BITS;
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /** PIL's RGBA → RGBa: each color times alpha / 255, rounded as {@code MULDIV255}. */
  private static RasterImage premultiply(RasterImage src) {
    byte[] in = src.data;
    byte[] out = new byte[in.length];
    for (int p = 0; p < in.length; p += 4) {
      int a = in[p + 3] & 0xff;
      for (int ch = 0; ch < 3; ch++) {
        int tmp = (in[p + ch] & 0xff) * a + 128;
        out[p + ch] = (byte) (((tmp >> 8) + tmp) >> 8);
      }
      out[p + 3] = (byte) a;
    }
    return new RasterImage(src.width, src.height, 4, out);
  }

  /** PIL's RGBa → RGBA: each color times 255 / alpha, truncated and clipped; alpha 0 and 255 left as they are. */
  private static RasterImage unpremultiply(RasterImage src) {
    byte[] d = src.data;
    for (int p = 0; p < d.length; p += 4) {
      int a = d[p + 3] & 0xff;
      if (a != 0 && a != 255) {
        for (int ch = 0; ch < 3; ch++) {
          d[p + ch] = (byte) Math.min(255, 255 * (d[p + ch] & 0xff) / a);
        }
      }
    }
    return src;
  }
}
