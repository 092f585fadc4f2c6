package io.github.keras4j.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.NonFiniteLossException;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Keras training callbacks: learning-rate control, CSV logging, NaN termination, backup and restore. */
class TrainingCallbacksTest {
  private static final float[][] X = {{1f, 2f}, {0.5f, -1f}, {2f, 0f}, {-1f, 1f}, {0f, 3f}, {1.5f, 1f}};
  private static final float[][] Y = {{4f}, {0f}, {3f}, {1f}, {5f}, {3f}};
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(3);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  private static Sequential linear(io.github.keras4j.optimizers.Optimizer optimizer) {
    Sequential model = new Sequential(new Dense(1).kernelInitializer(new Constant(0.5)).inputShape(2));
    model.compile(optimizer, "mse");
    return model;
  }

  private static FitOptions epochs(int n) {
    return new FitOptions().epochs(n).batchSize(2).verbose(0).seed(5);
  }

  @Test
  void reduceLrOnPlateauMultipliesTheRateAfterPatienceAndCooldown() {
    SGD sgd = new SGD(0.1);
    List<Double> rates = new ArrayList<>();
    try (Sequential model = linear(sgd)) {
      // min_delta so large that nothing after the first epoch counts as an improvement.
      ReduceLROnPlateau plateau = new ReduceLROnPlateau().monitor("loss").factor(0.5).patience(1).cooldown(2)
          .minDelta(1e9).minLr(0.02);
      model.fit(X, Y, epochs(6).callbacks(plateau,
          new LambdaCallback().onEpochEnd((e, logs) -> rates.add(logs.get("learning_rate")))));
    }
    // Logs hold the rate before the epoch's reduction, as Keras. Epoch 0 improves (from inf); 1 reduces to 0.05;
    // 2 and 3 count the cooldown down (Keras's counter reaches 0 within epoch 3, which then waits and reduces);
    // 4 cools down; 5 reduces to 0.0125, floored at min_lr 0.02.
    assertThat(rates).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025, 0.025);
    assertThat(sgd.learningRate()).isEqualTo(0.02);
    assertThatThrownBy(() -> new ReduceLROnPlateau().factor(1.0))
        .hasMessageContaining("does not support a factor >= 1.0");
  }

  @Test
  void learningRateSchedulerSetsEachEpochsRateAndTrainsWithIt() {
    SGD sgd = new SGD(0.1);
    List<Double> seen = new ArrayList<>();
    try (Sequential model = linear(sgd)) {
      model.fit(X, Y, epochs(3).callbacks(new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1)),
          new LambdaCallback().onEpochBegin((e, logs) -> seen.add(sgd.learningRate()))));
    }
    assertThat(seen).containsExactly(0.1, 0.05, 0.1 / 3);
    assertThatThrownBy(() -> {
      try (Sequential model = linear(new SGD(0.1))) {
        model.fit(X, Y, epochs(1).callbacks(new LearningRateScheduler((epoch, lr) -> Double.NaN)));
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("returned NaN for epoch 0");
  }

  @Test
  void csvLoggerWritesSortedKeysWithPythonNumbers() throws Exception {
    Path file = dir.resolve("training.log");
    History history;
    try (Sequential model = linear(new SGD(0.01))) {
      model.compile(new SGD(0.01), "mse", "mae");
      history = model.fit(X, Y, epochs(2).callbacks(new CSVLogger(file)));
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("epoch,loss,mae");
    assertThat(lines.get(1)).isEqualTo("0," + Callbacks.pyFloat(history.get("loss").get(0)) + ","
        + Callbacks.pyFloat(history.get("mae").get(0)));
    assertThat(Callbacks.pyFloat(1e-7)).isEqualTo("1e-07");
    assertThat(Callbacks.pyFloat(0.0001)).isEqualTo("0.0001");
    assertThat(Callbacks.pyFloat(2)).isEqualTo("2.0");
  }

  @Test
  void terminateOnNanStopsInsteadOfThrowing() {
    float[][] huge = {{1e30f, 1e30f}};
    float[][] y = {{0f}};
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    TerminateOnNaN terminate = new TerminateOnNaN().output(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try (Sequential model = linear(new SGD(0.1))) {
      History h = model.fit(huge, y, epochs(5).callbacks(terminate));
      assertThat(terminate.terminated()).isTrue();
      assertThat(h.epochs()).containsExactly(0);
    }
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("Batch 0: Invalid loss, terminating training");
    try (Sequential model = linear(new SGD(0.1))) {
      assertThatThrownBy(() -> model.fit(huge, y, epochs(5))).isInstanceOf(NonFiniteLossException.class);
    }
  }

  /**
   * fit throws for a non-finite loss unless a callback stopped training at that batch — any callback, not only
   * TerminateOnNaN: the loop does not know the callbacks' classes (models does not depend on callbacks).
   */
  @Test
  void aNonFiniteLossThrowsUnlessACallbackStopsTraining() {
    float[][] huge = {{1e30f, 1e30f}};
    float[][] y = {{0f}};
    List<Double> seen = new ArrayList<>();
    Callback watcher = new Callback() {
      @Override
      public void onTrainBatchEnd(int batch, java.util.Map<String, Double> logs) {
        seen.add(logs.get("loss"));
      }
    };
    try (Sequential model = linear(new SGD(0.1))) {
      assertThatThrownBy(() -> model.fit(huge, y, epochs(5).callbacks(watcher)))
          .isInstanceOfSatisfying(NonFiniteLossException.class, e -> {
            assertThat(e.epoch()).isZero();
            assertThat(e.batch()).isZero();
          });
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0)).isInfinite();
    }
    Callback stopper = new Callback() {
      private io.github.keras4j.models.Model model;

      @Override
      public void setModel(io.github.keras4j.models.Model model) {
        this.model = model;
      }

      @Override
      public void onTrainBatchEnd(int batch, java.util.Map<String, Double> logs) {
        if (!Double.isFinite(logs.get("loss"))) {
          model.stopTraining(true);
        }
      }
    };
    try (Sequential model = linear(new SGD(0.1))) {
      History h = model.fit(huge, y, epochs(5).callbacks(stopper));
      assertThat(h.epochs()).containsExactly(0);
      assertThat(h.get("loss").get(0)).isInfinite();
    }
  }

  @Test
  void backupAndRestoreResumesAnInterruptedRunExactly() throws Exception {
    List<float[]> expected;
    try (var s = KerasContext.isolated(); Sequential model = linear(new Adam(0.05))) {
      model.fit(X, Y, epochs(4));
      expected = model.weights().stream().map(Weight::read).toList();
    }
    Path backup = dir.resolve("backup");
    try (var s = KerasContext.isolated(); Sequential model = linear(new Adam(0.05))) {
      Callback crash = new LambdaCallback().onEpochEnd((e, logs) -> {
        if (e == 1) {
          throw new IllegalStateException("simulated crash");
        }
      });
      assertThatThrownBy(() -> model.fit(X, Y, epochs(4).callbacks(new BackupAndRestore(backup), crash)))
          .hasMessage("simulated crash");
    }
    assertThat(backup.resolve("training_metadata.json")).content().isEqualTo("{\"epoch\": 2, \"batch\": 0}");
    try (var s = KerasContext.isolated(); Sequential model = linear(new Adam(0.05))) {
      History h = model.fit(X, Y, epochs(4).callbacks(new BackupAndRestore(backup)));
      assertThat(h.epochs()).containsExactly(2, 3);
      assertThat(model.optimizer().iterationCount()).isEqualTo(4 * 3);
      List<float[]> weights = model.weights().stream().map(Weight::read).toList();
      for (int i = 0; i < weights.size(); i++) {
        for (int j = 0; j < weights.get(i).length; j++) {
          assertThat(weights.get(i)[j]).isCloseTo(expected.get(i)[j], within(1e-6f));
        }
      }
    }
    assertThat(backup).doesNotExist();
  }
}
