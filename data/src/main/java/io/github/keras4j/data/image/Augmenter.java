package io.github.keras4j.data.image;

/**
 * Internal: a generator's augmentation settings, frozen when an iterator is made, with Keras's
 * {@code get_random_transform} (the draws, in Keras's order) and {@code apply_transform} (affine resampling, then
 * channel shift, flips and brightness). Immutable, so worker threads share it.
 */
final class Augmenter {
  /** A width or height shift setting: a range (fraction below 1, pixels otherwise) or a list of choices. */
  record Shift(double range, double[] choices) {
    static final Shift NONE = new Shift(0, null);

    /** Draws the shift in pixels along an axis of {@code size} pixels, as Keras draws {@code tx} / {@code ty}. */
    double draw(MersenneTwister rng, long size) {
      if (choices != null) {
        double value = choices[rng.nextInt(choices.length)];
        value *= rng.nextInt(2) == 0 ? -1 : 1;
        double max = Double.NEGATIVE_INFINITY;
        for (double c : choices) {
          max = Math.max(max, c);
        }
        return max < 1 ? value * size : value;
      }
      if (range == 0) {
        return 0;
      }
      double value = rng.uniform(-range, range);
      return range < 1 ? value * size : value;
    }

    boolean active() {
      return choices != null || range != 0;
    }
  }

  private final double rotationRange;
  private final Shift widthShift;
  private final Shift heightShift;
  private final double shearRange;
  private final double zoomLow;
  private final double zoomHigh;
  private final double channelShiftRange;
  private final double[] brightnessRange;
  private final boolean horizontalFlip;
  private final boolean verticalFlip;
  private final AffineResampler.FillMode fillMode;
  private final float cval;
  private final int order;
  private final AffineConvention convention;

  Augmenter(double rotationRange, Shift widthShift, Shift heightShift, double shearRange, double zoomLow,
      double zoomHigh, double channelShiftRange, double[] brightnessRange, boolean horizontalFlip,
      boolean verticalFlip, AffineResampler.FillMode fillMode, double cval, int order, AffineConvention convention) {
    this.rotationRange = rotationRange;
    this.widthShift = widthShift;
    this.heightShift = heightShift;
    this.shearRange = shearRange;
    this.zoomLow = zoomLow;
    this.zoomHigh = zoomHigh;
    this.channelShiftRange = channelShiftRange;
    this.brightnessRange = brightnessRange == null ? null : brightnessRange.clone();
    this.horizontalFlip = horizontalFlip;
    this.verticalFlip = verticalFlip;
    this.fillMode = fillMode;
    this.cval = (float) cval;
    this.order = order;
    this.convention = convention;
  }

  /** Returns whether any augmentation is set; without one, images pass through untouched. */
  boolean active() {
    return rotationRange != 0 || widthShift.active() || heightShift.active() || shearRange != 0
        || zoomLow != 1 || zoomHigh != 1 || channelShiftRange != 0 || brightnessRange != null || horizontalFlip
        || verticalFlip;
  }

  /**
   * Draws one image's parameters as Keras's {@code get_random_transform}: rotation, height shift ({@code tx}),
   * width shift ({@code ty}), shear, the two zooms, the two flip coins (always drawn), channel shift, brightness.
   */
  TransformParameters draw(long[] shape, MersenneTwister rng) {
    double theta = rotationRange != 0 ? rng.uniform(-rotationRange, rotationRange) : 0;
    double tx = heightShift.draw(rng, shape[0]);
    double ty = widthShift.draw(rng, shape[1]);
    double shear = shearRange != 0 ? rng.uniform(-shearRange, shearRange) : 0;
    double zx = 1;
    double zy = 1;
    if (zoomLow != 1 || zoomHigh != 1) {
      zx = rng.uniform(zoomLow, zoomHigh);
      zy = rng.uniform(zoomLow, zoomHigh);
    }
    boolean flipHorizontal = rng.nextDouble() < 0.5 && horizontalFlip;
    boolean flipVertical = rng.nextDouble() < 0.5 && verticalFlip;
    Double channelShift = channelShiftRange != 0 ? rng.uniform(-channelShiftRange, channelShiftRange) : null;
    Double brightness = brightnessRange != null ? rng.uniform(brightnessRange[0], brightnessRange[1]) : null;
    return new TransformParameters(
        theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, channelShift, brightness);
  }

