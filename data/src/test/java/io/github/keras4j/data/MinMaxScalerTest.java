package io.github.keras4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MinMaxScalerTest {

  /** scikit-learn's docstring example: {@code MinMaxScaler().fit(data)}. */
  private static final float[][] DATA = {{-1f, 2f}, {-0.5f, 6f}, {0f, 10f}, {1f, 18f}};

  private static void assertRows(float[][] actual, float[][] expected) {
    assertThat(actual).hasNumberOfRows(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("row %d", i).containsExactly(expected[i], within(1e-6f));
    }
  }

  @Test
  void scalesEachFeatureToZeroOneLikeScikitLearn() {
    MinMaxScaler scaler = new MinMaxScaler();

    float[][] scaled = scaler.fitTransform(DATA);

    assertRows(scaled, new float[][] {{0f, 0f}, {0.25f, 0.25f}, {0.5f, 0.5f}, {1f, 1f}});
    assertThat(scaler.dataMin()).containsExactly(-1, 2);
    assertThat(scaler.dataMax()).containsExactly(1, 18);
    assertThat(scaler.dataRange()).containsExactly(2, 16);
    assertThat(scaler.scale()).containsExactly(new double[] {0.5, 0.0625}, within(1e-12));
    assertThat(scaler.minOffset()).containsExactly(new double[] {0.5, -0.125}, within(1e-12));
    assertThat(scaler.numFeatures()).isEqualTo(2);
  }

  @Test
  void doesNotClipDataOutsideTheFittedRange() {
    MinMaxScaler scaler = new MinMaxScaler().fit(DATA);

    assertRows(scaler.transform(new float[][] {{2f, 2f}}), new float[][] {{1.5f, 0f}});
  }

  @Test
  void scalesToACustomFeatureRange() {
    MinMaxScaler scaler = new MinMaxScaler(-1, 1);

    float[][] scaled = scaler.fitTransform(DATA);

    assertRows(scaled, new float[][] {{-1f, -1f}, {-0.5f, -0.5f}, {0f, 0f}, {1f, 1f}});
    assertThat(scaler.scale()).containsExactly(new double[] {1.0, 0.125}, within(1e-12));
    assertThat(scaler.minOffset()).containsExactly(new double[] {0.0, -1.25}, within(1e-12));
  }

  @Test
  void mapsAConstantFeatureToTheRangeMinimumAsScikitLearn() {
    float[][] x = {{5f, 1f}, {5f, 2f}, {5f, 3f}};

    MinMaxScaler zeroOne = new MinMaxScaler();
    assertRows(zeroOne.fitTransform(x), new float[][] {{0f, 0f}, {0f, 0.5f}, {0f, 1f}});
    assertThat(zeroOne.dataRange()[0]).isZero();
    assertThat(zeroOne.scale()[0]).isEqualTo(1.0); // _handle_zeros_in_scale: a range of 0 counts as 1
    assertThat(zeroOne.minOffset()[0]).isEqualTo(-5.0);

    MinMaxScaler symmetric = new MinMaxScaler(-1, 1);
    assertRows(symmetric.fitTransform(x), new float[][] {{-1f, -1f}, {-1f, 0f}, {-1f, 1f}});
    assertThat(symmetric.scale()[0]).isEqualTo(2.0);
    // Data off the constant moves by the range width per unit, as in scikit-learn.
    assertRows(symmetric.transform(new float[][] {{6f, 1f}}), new float[][] {{1f, -1f}});
  }

  @Test
  void ignoresNaNWhenFittingAndKeepsItWhenTransformingLikeNanminAndNanmax() {
    float[][] x = {{1f, Float.NaN}, {3f, 2f}, {Float.NaN, 4f}};
    MinMaxScaler scaler = new MinMaxScaler();

    float[][] scaled = scaler.fitTransform(x);

    assertThat(scaler.dataMin()).containsExactly(1, 2);
    assertThat(scaler.dataMax()).containsExactly(3, 4);
    assertThat(scaled[0][0]).isEqualTo(0f);
    assertThat(scaled[0][1]).isNaN();
    assertThat(scaled[1]).containsExactly(new float[] {1f, 0f}, within(1e-6f));
    assertThat(scaled[2][0]).isNaN();
    assertThat(scaled[2][1]).isEqualTo(1f);
  }

  @Test
  void leavesAnAllNaNFeatureNaN() {
    MinMaxScaler scaler = new MinMaxScaler().fit(new float[][] {{Float.NaN, 1f}, {Float.NaN, 2f}});

    assertThat(scaler.dataMin()[0]).isNaN();
    assertThat(scaler.transform(new float[][] {{3f, 1f}})[0][0]).isNaN();
  }

  @Test
  void inverseTransformRoundTripsToTheOriginalValues() {
    float[][] x = {{35f, 13f, 5f}, {64f, 100f, 5f}, {13f, 65.5f, 5f}, {100f, -3f, 5f}};
    MinMaxScaler scaler = new MinMaxScaler(-2, 3);

    float[][] back = scaler.inverseTransform(scaler.fitTransform(x));

    for (int i = 0; i < x.length; i++) {
      assertThat(back[i]).containsExactly(x[i], within(1e-4f));
    }
  }

  @Test
  void neverModifiesItsInput() {
    float[][] x = {{1f, 2f}, {3f, 4f}};
    MinMaxScaler scaler = new MinMaxScaler();

    float[][] scaled = scaler.fitTransform(x);
    scaler.inverseTransform(scaled);

    assertThat(x).isEqualTo(new float[][] {{1f, 2f}, {3f, 4f}});
    assertThat(scaled).isNotSameAs(x);
  }

  @Test
  void returnsCopiesOfItsAttributes() {
    MinMaxScaler scaler = new MinMaxScaler().fit(DATA);
    scaler.scale()[0] = 42;
    scaler.dataMin()[0] = 42;

    assertThat(scaler.scale()[0]).isEqualTo(0.5);
    assertThat(scaler.dataMin()[0]).isEqualTo(-1.0);
  }

  @Test
  void refittingReplacesTheLearnedRanges() {
    MinMaxScaler scaler = new MinMaxScaler().fit(DATA);
    scaler.fit(new float[][] {{0f}, {10f}});

    assertThat(scaler.numFeatures()).isEqualTo(1);
    assertRows(scaler.transform(new float[][] {{5f}}), new float[][] {{0.5f}});
  }

  @Test
  void rejectsTransformBeforeFit() {
    MinMaxScaler scaler = new MinMaxScaler();

    assertThat(scaler.isFitted()).isFalse();
    assertThatThrownBy(() -> scaler.transform(DATA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("MinMaxScaler: transform() needs the ranges of a fitted scaler, but this one is not fitted "
            + "yet; call fit(...) first (or use fitTransform(...)).");
    assertThatThrownBy(() -> scaler.inverseTransform(DATA)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(scaler::scale).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsAnotherNumberOfFeaturesThanFitted() {
    MinMaxScaler scaler = new MinMaxScaler().fit(DATA);

    assertThatThrownBy(() -> scaler.transform(new float[][] {{1f, 2f, 3f}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MinMaxScaler.transform: x has 3 features, but the scaler was fitted on 2 features; "
            + "pass data with the fitted columns or fit(...) again.");
  }

  @Test
  void rejectsAFeatureRangeWhoseMinimumIsNotBelowItsMaximum() {
    assertThatThrownBy(() -> new MinMaxScaler(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MinMaxScaler: featureRange min must be < max, but got (1.0, 0.0).");
    assertThatThrownBy(() -> new MinMaxScaler(2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MinMaxScaler(0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MinMaxScaler: featureRange must be finite, but got (0.0, NaN).");
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> new MinMaxScaler().fit(new float[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MinMaxScaler.fit: x must have at least 1 sample, but got 0 rows.");
    assertThatThrownBy(() -> new MinMaxScaler().fit(new float[][] {{}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 feature")
        .hasMessageContaining("Datasets.column(values)");
  }

  @Test
  void rejectsRaggedRows() {
    assertThatThrownBy(() -> new MinMaxScaler().fit(new float[][] {{1f, 2f}, {3f}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MinMaxScaler.fit: every row must have the same number of features, but row 0 has 2 and "
            + "row 1 has 1.");
  }

  @Test
  void rejectsInfiniteValues() {
    assertThatThrownBy(() -> new MinMaxScaler().fit(new float[][] {{1f}, {Float.POSITIVE_INFINITY}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MinMaxScaler.fit: x must be finite (NaN marks a missing value), but got x[1][0]=Infinity.");
  }
}
