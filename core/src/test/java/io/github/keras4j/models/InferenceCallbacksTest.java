package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.TestData;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The callback hooks of evaluate and predict, and the test hooks that fit's validation calls (Keras's order). */
class InferenceCallbacksTest {
  private static final float[][] X = TestData.normal(25, 3, 1);
  private static final int[] Y = TestData.labels(25, 2, 2);
  private static final float[][] X_VAL = TestData.normal(10, 3, 4);
  private static final int[] Y_VAL = TestData.labels(10, 2, 5);

  private static Sequential model() {
    Keras.setRandomSeed(3);
    Sequential model = new Sequential(new Dense(4).inputShape(3).activation("relu"),
        new Dense(2).activation("softmax"));
    model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  /** Records the test and predict hooks (and fit's epoch hooks) as lines, e.g. {@code testBatchEnd 2}. */
  static class Recorder implements Callback {
    final List<String> events = new ArrayList<>();
    final List<Map<String, Double>> testBatchLogs = new ArrayList<>();
    final List<Map<String, Double>> testEndLogs = new ArrayList<>();
    final List<Map<String, Double>> predictLogs = new ArrayList<>();
    final List<Map<String, Double>> epochLogs = new ArrayList<>();
    Model model;

    @Override
    public void setModel(Model model) {
      this.model = model;
      events.add("setModel");
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
      events.add("epochBegin " + epoch);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      events.add("epochEnd " + epoch);
      epochLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
      events.add("testBegin");
      assertThat(logs).isEmpty();
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
      events.add("testEnd");
      testEndLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
      events.add("testBatchBegin " + batch);
      assertThat(logs).isEmpty();
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
      events.add("testBatchEnd " + batch);
      testBatchLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
      events.add("predictBegin");
      predictLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
      events.add("predictEnd");
      predictLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onPredictBatchBegin(int batch, Map<String, Double> logs) {
      events.add("predictBatchBegin " + batch);
      predictLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
      events.add("predictBatchEnd " + batch);
      predictLogs.add(Map.copyOf(logs));
    }
  }

  @Test
  void evaluateCallsTheTestHooksInKerasOrderWithZeroBasedBatchIndices() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      model.evaluate(X, Y, new EvaluateOptions().batchSize(10).verbose(0).callbacks(recorder));
      assertThat(recorder.model).isSameAs(model);
      assertThat(recorder.events).containsExactly(
          "setModel", "testBegin",
          "testBatchBegin 0", "testBatchEnd 0", "testBatchBegin 1", "testBatchEnd 1",
          "testBatchBegin 2", "testBatchEnd 2",
          "testEnd");
    }
  }

  @Test
  void evaluatePassesRunningMeansToBatchHooksAndTheReturnedValuesToTestEnd() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      Map<String, Double> result =
          model.evaluate(X, Y, new EvaluateOptions().batchSize(10).verbose(0).callbacks(recorder));
      assertThat(recorder.testBatchLogs).hasSize(3);
      assertThat(recorder.testBatchLogs).allSatisfy(logs ->
          assertThat(logs.keySet()).containsExactlyInAnyOrder("loss", "accuracy"));
      Map<String, Double> last = recorder.testBatchLogs.get(2);
      assertThat(last.get("loss")).isCloseTo(result.get("loss"), within(1e-12));
      assertThat(last.get("accuracy")).isCloseTo(result.get("accuracy"), within(1e-12));
      assertThat(recorder.testEndLogs).containsExactly(result);

