package io.github.keras4j.data.image;

import java.util.Locale;

/**
 * Internal: {@code scipy.ndimage.affine_transform} of a {@code (height, width, channels)} float image, which Keras's
 * {@code apply_affine_transform} calls once per channel with the same matrix, for spline orders 0 (nearest) and 1
 * (bilinear, Keras's default).
 *
 * <p>For each output pixel {@code (r, c)} the input point is {@code (m00·r + m01·c + m02, m10·r + m11·c + m12)},
 * evaluated in doubles in scipy's order. Each coordinate is first mapped into the image by the fill mode (scipy's
 * {@code map_coordinate}); order 1 then weighs the two neighbours {@code floor(x)} and {@code floor(x) + 1} along
 * each axis by {@code 1 − t} and {@code 1 − (1 − t)}, accumulating the four products {@code value · w_row · w_col}
 * in row-major tap order; order 0 takes the pixel {@code floor(x + 0.5)}. The sum is rounded to float, as scipy
 * stores into the float32 output. Fill modes, as scipy implements them:
 *
 * <ul>
 *   <li>{@code nearest}: coordinates are clamped to the edge ({@code aaaa|abcd|dddd}).
 *   <li>{@code constant}: an output pixel whose point falls outside {@code [0, size − 1]} on either axis is
 *       {@code cval}; no interpolation towards {@code cval}.
 *   <li>{@code reflect}: half-sample symmetric ({@code dcba|abcd|dcba}), also for the neighbours of a point just
 *       outside the edge.
 *   <li>{@code wrap}: scipy's {@code wrap}, which repeats with period {@code size − 1}: the last pixel and the first
 *       coincide ({@code bcd|abcd|bcd} interpolated), not the {@code abcd|abcd} of Keras's documentation.
 * </ul>
 *
 * <p>Matches scipy 1.17 (checked against it on random matrices in every mode); scipy before 1.6 took the
 * neighbours of points just outside the edge in {@code reflect} mode from a whole-sample mirror instead.
 */
final class AffineResampler {
  /** Keras's {@code fill_mode} values. */
  enum FillMode {
    CONSTANT,
    NEAREST,
    REFLECT,
    WRAP;

    /** Returns the mode named {@code name}, as Keras spells it. */
    static FillMode of(String name, String who) {
      if (name != null) {
        for (FillMode mode : values()) {
          if (mode.keras().equals(name)) {
            return mode;
          }
        }
      }
      throw new IllegalArgumentException(who + ": fillMode must be one of 'constant', 'nearest', 'reflect', 'wrap',"
          + " but got fillMode=" + (name == null ? "null" : "'" + name + "'") + ".");
    }

    /** Returns the Keras name, such as {@code "nearest"}. */
    String keras() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private AffineResampler() {}

  /**
   * Resamples {@code src} (from {@code srcOffset}) into {@code dst} (from {@code dstOffset}), both
   * {@code height × width × channels}; they must not overlap.
   *
   * @param m the 3 × 3 (or 2 × 3) matrix, row-major, mapping output {@code (row, col, 1)} to input coordinates
   * @param order 0 (nearest) or 1 (bilinear)
   */
  static void transform(float[] src, int srcOffset, int height, int width, int channels, double[] m, int order,
      FillMode mode, float cval, float[] dst, int dstOffset) {
    if (order != 0 && order != 1) {
      throw new IllegalArgumentException("interpolation order must be 0 or 1, but got " + order);
    }
    final double m00 = m[0];
    final double m01 = m[1];
    final double m02 = m[2];
    final double m10 = m[3];
    final double m11 = m[4];
    final double m12 = m[5];
    final int rowStride = width * channels;
    final double lastRow = height - 1;
    final double lastCol = width - 1;
    int out = dstOffset;
    // Per output pixel: the input coordinates of the (up to) 2 taps along each axis and their weights.
    int[] rowTap = new int[2];
    int[] colTap = new int[2];
    double[] rowWeight = new double[2];
    double[] colWeight = new double[2];
    for (int r = 0; r < height; r++) {
      final double rm00 = r * m00;
      final double rm10 = r * m10;
      for (int c = 0; c < width; c++, out += channels) {
        double y = rm00;
        y += c * m01;
        y += m02;
        double x = rm10;
        x += c * m11;
        x += m12;
        if (order == 1 && y >= 0 && y < lastRow && x >= 0 && x < lastCol) {
          // Inside: both taps exist on each axis, no fill mode involved (the same arithmetic as below).
          double fy = Math.floor(y);
          double fx = Math.floor(x);
          double wr0 = 1.0 - (y - fy);
          double wr1 = 1.0 - wr0;
          double wc0 = 1.0 - (x - fx);
          double wc1 = 1.0 - wc0;
          int in00 = srcOffset + (int) fy * rowStride + (int) fx * channels;
          int in10 = in00 + rowStride;
          if (channels == 3) { // unrolled for RGB, the common case
            dst[out] = blend(src[in00], src[in00 + 3], src[in10], src[in10 + 3], wr0, wr1, wc0, wc1);
            dst[out + 1] = blend(src[in00 + 1], src[in00 + 4], src[in10 + 1], src[in10 + 4], wr0, wr1, wc0, wc1);
            dst[out + 2] = blend(src[in00 + 2], src[in00 + 5], src[in10 + 2], src[in10 + 5], wr0, wr1, wc0, wc1);
            continue;
          }
          for (int k = 0; k < channels; k++) {
            double t = 0.0;
            t += src[in00 + k] * wr0 * wc0;
            t += src[in00 + channels + k] * wr0 * wc1;
            t += src[in10 + k] * wr1 * wc0;
            t += src[in10 + channels + k] * wr1 * wc1;
            dst[out + k] = (float) t;
          }
          continue;
        }
        double cy = mapCoordinate(y, height, mode);
        double cx = cy > -1.0 ? mapCoordinate(x, width, mode) : -1.0;
        if (cy <= -1.0 || cx <= -1.0) { // only the constant mode maps a point to -1
          for (int k = 0; k < channels; k++) {
            dst[out + k] = cval;
          }
          continue;
        }
        if (order == 0) {
          int row = mapTap((long) Math.floor(cy + 0.5), height, mode);
          int col = mapTap((long) Math.floor(cx + 0.5), width, mode);
          int in = srcOffset + row * rowStride + col * channels;
          for (int k = 0; k < channels; k++) {
            double t = 0.0;
            t += src[in + k];
            dst[out + k] = (float) t;
          }
          continue;
        }
        taps(cy, height, mode, rowTap, rowWeight);
        taps(cx, width, mode, colTap, colWeight);
        int in00 = srcOffset + rowTap[0] * rowStride + colTap[0] * channels;
        int in01 = srcOffset + rowTap[0] * rowStride + colTap[1] * channels;
        int in10 = srcOffset + rowTap[1] * rowStride + colTap[0] * channels;
        int in11 = srcOffset + rowTap[1] * rowStride + colTap[1] * channels;
        double wr0 = rowWeight[0];
        double wr1 = rowWeight[1];
        double wc0 = colWeight[0];
        double wc1 = colWeight[1];
        for (int k = 0; k < channels; k++) {
          double t = 0.0;
          t += src[in00 + k] * wr0 * wc0;
          t += src[in01 + k] * wr0 * wc1;
          t += src[in10 + k] * wr1 * wc0;
          t += src[in11 + k] * wr1 * wc1;
          dst[out + k] = (float) t;
        }
      }
    }
  }

