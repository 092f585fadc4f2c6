package io.github.keras4j.data.image;

/**
 * The parameters of one random augmentation, as the dictionary Keras's {@code get_random_transform} returns and
 * {@code apply_transform} reads; made by {@link ImageDataGenerator#getRandomTransform(long[], long)} or by hand.
 *
 * <pre>{@code
 * TransformParameters p = gen.getRandomTransform(image.shape().asArray(), 7);
 * FloatNdArray augmented = gen.applyTransform(image, p);
 * FloatNdArray turned = gen.applyTransform(image, TransformParameters.none().withTheta(90));
 * }</pre>
 *
 * <p>Coordinates are Keras's (keras-preprocessing's): {@code tx} moves along the rows (it comes from
 * {@code heightShiftRange}), {@code ty} along the columns ({@code widthShiftRange}); {@code zx} scales the rows and
 * {@code zy} the columns. The affine part maps each output pixel to the input point it samples (scipy's
 * convention): a positive {@code tx} of 2 makes output row {@code r} show input row {@code r + 2}.
 *
 * @param theta the rotation in degrees (0 for none)
 * @param tx the shift along the rows, in pixels (0 for none)
 * @param ty the shift along the columns, in pixels (0 for none)
 * @param shear the shear angle in degrees (0 for none)
 * @param zx the zoom factor of the rows (1 for none; above 1 shows more of the image, smaller)
 * @param zy the zoom factor of the columns (1 for none)
 * @param flipHorizontal whether the columns are reversed
 * @param flipVertical whether the rows are reversed
 * @param channelShiftIntensity the value added to every channel (then clipped to the image's range), or
 *     {@code null} for no channel shift (Keras's {@code None})
 * @param brightness the brightness factor of PIL's {@code ImageEnhance.Brightness} (1 keeps the brightness; the
 *     pixels are still truncated to 8 bits, as in Keras), or {@code null} for none
 */
