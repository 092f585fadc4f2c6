package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** History, epochs and the callback hooks of fit. */
class FitCallbacksTest {
  private static final float[][] X = TestData.normal(25, 3, 1);
  private static final int[] Y = TestData.labels(25, 2, 2);

  private static Sequential model() {
    Keras.setRandomSeed(3);
    Sequential model = new Sequential(new Dense(4).inputShape(3).activation("relu"),
        new Dense(2).activation("softmax"));
    model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  /** Records every hook as a line, e.g. {@code epochBegin 0}. */
  static class Recorder implements Callback {
    final List<String> events = new ArrayList<>();
    final List<Map<String, Double>> batchLogs = new ArrayList<>();
    final List<Map<String, Double>> epochLogs = new ArrayList<>();
    Model model;

    @Override
    public void setModel(Model model) {
      this.model = model;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
      events.add("trainBegin");
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
      events.add("trainEnd");
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
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
      events.add("batchBegin " + batch);
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
      events.add("batchEnd " + batch);
      batchLogs.add(Map.copyOf(logs));
    }
  }

  @Test
  void recordsLossAndMetricsThenTheirValidationCounterpartsInKerasOrder() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      History history = model.fit(X, Y, new FitOptions().validationSplit(0.2).batchSize(5).epochs(3).verbose(0)
          .seed(1));
      assertThat(history.history().keySet()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
      assertThat(history.history().values()).allSatisfy(series -> assertThat(series).hasSize(3));
      assertThat(history.epochs()).containsExactly(0, 1, 2);
      assertThat(history.contains("val_loss")).isTrue();
      assertThat(history.contains("val_acc")).isFalse();
      assertThatThrownBy(() -> history.get("val_acc"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("History: no series named 'val_acc'; available: [loss, accuracy, val_loss, val_accuracy].");
      assertThatThrownBy(() -> history.history().get("loss").add(1.0))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void recordsOnlyTrainingSeriesWithoutValidation() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      History history = model.fit(X, Y, new FitOptions().batchSize(5).epochs(2).verbose(0).seed(1));
      assertThat(history.history().keySet()).containsExactly("loss", "accuracy");
    }
  }

  @Test
  void resumesFromTheInitialEpoch() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      History history = model.fit(X, Y, new FitOptions().initialEpoch(2).epochs(4).batchSize(5).verbose(0)
          .callbacks(recorder).seed(1));
      assertThat(history.epochs()).containsExactly(2, 3);
      assertThat(history.get("loss")).hasSize(2);
      assertThat(recorder.events).filteredOn(e -> e.startsWith("epoch"))
          .containsExactly("epochBegin 2", "epochEnd 2", "epochBegin 3", "epochEnd 3");
      assertThat(model.optimizer().iterationCount()).isEqualTo(2 * 5);
    }
  }

  @Test
  void callsEveryHookWithZeroBasedEpochAndBatchIndices() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      model.fit(X, Y, new FitOptions().batchSize(10).epochs(2).verbose(0).callbacks(recorder).seed(1));
      assertThat(recorder.model).isSameAs(model);
      assertThat(recorder.events).containsExactly(
          "trainBegin",
          "epochBegin 0", "batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1", "batchBegin 2", "batchEnd 2",
          "epochEnd 0",
          "epochBegin 1", "batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1", "batchBegin 2", "batchEnd 2",
          "epochEnd 1",
          "trainEnd");
    }
  }

  @Test
  void passesRunningMeansToBatchHooksAndTheEpochMeansToEpochHooks() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      History history = model.fit(X, Y, new FitOptions().batchSize(10).epochs(1).verbose(0).callbacks(recorder)
          .seed(1));
      assertThat(recorder.batchLogs).hasSize(3);
      assertThat(recorder.batchLogs.get(0).keySet()).containsExactlyInAnyOrder("loss", "accuracy");
      Map<String, Double> last = recorder.batchLogs.get(2);
      assertThat(last.get("loss")).isCloseTo(history.get("loss").get(0), within(1e-12));
      assertThat(recorder.epochLogs.get(0).get("accuracy")).isEqualTo(history.get("accuracy").get(0));
    }
  }

  @Test
  void stopsAfterTheEpochInWhichACallbackAskedToStop() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder() {
        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
          super.onEpochEnd(epoch, logs);
          if (epoch == 1) {
            model.stopTraining(true);
          }
        }
      };
      History history = model.fit(X, Y, new FitOptions().batchSize(5).epochs(10).verbose(0).callbacks(recorder)
          .seed(1));
      assertThat(history.epochs()).containsExactly(0, 1);
      assertThat(recorder.events).endsWith("epochEnd 1", "trainEnd");
      assertThat(model.stopTraining()).isTrue();

      History next = model.fit(X, Y, new FitOptions().batchSize(5).epochs(3).verbose(0).seed(1));
      assertThat(next.epochs()).as("a new fit starts with stopTraining reset").containsExactly(0, 1, 2);
    }
  }

  @Test
  void runsNoEpochWhenEpochsIsZero() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Recorder recorder = new Recorder();
      History history = model.fit(X, Y, new FitOptions().epochs(0).verbose(0).callbacks(recorder).seed(1));
      assertThat(history.epochs()).isEmpty();
      assertThat(recorder.events).containsExactly("trainBegin", "trainEnd");
    }
  }

  /**
   * Keras applies a trainable change made during fit at the next compile; it must not break the running fit (a
   * gradual-unfreezing callback freezes or unfreezes layers at epoch end).
   */
  @Test
  void survivesACallbackThatFreezesALayerDuringFitWithValidation() {
    try (var scope = KerasContext.isolated(); Sequential model = model()) {
      Callback freezer = new Callback() {
        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
          if (epoch == 0) {
            model.getLayer(0).trainable(false);
          }
        }
      };
      History history = model.fit(X, Y, new FitOptions().validationSplit(0.2).batchSize(5).epochs(3).verbose(0)
          .callbacks(freezer).seed(1));
      assertThat(history.epochs()).containsExactly(0, 1, 2);
    }
  }
}
