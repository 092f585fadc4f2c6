package io.github.keras4j.data;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * Scales each feature (column) to a range, as scikit-learn's {@code sklearn.preprocessing.MinMaxScaler}.
 *
 * <p>{@link #fit(float[][])} learns each column's minimum and maximum; {@link #transform(float[][])} then maps
 * {@code x} to {@code x * scale + minOffset}, where {@code scale = (max - min) / (dataMax - dataMin)} and
 * {@code minOffset = min - dataMin * scale}, so the training data spans exactly {@code [min, max]}. The formulas,
 * the attribute names and the edge cases follow scikit-learn:
 *
 * <ul>
 *   <li>A constant column (data range below {@code 10 * ulp(1.0)}) gets a range of 1, as scikit-learn's
 *       {@code _handle_zeros_in_scale}, so it maps to {@code min}.
 *   <li>NaN marks a missing value: {@code fit} ignores it ({@code np.nanmin}, {@code np.nanmax}) and
 *       {@code transform} keeps it NaN; a column that is all NaN stays NaN. Infinite values are rejected.
 *   <li>Data outside the fitted range is not clipped (scikit-learn's default {@code clip=False}).
 * </ul>
 *
 * <p>Arithmetic is in {@code double} and results are rounded to {@code float} once; the input is never modified,
 * every method returns a new array. An instance is mutable (fitting changes it) and not thread-safe.
 *
 * <pre>{@code
 * MinMaxScaler scaler = new MinMaxScaler(0, 1);
 * float[][] scaledTrainSamples = scaler.fitTransform(Datasets.column(trainSamples));
 * float[][] scaledTestSamples = scaler.transform(Datasets.column(testSamples));   // reuse the training range
 * }</pre>
 */
public final class MinMaxScaler {
  /** scikit-learn's {@code 10 * np.finfo(np.float64).eps}: smaller data ranges count as constant. */
  private static final double CONSTANT_RANGE = 10 * Math.ulp(1.0);

  private final double featureMin;
  private final double featureMax;

  private double[] dataMin;
  private double[] dataMax;
  private double[] scale;
  private double[] minOffset;

  /** Creates a scaler to the range {@code [0, 1]}, scikit-learn's default {@code feature_range=(0, 1)}. */
  public MinMaxScaler() {
    this(0, 1);
  }

  /**
   * Creates a scaler to the range {@code [min, max]}, scikit-learn's {@code feature_range=(min, max)}.
   *
   * @param min the value the smallest training value of each feature maps to
   * @param max the value the largest training value of each feature maps to; {@code > min}
   * @throws IllegalArgumentException if {@code min >= max} or either is not finite
   */
  public MinMaxScaler(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(
          "MinMaxScaler: featureRange must be finite, but got (" + min + ", " + max + ").");
    }
    if (min >= max) {
      throw new IllegalArgumentException(
          "MinMaxScaler: featureRange min must be < max, but got (" + min + ", " + max + ").");
    }
    this.featureMin = min;
    this.featureMax = max;
  }

  /**
   * Learns each feature's minimum and maximum from {@code x}, replacing what an earlier fit learned.
   *
   * @param x samples × features, at least one of each, rows of equal length; NaN entries are ignored
   * @return this scaler, for chaining ({@code scaler.fit(x).transform(y)})
   * @throws IllegalArgumentException if {@code x} is empty, ragged, or holds an infinite value
   */
  public MinMaxScaler fit(float[][] x) {
    int features = checkMatrix("fit", x);
    double[] lo = new double[features];
    double[] hi = new double[features];
    Arrays.fill(lo, Double.NaN);
    Arrays.fill(hi, Double.NaN);
    for (float[] row : x) {
      for (int j = 0; j < features; j++) {
        double v = row[j];
        if (Double.isNaN(v)) {
          continue;
        }
        if (Double.isNaN(lo[j]) || v < lo[j]) {
          lo[j] = v;
        }
        if (Double.isNaN(hi[j]) || v > hi[j]) {
          hi[j] = v;
        }
      }
    }
    double[] newScale = new double[features];
    double[] newOffset = new double[features];
    for (int j = 0; j < features; j++) {
      double range = hi[j] - lo[j];
      // _handle_zeros_in_scale: NaN (an all-NaN column) fails the comparison and stays NaN, as in scikit-learn.
      if (range < CONSTANT_RANGE) {
        range = 1.0;
      }
      newScale[j] = (featureMax - featureMin) / range;
      newOffset[j] = featureMin - lo[j] * newScale[j];
    }
    this.dataMin = lo;
    this.dataMax = hi;
    this.scale = newScale;
    this.minOffset = newOffset;
    return this;
  }

  /**
   * Scales {@code x} with the fitted ranges: {@code x * scale + minOffset} for each feature.
   *
   * @param x samples × features, with as many features as the fitted data; NaN stays NaN
   * @return a new array of the scaled values
   * @throws IllegalStateException if the scaler is not fitted
   * @throws IllegalArgumentException if {@code x} is empty, ragged, holds an infinite value, or has another number
   *     of features than the fitted data
   */
  public float[][] transform(float[][] x) {
    checkFitted("transform");
    checkFeatures("transform", x);
    float[][] result = new float[x.length][scale.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < scale.length; j++) {
        result[i][j] = (float) (x[i][j] * scale[j] + minOffset[j]);
      }
    }
    return result;
  }

  /**
   * Fits to {@code x} and returns it scaled, as {@code fit(x).transform(x)}.
   *
   * @param x samples × features
   * @return a new array of the scaled values, spanning {@code [min, max]} in each non-constant feature
   * @throws IllegalArgumentException as {@link #fit(float[][])}
   */
  public float[][] fitTransform(float[][] x) {
    return fit(x).transform(x);
  }

  /**
   * Undoes the scaling: {@code (x - minOffset) / scale} for each feature.
   *
   * @param x scaled samples × features, with as many features as the fitted data
   * @return a new array in the original units
   * @throws IllegalStateException if the scaler is not fitted
   * @throws IllegalArgumentException if {@code x} is empty, ragged, holds an infinite value, or has another number
   *     of features than the fitted data
   */
  public float[][] inverseTransform(float[][] x) {
    checkFitted("inverseTransform");
    checkFeatures("inverseTransform", x);
    float[][] result = new float[x.length][scale.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < scale.length; j++) {
        result[i][j] = (float) ((x[i][j] - minOffset[j]) / scale[j]);
      }
    }
    return result;
  }

  /** Returns whether {@link #fit(float[][])} has run. */
  public boolean isFitted() {
    return scale != null;
  }

  /** Returns the lower end of the target range (default 0). */
  public double featureRangeMin() {
    return featureMin;
  }

  /** Returns the upper end of the target range (default 1). */
  public double featureRangeMax() {
    return featureMax;
  }

  /**
   * Returns the number of features seen by {@code fit}, scikit-learn's {@code n_features_in_}.
   *
   * @throws IllegalStateException if the scaler is not fitted
   */
  public int numFeatures() {
    checkFitted("numFeatures");
    return scale.length;
  }

  /**
   * Returns a copy of each feature's minimum over the fitted data, scikit-learn's {@code data_min_}.
   *
   * @throws IllegalStateException if the scaler is not fitted
   */
  public double[] dataMin() {
    checkFitted("dataMin");
    return dataMin.clone();
  }

  /**
   * Returns a copy of each feature's maximum over the fitted data, scikit-learn's {@code data_max_}.
   *
   * @throws IllegalStateException if the scaler is not fitted
   */
  public double[] dataMax() {
    checkFitted("dataMax");
    return dataMax.clone();
  }

  /**
   * Returns a copy of each feature's {@code dataMax - dataMin}, scikit-learn's {@code data_range_} (0 for a
   * constant feature, unlike the range used by {@link #scale()}).
   *
   * @throws IllegalStateException if the scaler is not fitted
   */
  public double[] dataRange() {
    checkFitted("dataRange");
    double[] range = new double[dataMin.length];
    for (int j = 0; j < range.length; j++) {
      range[j] = dataMax[j] - dataMin[j];
    }
    return range;
  }

  /**
   * Returns a copy of each feature's multiplier, scikit-learn's {@code scale_}:
   * {@code (max - min) / (dataMax - dataMin)}, with a constant feature's range taken as 1.
   *
   * @throws IllegalStateException if the scaler is not fitted
   */
  public double[] scale() {
    checkFitted("scale");
    return scale.clone();
  }

  /**
   * Returns a copy of each feature's offset, scikit-learn's {@code min_}: {@code min - dataMin * scale}.
   *
   * @throws IllegalStateException if the scaler is not fitted
   */
  public double[] minOffset() {
    checkFitted("minOffset");
    return minOffset.clone();
  }

  @Override
  public String toString() {
    return "MinMaxScaler(featureRange=(" + featureMin + ", " + featureMax + ")"
        + (isFitted() ? ", numFeatures=" + scale.length : ", not fitted") + ")";
  }

  private void checkFitted(String method) {
    if (scale == null) {
      throw new IllegalStateException(
          "MinMaxScaler: " + method + "() needs the ranges of a fitted scaler, but this one is not fitted yet; "
              + "call fit(...) first (or use fitTransform(...)).");
    }
  }

  private void checkFeatures(String method, float[][] x) {
    int features = checkMatrix(method, x);
    if (features != scale.length) {
      throw new IllegalArgumentException(
          "MinMaxScaler." + method + ": x has " + features + " features, but the scaler was fitted on "
              + scale.length + " features; pass data with the fitted columns or fit(...) again.");
    }
  }

  /** Checks that {@code x} is a non-empty, rectangular matrix of finite or NaN values and returns its width. */
  private static int checkMatrix(String method, float[][] x) {
    requireNonNull(x, "x");
    if (x.length == 0) {
      throw new IllegalArgumentException(
          "MinMaxScaler." + method + ": x must have at least 1 sample, but got 0 rows.");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new NullPointerException("x[" + i + "]");
      }
    }
    int features = x[0].length;
    if (features == 0) {
      throw new IllegalArgumentException(
          "MinMaxScaler." + method + ": x must have at least 1 feature, but row 0 is empty; "
              + "to scale a 1-D array, wrap it with Datasets.column(values).");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != features) {
        throw new IllegalArgumentException(
            "MinMaxScaler." + method + ": every row must have the same number of features, but row 0 has "
                + features + " and row " + i + " has " + x[i].length + ".");
      }
      for (int j = 0; j < features; j++) {
        if (Float.isInfinite(x[i][j])) {
          throw new IllegalArgumentException(
              "MinMaxScaler." + method + ": x must be finite (NaN marks a missing value), but got x[" + i + "]["
                  + j + "]=" + x[i][j] + ".");
        }
      }
    }
    return features;
  }
}