public record TransformParameters(
    double theta,
    double tx,
    double ty,
    double shear,
    double zx,
    double zy,
    boolean flipHorizontal,
    boolean flipVertical,
    Double channelShiftIntensity,
    Double brightness) {
  private static final TransformParameters NONE =
      new TransformParameters(0, 0, 0, 0, 1, 1, false, false, null, null);

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException if a value is not finite, or a zoom factor is 0
   */
  public TransformParameters {
    check("theta", theta);
    check("tx", tx);
    check("ty", ty);
    check("shear", shear);
    check("zx", zx);
    check("zy", zy);
    if (zx == 0 || zy == 0) {
      throw new IllegalArgumentException("TransformParameters: zoom factors must not be 0 (the image would collapse"
          + " to a point), but got zx=" + zx + ", zy=" + zy + ".");
    }
    if (channelShiftIntensity != null) {
      check("channelShiftIntensity", channelShiftIntensity);
    }
    if (brightness != null) {
      check("brightness", brightness);
    }
  }

  /** Returns the parameters that change nothing (Keras's empty dictionary). */
  public static TransformParameters none() {
    return NONE;
  }

  /** Returns a copy with rotation {@code theta} (degrees). */
  public TransformParameters withTheta(double theta) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
        channelShiftIntensity, brightness);
  }

  /** Returns a copy with shifts {@code tx} (rows) and {@code ty} (columns), in pixels. */
  public TransformParameters withShift(double tx, double ty) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
        channelShiftIntensity, brightness);
  }

  /** Returns a copy with shear angle {@code shear} (degrees). */
  public TransformParameters withShear(double shear) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
        channelShiftIntensity, brightness);
  }

  /** Returns a copy with zoom factors {@code zx} (rows) and {@code zy} (columns). */
  public TransformParameters withZoom(double zx, double zy) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
        channelShiftIntensity, brightness);
  }

  /** Returns a copy with the given flips. */
  public TransformParameters withFlips(boolean flipHorizontal, boolean flipVertical) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
        channelShiftIntensity, brightness);
  }

  /** Returns a copy with a channel shift of {@code intensity} ({@code null} for none). */
  public TransformParameters withChannelShift(Double intensity) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, intensity,
        brightness);
  }

  /** Returns a copy with brightness factor {@code brightness} ({@code null} for none). */
  public TransformParameters withBrightness(Double brightness) {
    return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
        channelShiftIntensity, brightness);
  }

  /** Returns whether the parameters move pixels: a rotation, shift, shear or zoom (Keras then resamples). */
  public boolean isAffine() {
    return theta != 0 || tx != 0 || ty != 0 || shear != 0 || zx != 1 || zy != 1;
  }

  /**
   * Returns the 3 × 3 matrix Keras's {@code apply_affine_transform} builds for an image of {@code height} ×
   * {@code width} pixels, row-major: rotation · shift · shear · zoom, moved to the image center
   * ({@code transform_matrix_offset_center} with {@code o = size / 2 − 0.5}, as tf.keras and Keras 3). This is
   * Keras's {@code transform_matrix} before its axis swap; {@link #samplingMatrix(int, int, AffineConvention)}
   * gives the matrix that maps an output pixel {@code (row, col, 1)} to the input point it samples. The identity when
   * {@link #isAffine()} is false.
   */
  public double[] matrix(int height, int width) {
    return centered(height, width, -0.5);
  }

  /**
   * Returns the matrix that maps an output pixel {@code (row, col, 1)} to the input point it samples, as
   * {@code scipy.ndimage.affine_transform} receives it from Keras: for {@link AffineConvention#KERAS} the
   * {@link #matrix(int, int)} with its first two rows and columns swapped ({@code M' = P·M·P}); for
   * {@link AffineConvention#KERAS_PREPROCESSING_1_1} the matrix centered at {@code size / 2 + 0.5}, unswapped.
   */
  public double[] samplingMatrix(int height, int width, AffineConvention convention) {
    if (convention == AffineConvention.KERAS_PREPROCESSING_1_1) {
      return centered(height, width, 0.5);
    }
    double[] m = matrix(height, width);
    if (!isAffine()) {
      return m;
    }
    // transform_matrix[:, [0, 1]] = transform_matrix[:, [1, 0]]; transform_matrix[[0, 1]] = transform_matrix[[1, 0]]
    return new double[] {m[4], m[3], m[5], m[1], m[0], m[2], m[7], m[6], m[8]};
  }

  private double[] centered(int height, int width, double shift) {
    double[] m = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    if (theta != 0) {
      double t = Math.toRadians(theta);
      double cos = StrictMath.cos(t);
      double sin = StrictMath.sin(t);
      m = new double[] {cos, -sin, 0, sin, cos, 0, 0, 0, 1};
    }
    if (tx != 0 || ty != 0) {
      m = multiply(m, new double[] {1, 0, tx, 0, 1, ty, 0, 0, 1});
    }
    if (shear != 0) {
      double s = Math.toRadians(shear);
      m = multiply(m, new double[] {1, -StrictMath.sin(s), 0, 0, StrictMath.cos(s), 0, 0, 0, 1});
    }
    if (zx != 1 || zy != 1) {
      m = multiply(m, new double[] {zx, 0, 0, 0, zy, 0, 0, 0, 1});
    }
    if (!isAffine()) {
      return m;
    }
    double ox = height / 2.0 + shift;
    double oy = width / 2.0 + shift;
    double[] offset = {1, 0, ox, 0, 1, oy, 0, 0, 1};
    double[] reset = {1, 0, -ox, 0, 1, -oy, 0, 0, 1};
    return multiply(multiply(offset, m), reset);
  }

  private static double[] multiply(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
      }
    }
    return c;
  }

  private static void check(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "TransformParameters: " + name + " must be a finite number, but got " + name + "=" + value + ".");
    }
  }
}
