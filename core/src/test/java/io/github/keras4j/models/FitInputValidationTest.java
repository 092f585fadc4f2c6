package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.IncompatibleShapeException;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Optimizers;
import io.github.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad arguments to compile, fit, evaluate and predict fail early with a typed exception naming the value. */
class FitInputValidationTest {
  private static final float[][] X = TestData.normal(10, 1, 1);
  private static final int[] Y = TestData.labels(10, 2, 2);

  private static Sequential ann() {
    Keras.setRandomSeed(1);
    return new Sequential(new Dense(4).inputShape(1).activation("relu"), new Dense(2).activation("softmax"));
  }

  private static Sequential compiledAnn(String loss) {
    Sequential model = ann();
    model.compile(new Adam(), loss, "accuracy");
    return model;
  }

  private static FitOptions quiet() {
    return new FitOptions().verbose(0).seed(1);
  }

  @Test
  void rejectsFitBeforeCompile() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      assertThatThrownBy(() -> model.fit(X, Y, quiet()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Model 'sequential' is not compiled. Call compile(...) before fit().");
      assertThatThrownBy(() -> model.evaluate(X, Y, new EvaluateOptions().verbose(0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is not compiled")
          .hasMessageContaining("before evaluate()");
      assertThat(model.isCompiled()).isFalse();
    }
  }

  @Test
  void predictsWithoutCompiling() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      assertThat(model.predict(X)).hasNumberOfRows(10);
    }
  }

  @Test
  void rejectsInputsAndLabelsOfDifferentLengths() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(X, TestData.rows(Y, 0, 9), quiet()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Data cardinality is ambiguous: x has 10 samples but y has 9 samples. Make sure all arrays"
              + " contain the same number of samples.");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, -1, 7})
  void rejectsLabelsOutsideTheClassRange(int label) {
    int[] y = Y.clone();
    y[3] = label;
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(X, y, quiet()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("label " + label)
          .hasMessageContaining("at index 3")
          .hasMessageContaining("[0, 2)");
      assertThat(model.optimizer().iterationCount()).isZero();
    }
  }

  @Test
  void rejectsAFeatureCountThatDoesNotMatchTheInputShape() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(TestData.normal(10, 3, 5), Y, quiet()))
          .isInstanceOfSatisfying(IncompatibleShapeException.class, e -> {
            assertThat(e.layerName()).isEqualTo("sequential");
            assertThat(e.expected()).isEqualTo("(None, 1)");
            assertThat(e.received()).isEqualTo("(None, 3)");
          })
          .hasMessageContaining("expected shape=(None, 1)")
          .hasMessageContaining("received input with shape=(None, 3)");
      assertThatThrownBy(() -> model.predict(TestData.normal(4, 2, 5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 2)");
    }
  }

  @Test
  void rejectsRaggedInputs() {
    float[][] ragged = {{1f}, {2f, 3f}};
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(ragged, new int[] {0, 1}, quiet()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x is ragged: row 0 has 1 features but row 1 has 2.");
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0, 1.5})
  void rejectsAValidationSplitOutsideZeroToOne(double split) {
    assertThatThrownBy(() -> new FitOptions().validationSplit(split))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FitOptions: validationSplit must be in [0, 1), but got validationSplit=" + split + ".");
  }

  @Test
  void rejectsAValidationSplitThatLeavesNoTrainingSample() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(TestData.rows(X, 0, 1), TestData.rows(Y, 0, 1),
              quiet().validationSplit(0.5)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 samples")
          .hasMessageContaining("validationSplit=0.5");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5})
  void rejectsANonPositiveBatchSize(int batchSize) {
    assertThatThrownBy(() -> new FitOptions().batchSize(batchSize))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FitOptions: batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    assertThatThrownBy(() -> new PredictOptions().batchSize(batchSize))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize=" + batchSize);
    assertThatThrownBy(() -> new EvaluateOptions().batchSize(batchSize))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batchSize=" + batchSize);
  }

  @Test
  void rejectsOtherBadFitOptions() {
    assertThatThrownBy(() -> new FitOptions().epochs(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs=-1");
    assertThatThrownBy(() -> new FitOptions().verbose(3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("verbose=3");
    assertThatThrownBy(() -> new FitOptions().initialEpoch(-2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialEpoch=-2");
  }

  @Test
  void stopsWithANonFiniteLossExceptionNamingEpochAndBatch() {
    float[][] x = TestData.normal(30, 1, 3);
    x[25][0] = Float.NaN;
    int[] y = TestData.labels(30, 2, 4);
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(x, y, quiet().batchSize(10).shuffle(false).epochs(2)))
          .isInstanceOfSatisfying(NonFiniteLossException.class, e -> {
            assertThat(e.epoch()).isZero();
            assertThat(e.batch()).isEqualTo(2);
            assertThat(e.loss()).isNaN();
          })
          .hasMessageStartingWith("Epoch 1, batch 2: invalid loss NaN");
    }
  }

  @Test
  void rejectsOneHotLabelsForTheSparseLoss() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(X, TestData.oneHot(Y, 2), quiet()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sparse_categorical_crossentropy expects one class index per sample")
          .hasMessageContaining("2 values per sample")
          .hasMessageContaining("categorical_crossentropy");
    }
  }

  @Test
  void rejectsClassIndicesForTheCategoricalLoss() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(X, Y, quiet()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("categorical_crossentropy expects labels shaped like the output (None, 2)")
          .hasMessageContaining("1 values per sample")
          .hasMessageContaining("use sparse_categorical_crossentropy");
    }
  }

  @Test
  void rejectsAnUnknownLossAndListsTheValidOnes() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      assertThatThrownBy(() -> model.compile(new SGD(), "sparse_categorical_crossentropyy"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Unknown loss function: 'sparse_categorical_crossentropyy'. Valid names: " + Losses.NAMES + ".");
      assertThat(model.isCompiled()).isFalse();
    }
  }

  @Test
  void rejectsAnUnknownMetricAndListsTheValidOnes() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      assertThatThrownBy(() -> model.compile(new SGD(), "mse", "accuracy", "precison"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Unknown metric function: 'precison'. Valid names: " + Metrics.NAMES + ".");
      assertThat(model.isCompiled()).isFalse();
    }
  }

  @Test
  void rejectsAnUnknownOptimizerAndListsTheValidOnes() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      assertThatThrownBy(() -> model.compile("adamv", "mse"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Unknown optimizer: 'adamv'. Valid names: " + Optimizers.NAMES + ".");
      assertThat(Optimizers.get("Adam")).isInstanceOf(Adam.class);
    }
  }

  @Test
  void rejectsAnUnknownInitializerAndListsTheValidOnes() {
    assertThatThrownBy(() -> new Dense(2).kernelInitializer("glorot"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown initializer: 'glorot'. Valid names: " + Initializers.NAMES + ".");
  }

  @Test
  void rejectsEmptyInputs() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      assertThatThrownBy(() -> model.fit(new float[0][], new int[0], quiet()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("x is empty: give at least one sample.");
    }
  }

  @Test
  void rejectsValidationSplitWithABatchSource() {
    try (var scope = KerasContext.isolated(); Sequential model = compiledAnn("sparse_categorical_crossentropy")) {
      BatchSource source = new ArrayBatches(new float[] {1f, 2f}, new long[] {1}, new float[] {0f, 1f}, 1, true, 0,
          2, 2, false, 0);
      assertThatThrownBy(() -> model.fit(source, quiet().validationSplit(0.5)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("validationSplit is only supported for arrays");
    }
  }
}