  /**
   * Applies {@code p} to the image in {@code src} from {@code srcOffset}, writing the result to {@code dst} from
   * {@code dstOffset} (the two must not overlap unless they are the same place and {@code p} is not affine), as
   * Keras's {@code apply_transform}.
   */
  void apply(float[] src, int srcOffset, int height, int width, int channels, TransformParameters p, float[] dst,
      int dstOffset) {
    int size = height * width * channels;
    if (p.isAffine()) {
      AffineResampler.transform(src, srcOffset, height, width, channels, p.samplingMatrix(height, width, convention),
          order, fillMode,
          cval, dst, dstOffset);
    } else if (src != dst || srcOffset != dstOffset) {
      System.arraycopy(src, srcOffset, dst, dstOffset, size);
    }
    if (p.channelShiftIntensity() != null) {
      channelShift(dst, dstOffset, size, (float) (double) p.channelShiftIntensity());
    }
    if (p.flipHorizontal()) {
      flipColumns(dst, dstOffset, height, width, channels);
    }
    if (p.flipVertical()) {
      flipRows(dst, dstOffset, height, width, channels);
    }
    if (p.brightness() != null) {
      brightness(dst, dstOffset, height, width, channels, p.brightness());
    }
  }

  /** Keras's {@code apply_channel_shift}: adds {@code intensity} everywhere, clipped to the image's min and max. */
  static void channelShift(float[] x, int offset, int size, float intensity) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + size; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
    }
    for (int i = offset; i < offset + size; i++) {
      float v = x[i] + intensity;
      x[i] = Math.min(Math.max(v, min), max);
    }
  }

  /** Reverses the columns (Keras's {@code flip_axis(x, col_axis)}). */
  static void flipColumns(float[] x, int offset, int height, int width, int channels) {
    for (int r = 0; r < height; r++) {
      int row = offset + r * width * channels;
      for (int left = 0, right = width - 1; left < right; left++, right--) {
        for (int k = 0; k < channels; k++) {
          int a = row + left * channels + k;
          int b = row + right * channels + k;
          float t = x[a];
          x[a] = x[b];
          x[b] = t;
        }
      }
    }
  }

  /** Reverses the rows (Keras's {@code flip_axis(x, row_axis)}). */
  static void flipRows(float[] x, int offset, int height, int width, int channels) {
    int rowSize = width * channels;
    float[] tmp = new float[rowSize];
    for (int top = 0, bottom = height - 1; top < bottom; top++, bottom--) {
      int a = offset + top * rowSize;
      int b = offset + bottom * rowSize;
      System.arraycopy(x, a, tmp, 0, rowSize);
      System.arraycopy(x, b, x, a, rowSize);
      System.arraycopy(tmp, 0, x, b, rowSize);
    }
  }

  /**
   * Keras's {@code apply_brightness_shift(x, brightness, scale=False)}: the image becomes 8-bit pixels
   * ({@code array_to_img}, min-max scaled to 0..255 only when its values leave 0..255, then truncated), PIL's
   * {@code ImageEnhance.Brightness(img).enhance(brightness)} blends each pixel with black ({@code (uint8)(f · v)} in
   * single precision, clipped when {@code f > 1}; alpha is kept), and the pixels come back as floats, scaled back to
   * the original range when they were scaled.
   */
  static void brightness(float[] x, int offset, int height, int width, int channels, double brightness) {
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("ImageDataGenerator: brightnessRange needs images with 1, 3 or 4 channels"
          + " (as PIL's images), but got " + channels + " channels.");
    }
    int size = height * width * channels;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + size; i++) {
      min = Math.min(min, x[i]);
      max = Math.max(max, x[i]);
    }
    boolean localScale = min < 0 || max > 255;
    float scaledMax = 0;
    if (localScale) {
      for (int i = offset; i < offset + size; i++) {
        scaledMax = Math.max(scaledMax, x[i] - min);
      }
    }
    float alpha = (float) brightness;
    for (int i = offset; i < offset + size; i++) {
      float v = x[i];
      if (localScale) {
        v = v - min;
        if (scaledMax != 0) {
          v = v / scaledMax;
        }
        v = v * 255f;
      }
      int pixel = v >= 255f ? 255 : v > 0f ? (int) v : 0;
      boolean isAlpha = channels == 4 && (i - offset) % 4 == 3;
      if (!isAlpha) {
        float blended = 0 + alpha * pixel;
        if (alpha >= 0 && alpha <= 1.0) {
          pixel = (int) blended;
        } else {
          pixel = blended <= 0f ? 0 : blended >= 255f ? 255 : (int) blended;
        }
      }
      float out = pixel;
      if (localScale) {
        out = out / 255f * (max - min) + min;
      }
      x[i] = out;
    }
  }
}