      Map<String, Double> firstTen = model.evaluate(TestData.rows(X, 0, 10), TestData.rows(Y, 0, 10),
          new EvaluateOptions().batchSize(10).verbose(0));
      assertThat(recorder.testBatchLogs.get(0).get("loss"))
          .as("the first batch's running mean is the mean over its samples")
          .isCloseTo(firstTen.get("loss"), within(1e-6));
    }
  }

  @Test
  void evaluateCallsEachCallbackInOrderAndStillWorksWithNone() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      List<String> order = new ArrayList<>();
      Callback first = new Callback() {
        @Override
        public void onTestEnd(Map<String, Double> logs) {
          order.add("first");
        }
      };
      Callback second = new Callback() {
        @Override
        public void onTestEnd(Map<String, Double> logs) {
          order.add("second");
        }
      };
      Map<String, Double> with =
          model.evaluate(X, Y, new EvaluateOptions().verbose(0).callbacks(List.of(first, second)));
      Map<String, Double> without = model.evaluate(X, Y, new EvaluateOptions().verbose(0));
      assertThat(order).containsExactly("first", "second");
      assertThat(with).isEqualTo(without);
    }
  }

  @Test
  void predictCallsThePredictHooksInKerasOrderWithEmptyLogs() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      float[][] predictions = model.predict(X, new PredictOptions().batchSize(10).callbacks(recorder));
      assertThat(predictions).hasNumberOfRows(25);
      assertThat(recorder.model).isSameAs(model);
      assertThat(recorder.events).containsExactly(
          "setModel", "predictBegin",
          "predictBatchBegin 0", "predictBatchEnd 0", "predictBatchBegin 1", "predictBatchEnd 1",
          "predictBatchBegin 2", "predictBatchEnd 2",
          "predictEnd");
      assertThat(recorder.predictLogs).allSatisfy(logs -> assertThat(logs).isEmpty());
      assertThat(predictions).isDeepEqualTo(model.predict(X, new PredictOptions().batchSize(10)));
    }
  }

  @Test
  void fitCallsTheTestHooksOfItsCallbacksDuringEachValidationPass() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      History history = model.fit(X, Y, new FitOptions().batchSize(10).epochs(2).verbose(0)
          .validationData(X_VAL, Y_VAL).callbacks(recorder).seed(1));
      assertThat(recorder.events).containsExactly(
          "setModel",
          "epochBegin 0", "testBegin", "testBatchBegin 0", "testBatchEnd 0", "testEnd", "epochEnd 0",
          "epochBegin 1", "testBegin", "testBatchBegin 0", "testBatchEnd 0", "testEnd", "epochEnd 1");
      for (int epoch = 0; epoch < 2; epoch++) {
        Map<String, Double> end = recorder.testEndLogs.get(epoch);
        assertThat(end.keySet()).as("Keras's on_test_end gets unprefixed names")
            .containsExactlyInAnyOrder("loss", "accuracy");
        assertThat(end.get("loss")).isEqualTo(history.get("val_loss").get(epoch));
        assertThat(end.get("accuracy")).isEqualTo(history.get("val_accuracy").get(epoch));
        assertThat(recorder.testBatchLogs.get(epoch)).isEqualTo(end);
      }
    }
  }

  @Test
  void fitCallsTheTestBatchHooksForEveryValidationBatchOnlyInValidatedEpochs() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      model.fit(X, Y, new FitOptions().batchSize(5).epochs(2).verbose(0).validationData(X_VAL, Y_VAL)
          .validationFreq(2).callbacks(recorder).seed(1));
      assertThat(recorder.events).containsExactly(
          "setModel",
          "epochBegin 0", "epochEnd 0",
          "epochBegin 1", "testBegin", "testBatchBegin 0", "testBatchEnd 0", "testBatchBegin 1", "testBatchEnd 1",
          "testEnd", "epochEnd 1");
      assertThat(recorder.epochLogs.get(0)).doesNotContainKey("val_loss");
      assertThat(recorder.testBatchLogs.get(1).get("loss"))
          .isCloseTo(recorder.epochLogs.get(1).get("val_loss"), within(1e-12));
    }
  }

  @Test
  void optionsReturnACopyOfTheirCallbacksAndRejectNull() {
    Recorder recorder = new Recorder();
    EvaluateOptions evaluate = new EvaluateOptions().callbacks(recorder);
    PredictOptions predict = new PredictOptions().callbacks(List.of(recorder));
    assertThat(new EvaluateOptions().callbacks()).isEmpty();
    assertThat(evaluate.callbacks()).containsExactly(recorder);
    assertThat(predict.callbacks()).containsExactly(recorder);
    assertThatThrownBy(() -> evaluate.callbacks().add(recorder)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> predict.callbacks((Callback) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("callback");
  }

  /** Keras 3's stop_evaluating / stop_predicting, set by a callback at the end of batch {@code stopAt}. */
  static final class Stopper extends Recorder {
    private final int stopAt;

    Stopper(int stopAt) {
      this.stopAt = stopAt;
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
      super.onTestBatchEnd(batch, logs);
      if (batch == stopAt) {
        model.stopEvaluating(true);
      }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
      super.onPredictBatchEnd(batch, logs);
      if (batch == stopAt) {
        model.stopPredicting(true);
      }
    }
  }

  @Test
  void evaluateStopsAfterTheBatchWhereACallbackSetStopEvaluating() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Stopper stopper = new Stopper(2);
      Map<String, Double> stopped =
          model.evaluate(X, Y, new EvaluateOptions().batchSize(5).verbose(0).callbacks(stopper));
      assertThat(stopper.events).containsExactly(
          "setModel", "testBegin",
          "testBatchBegin 0", "testBatchEnd 0", "testBatchBegin 1", "testBatchEnd 1",
          "testBatchBegin 2", "testBatchEnd 2",
          "testEnd");
      assertThat(model.stopEvaluating()).isTrue();
      // The logs are the means over the three batches run: the first 15 samples.
      Map<String, Double> firstFifteen = model.evaluate(TestData.rows(X, 0, 15), TestData.rows(Y, 0, 15),
          new EvaluateOptions().batchSize(5).verbose(0));
      assertThat(stopped.get("loss")).isCloseTo(firstFifteen.get("loss"), within(1e-6));
      assertThat(stopped.get("accuracy")).isCloseTo(firstFifteen.get("accuracy"), within(1e-12));
      assertThat(stopper.testEndLogs).containsExactly(stopped);
      assertThat(model.stopEvaluating()).as("the next evaluate starts with the flag cleared").isFalse();
      Recorder all = new Recorder();
      model.evaluate(X, Y, new EvaluateOptions().batchSize(5).verbose(0).callbacks(all));
      assertThat(all.testBatchLogs).hasSize(5);
    }
  }

  @Test
  void predictStopsAfterTheBatchWhereACallbackSetStopPredictingAndReturnsTheRowsSoFar() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Stopper stopper = new Stopper(2);
      float[][] stopped = model.predict(X, new PredictOptions().batchSize(5).verbose(0).callbacks(stopper));
      assertThat(stopper.events).containsExactly(
          "setModel", "predictBegin",
          "predictBatchBegin 0", "predictBatchEnd 0", "predictBatchBegin 1", "predictBatchEnd 1",
          "predictBatchBegin 2", "predictBatchEnd 2",
          "predictEnd");
      float[][] all = model.predict(X, new PredictOptions().batchSize(5).verbose(0));
      assertThat(all).hasNumberOfRows(25);
      assertThat(stopped).hasNumberOfRows(15).isDeepEqualTo(TestData.rows(all, 0, 15));
    }
  }

  @Test
  void fitValidationStopsAfterTheBatchWhereACallbackSetStopEvaluating() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Stopper stopper = new Stopper(0);
      History history = model.fit(X, Y, new FitOptions().batchSize(5).epochs(1).verbose(0)
          .validationData(X_VAL, Y_VAL).callbacks(stopper).seed(1));
      assertThat(stopper.events).containsExactly(
          "setModel", "epochBegin 0", "testBegin", "testBatchBegin 0", "testBatchEnd 0", "testEnd", "epochEnd 0");
      Map<String, Double> firstBatch = model.evaluate(TestData.rows(X_VAL, 0, 5), TestData.rows(Y_VAL, 0, 5),
          new EvaluateOptions().batchSize(5).verbose(0));
      assertThat(history.get("val_loss").get(0)).isCloseTo(firstBatch.get("loss"), within(1e-6));
      assertThat(model.stopTraining()).as("stopping evaluation does not stop training").isFalse();
    }
  }
}
