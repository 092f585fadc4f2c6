package io.github.keras4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Each loss, evaluated on a model with fixed weights, equals its formula computed by hand. */
class LossValuesTest {
  private static final EvaluateOptions QUIET = new EvaluateOptions().batchSize(7).verbose(0);
  private static final float[][] X = TestData.normal(20, 3, 1);
  private static final float[] KERNEL = {0.5f, -1f, 0.25f, 2f, -0.75f, 0.1f, 1f, 0.3f, -0.6f};
  private static final float[] BIAS = {0.1f, -0.2f, 0.05f};

  /** Dense(3) with the fixed KERNEL and BIAS, then the given activation (or none). */
  private static Sequential fixedModel(String activation, String loss, String... metrics) {
    Sequential model = new Sequential(new Dense(3).inputShape(3));
    if (activation != null) {
      model.add(new Activation(activation));
    }
    model.setWeights(List.of(NdArrays.wrap(Shape.of(3, 3), DataBuffers.of(KERNEL.clone(), false, false)),
        NdArrays.wrap(Shape.of(3), DataBuffers.of(BIAS.clone(), false, false))));
    model.compile(new SGD(), loss, metrics);
    return model;
  }

  private static double[][] logits() {
    return TestData.affine(X, KERNEL, BIAS, 3);
  }

  @Test
  void sparseCategoricalCrossentropyIsMinusLogOfTheLabelsProbability() {
    int[] y = TestData.labels(20, 3, 2);
    double[][] p = TestData.softmax(logits());
    double expected = 0;
    int hits = 0;
    int[] predicted = TestData.argmax(toFloat(p));
    for (int i = 0; i < y.length; i++) {
      expected -= Math.log(p[i][y[i]]);
      hits += predicted[i] == y[i] ? 1 : 0;
    }
    expected /= y.length;
    try (var scope = KerasContext.isolated();
        Sequential model = fixedModel("softmax", "sparse_categorical_crossentropy", "accuracy")) {
      Map<String, Double> result = model.evaluate(X, y, QUIET);
      assertThat(result.get("loss")).isCloseTo(expected, within(1e-5));
      assertThat(result.get("accuracy")).isCloseTo(hits / 20.0, within(1e-9));
    }
  }

