package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** What fit reports and which samples it trains and validates on. */
class TrainingSemanticsTest {
  private static final EvaluateOptions QUIET = new EvaluateOptions().verbose(0);

  /** A softmax regression with seeded weights; the SGD learning rate is so small that weights do not move. */
  private static Sequential frozenInPracticeSoftmax(int features, int classes) {
    Keras.setRandomSeed(features * 10L + classes);
    Sequential model = new Sequential(new Dense(classes).inputShape(features).activation("softmax")
        .kernelInitializer(Initializers.glorotUniform(3L)));
    model.compile(new SGD(1e-10), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  @Test
  void validationSplitHoldsOutTheLastFractionBeforeShuffling() {
    float[][] x = TestData.normal(100, 3, 1);
    int[] y = TestData.labels(100, 2, 2);
    try (var scope = KerasContext.isolated(); Sequential model = frozenInPracticeSoftmax(3, 2)) {
      History history = model.fit(x, y, new FitOptions().validationSplit(0.2).batchSize(7).epochs(3)
          .shuffle(true).verbose(0).seed(1));

      Map<String, Double> train = model.evaluate(TestData.rows(x, 0, 80), TestData.rows(y, 0, 80), QUIET);
      Map<String, Double> validation =
          model.evaluate(TestData.rows(x, 80, 100), TestData.rows(y, 80, 100), QUIET);
      Map<String, Double> firstTwenty = model.evaluate(TestData.rows(x, 0, 20), TestData.rows(y, 0, 20), QUIET);
      for (int epoch = 0; epoch < 3; epoch++) {
        assertThat(history.get("loss").get(epoch)).isCloseTo(train.get("loss"), within(1e-5));
        assertThat(history.get("accuracy").get(epoch)).isCloseTo(train.get("accuracy"), within(1e-6));
        assertThat(history.get("val_loss").get(epoch)).isCloseTo(validation.get("loss"), within(1e-5));
        assertThat(history.get("val_accuracy").get(epoch)).isCloseTo(validation.get("accuracy"), within(1e-6));
      }
      assertThat(validation.get("loss")).isNotCloseTo(firstTwenty.get("loss"), within(1e-3));
    }
  }

  @Test
  void validationSplitScoresOnlyTheLastSamples() {
    float[][] x = TestData.normal(100, 3, 4);
    int[] y = TestData.labels(100, 2, 5);
    for (int i = 80; i < 100; i++) {
      y[i] = 1;
    }
    int zerosInTraining = 0;
    for (int i = 0; i < 80; i++) {
      zerosInTraining += y[i] == 0 ? 1 : 0;
    }
    try (var scope = KerasContext.isolated(); Sequential model = frozenInPracticeSoftmax(3, 2)) {
      // Always predicts class 0: validation accuracy is 0 exactly when every validation label is 1.
      model.setWeights(List.of(NdArrays.ofFloats(Shape.of(3, 2)),
          NdArrays.wrap(Shape.of(2), DataBuffers.of(new float[] {5f, 0f}, false, false))));
      History history = model.fit(x, y, new FitOptions().validationSplit(0.2).batchSize(16).epochs(2)
          .verbose(0).seed(2));
      assertThat(history.get("val_accuracy")).containsExactly(0.0, 0.0);
      assertThat(history.get("accuracy").get(1)).isCloseTo(zerosInTraining / 80.0, within(1e-6));
    }
  }

  @Test
  void validatesWithTheWeightsAtTheEndOfEachEpoch() {
    float[][] x = TestData.normal(60, 3, 6);
    int[] y = TestData.labels(60, 3, 7);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(8);
      try (Sequential model = new Sequential(new Dense(8).inputShape(3).activation("relu"),
          new Dense(3).activation("softmax"))) {
        model.compile(new Adam(0.05), "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(x, y, new FitOptions().validationSplit(0.25).batchSize(8).epochs(2)
            .verbose(0).seed(9));
        Map<String, Double> validation = model.evaluate(TestData.rows(x, 45, 60), TestData.rows(y, 45, 60), QUIET);
        assertThat(history.get("val_loss").get(1)).isCloseTo(validation.get("loss"), within(1e-5));
        assertThat(history.get("val_accuracy").get(1)).isCloseTo(validation.get("accuracy"), within(1e-6));
        assertThat(history.get("loss").get(1)).isNotCloseTo(history.get("loss").get(0), within(1e-4));
      }
    }
  }

  @Test
  void validationDataIsScoredButNeverTrainedOn() {
    float[][] x = TestData.normal(40, 3, 10);
    int[] y = TestData.labels(40, 2, 11);
    float[][] xVal = TestData.normal(13, 3, 12);
    int[] yVal = TestData.labels(13, 2, 13);
    try (var scope = KerasContext.isolated(); Sequential model = frozenInPracticeSoftmax(3, 2)) {
      History history = model.fit(x, y, new FitOptions().validationData(xVal, yVal).batchSize(5).verbose(0)
          .seed(1));
      Map<String, Double> train = model.evaluate(x, y, QUIET);
      Map<String, Double> validation = model.evaluate(xVal, yVal, QUIET);
      assertThat(history.get("loss").get(0)).isCloseTo(train.get("loss"), within(1e-5));
      assertThat(history.get("val_loss").get(0)).isCloseTo(validation.get("loss"), within(1e-5));
      assertThat(history.get("val_accuracy").get(0)).isCloseTo(validation.get("accuracy"), within(1e-6));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 7, 1, 103, 200})
  void reportsExactEpochMeansWhenTheBatchSizeDoesNotDivideTheSampleCount(int batchSize) {
    float[][] x = TestData.normal(103, 4, 21);
    int[] y = TestData.labels(103, 3, 22);
    try (var scope = KerasContext.isolated(); Sequential model = frozenInPracticeSoftmax(4, 3)) {
      History history = model.fit(x, y, new FitOptions().batchSize(batchSize).epochs(1).shuffle(false)
          .verbose(0).seed(1));
      Map<String, Double> evaluated = model.evaluate(x, y, QUIET);

      float[][] p = model.predict(x);
      int[] predicted = TestData.argmax(p);
      int hits = 0;
      double logLoss = 0;
      for (int i = 0; i < x.length; i++) {
        hits += predicted[i] == y[i] ? 1 : 0;
        logLoss -= Math.log(p[i][y[i]]);
      }
      assertThat(history.get("loss").get(0)).isCloseTo(evaluated.get("loss"), within(1e-4));
      assertThat(history.get("loss").get(0)).isCloseTo(logLoss / x.length, within(1e-4));
      assertThat(history.get("accuracy").get(0)).isCloseTo(hits / 103.0, within(1e-9));
      assertThat(evaluated.get("accuracy")).isCloseTo(hits / 103.0, within(1e-9));
    }
  }

  @Test
  void evaluateGivesTheSameMeansForEveryBatchSize() {
    float[][] x = TestData.normal(103, 4, 31);
    int[] y = TestData.labels(103, 3, 32);
    try (var scope = KerasContext.isolated(); Sequential model = frozenInPracticeSoftmax(4, 3)) {
      Map<String, Double> reference = model.evaluate(x, y, new EvaluateOptions().batchSize(103).verbose(0));
      for (int batchSize : new int[] {1, 10, 32, 500}) {
        Map<String, Double> result = model.evaluate(x, y, new EvaluateOptions().batchSize(batchSize).verbose(0));
        assertThat(result.keySet()).containsExactly("loss", "accuracy");
        assertThat(result.get("loss")).isCloseTo(reference.get("loss"), within(1e-5));
        assertThat(result.get("accuracy")).isCloseTo(reference.get("accuracy"), within(1e-9));
      }
    }
  }

  @Test
  void reproducesATrainingRunFromTheSameSeeds() {
    float[][] x = TestData.normal(50, 2, 41);
    int[] y = TestData.labels(50, 2, 42);
    double[] finalLoss = new double[2];
    for (int run = 0; run < 2; run++) {
      try (var scope = KerasContext.isolated()) {
        Keras.setRandomSeed(43);
        try (Sequential model = new Sequential(new Dense(8).inputShape(2).activation("relu"),
            new Dense(2).activation("softmax"))) {
          model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
          History h = model.fit(x, y, new FitOptions().batchSize(8).epochs(3).verbose(0).seed(44));
          finalLoss[run] = h.get("loss").get(2);
        }
      }
    }
    assertThat(finalLoss[1]).isEqualTo(finalLoss[0]);
  }
}