  /** {@code ((v00·wr0)·wc0 + (v01·wr0)·wc1) + …} in scipy's order, rounded to float. */
  private static float blend(float v00, float v01, float v10, float v11, double wr0, double wr1, double wc0,
      double wc1) {
    double t = 0.0;
    t += v00 * wr0 * wc0;
    t += v01 * wr0 * wc1;
    t += v10 * wr1 * wc0;
    t += v11 * wr1 * wc1;
    return (float) t;
  }

  /** The two linear-interpolation taps of coordinate {@code cc} (already mapped) and their weights. */
  private static void taps(double cc, int len, FillMode mode, int[] tap, double[] weight) {
    double floor = Math.floor(cc);
    long start = (long) floor;
    double t = cc - floor;
    weight[0] = 1.0 - t;
    weight[1] = 1.0 - weight[0];
    tap[0] = mapTap(start, len, mode);
    tap[1] = mapTap(start + 1, len, mode);
  }

  /** Maps a tap index outside the image inside it, as scipy does for the neighbours of an edge point. */
  private static int mapTap(long idx, int len, FillMode mode) {
    if (idx >= 0 && idx < len) {
      return (int) idx;
    }
    if (len <= 1) {
      return 0;
    }
    if (mode == FillMode.REFLECT) {
      long s2 = 2L * len;
      if (idx < 0) {
        idx = -idx - 1;
      }
      idx %= s2;
      return (int) (idx >= len ? s2 - idx - 1 : idx);
    }
    // scipy's whole-sample mirror; only reached with a zero weight or an index one past the edge.
    long s2 = 2L * len - 2;
    if (idx < 0) {
      idx = s2 * (-idx / s2) + idx;
      idx = idx <= 1 - len ? idx + s2 : -idx;
    } else {
      idx -= s2 * (idx / s2);
      if (idx >= len) {
        idx = s2 - idx;
      }
    }
    return (int) idx;
  }

  /** scipy's {@code map_coordinate}: maps a coordinate outside {@code [0, len − 1]} by the fill mode. */
  static double mapCoordinate(double in, int len, FillMode mode) {
    boolean below = in < 0;
    if (!below && !(in > len - 1)) {
      return in;
    }
    switch (mode) {
      case REFLECT, WRAP -> {
        if (len <= 1) {
          return 0;
        }
      }
      case NEAREST -> {
        return below ? 0 : len - 1;
      }
      default -> {
        return -1; // CONSTANT
      }
    }
    if (mode == FillMode.WRAP) {
      long sz = len - 1L;
      return below ? in + sz * ((long) (-in / sz) + 1) : in - sz * (long) (in / sz);
    }
    long sz2 = 2L * len; // REFLECT
    if (below) {
      if (in < -sz2) {
        in = sz2 * (long) (-in / sz2) + in;
      }
      return in < -len ? in + sz2 : (in > -1e-15 ? 1e-15 : -in) - 1;
    }
    in -= sz2 * (long) (in / sz2);
    return in >= len ? sz2 - in - 1 : in;
  }
}