  @Test
  void categoricalCrossentropyOnOneHotLabelsEqualsTheSparseLoss() {
    int[] y = TestData.labels(20, 3, 2);
    double[][] p = TestData.softmax(logits());
    double expected = 0;
    for (int i = 0; i < y.length; i++) {
      expected -= Math.log(p[i][y[i]]);
    }
    expected /= y.length;
    try (var scope = KerasContext.isolated();
        Sequential model = fixedModel("softmax", "categorical_crossentropy", "accuracy")) {
      Map<String, Double> result = model.evaluate(X, TestData.oneHot(y, 3), QUIET);
      assertThat(result.get("loss")).isCloseTo(expected, within(1e-5));
    }
    try (var scope = KerasContext.isolated();
        Sequential model = fixedModel("softmax", "sparse_categorical_crossentropy", "accuracy")) {
      assertThat(model.evaluate(X, y, QUIET).get("loss")).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void crossentropyOnProbabilitiesNotFromASoftmaxClipsThemAsKeras() {
    // sigmoid outputs do not sum to 1: Keras renormalizes them for categorical CE and clips to [1e-7, 1 - 1e-7].
    int[] y = TestData.labels(20, 3, 3);
    double[][] z = logits();
    double expected = 0;
    for (int i = 0; i < y.length; i++) {
      double sum = 0;
      for (int j = 0; j < 3; j++) {
        sum += 1 / (1 + Math.exp(-z[i][j]));
      }
      double p = 1 / (1 + Math.exp(-z[i][y[i]])) / sum;
      expected -= Math.log(Math.min(Math.max(p, 1e-7), 1 - 1e-7));
    }
    expected /= y.length;
    try (var scope = KerasContext.isolated();
        Sequential model = fixedModel("sigmoid", "categorical_crossentropy")) {
      assertThat(model.evaluate(X, TestData.oneHot(y, 3), QUIET).get("loss")).isCloseTo(expected, within(1e-5));
    }
    try (var scope = KerasContext.isolated();
        Sequential model = fixedModel("sigmoid", "sparse_categorical_crossentropy")) {
      assertThat(model.evaluate(X, y, QUIET).get("loss")).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void binaryCrossentropyWithASigmoidOutputMatchesTheFormula() {
    float[][] y = new float[20][3];
    int[] bits = TestData.labels(60, 2, 4);
    for (int i = 0; i < 20; i++) {
      for (int j = 0; j < 3; j++) {
        y[i][j] = bits[3 * i + j];
      }
    }
    double[][] z = logits();
    double expected = 0;
    double hits = 0;
    for (int i = 0; i < 20; i++) {
      double sample = 0;
      for (int j = 0; j < 3; j++) {
        double p = 1 / (1 + Math.exp(-z[i][j]));
        sample -= y[i][j] * Math.log(p) + (1 - y[i][j]) * Math.log(1 - p);
        hits += ((p > 0.5 ? 1 : 0) == y[i][j]) ? 1 : 0;
      }
      expected += sample / 3;
    }
    expected /= 20;
    try (var scope = KerasContext.isolated();
        Sequential model = fixedModel("sigmoid", "binary_crossentropy", "binary_accuracy")) {
      Map<String, Double> result = model.evaluate(X, y, QUIET);
      assertThat(result.get("loss")).isCloseTo(expected, within(1e-5));
      assertThat(result.get("binary_accuracy")).isCloseTo(hits / 60, within(1e-6));
    }
  }

  @Test
  void binaryAccuracyIsWhatAccuracyMeansForOneOutput() {
    float[][] x = TestData.normal(30, 1, 5);
    float[][] y = new float[30][1];
    int expectedHits = 0;
    for (int i = 0; i < 30; i++) {
      y[i][0] = i % 2;
      double p = 1 / (1 + Math.exp(-(2.0 * x[i][0] - 0.5)));
      expectedHits += ((p > 0.5 ? 1 : 0) == y[i][0]) ? 1 : 0;
    }
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(1).inputShape(1).activation("sigmoid"))) {
      model.setWeights(List.of(NdArrays.wrap(Shape.of(1, 1), DataBuffers.of(new float[] {2f}, false, false)),
          NdArrays.wrap(Shape.of(1), DataBuffers.of(new float[] {-0.5f}, false, false))));
      model.compile(new SGD(), "binary_crossentropy", "accuracy");
      assertThat(model.evaluate(x, y, QUIET).get("accuracy")).isCloseTo(expectedHits / 30.0, within(1e-9));
    }
  }

  @Test
  void meanSquaredErrorAveragesOverOutputsThenSamples() {
    float[][] y = TestData.normal(20, 3, 6);
    double[][] z = logits();
    double expected = 0;
    for (int i = 0; i < 20; i++) {
      double sample = 0;
      for (int j = 0; j < 3; j++) {
        sample += (z[i][j] - y[i][j]) * (z[i][j] - y[i][j]);
      }
      expected += sample / 3;
    }
    expected /= 20;
    try (var scope = KerasContext.isolated(); Sequential model = fixedModel(null, "mse", "mse")) {
      Map<String, Double> result = model.evaluate(X, y, QUIET);
      assertThat(result.get("loss")).isCloseTo(expected, within(1e-5));
      assertThat(result.get("mse")).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void looksUpLossesByKerasAndClassNames() {
    assertThat(Losses.get("sparse_categorical_crossentropy")).isInstanceOf(SparseCategoricalCrossentropy.class);
    assertThat(Losses.get("SparseCategoricalCrossentropy").sparseLabels()).isTrue();
    assertThat(Losses.get("categorical_crossentropy")).isInstanceOf(CategoricalCrossentropy.class);
    assertThat(Losses.get("binary_crossentropy")).isInstanceOf(BinaryCrossentropy.class);
    assertThat(Losses.get("mse")).isInstanceOf(MeanSquaredError.class);
    assertThat(Losses.get("mean_squared_error").name()).isEqualTo("mean_squared_error");
    assertThatThrownBy(() -> Losses.get("hingee"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown loss function: 'hingee'. Valid names: " + Losses.NAMES + ".");
  }

  private static float[][] toFloat(double[][] values) {
    float[][] out = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new float[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        out[i][j] = (float) values[i][j];
      }
    }
    return out;
  }
}
