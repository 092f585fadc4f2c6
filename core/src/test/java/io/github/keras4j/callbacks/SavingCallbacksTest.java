package io.github.keras4j.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelCheckpoint and EarlyStopping behave as tf.keras 2.4's. */
class SavingCallbacksTest {
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  private static Sequential model() {
    Sequential model = new Sequential(new Dense(8).inputShape(1).activation("relu"), new Dense(2).activation("softmax"));
    model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  private static Map<String, Double> logs(double valLoss) {
    return Map.of("loss", 1.0, "val_loss", valLoss);
  }

  @Test
  void earlyStoppingWaitsPatienceEpochsWithoutImprovementThenRestoresTheBestWeights() {
    try (Sequential model = model()) {
      EarlyStopping stop = new EarlyStopping().patience(2).minDelta(0.01).restoreBestWeights(true);
      stop.setModel(model);
      stop.onTrainBegin(Map.of());
      Weight kernel = ((Dense) model.getLayer(0)).kernel();
      double[] valLosses = {1.0, 0.9, 0.895, 0.95, 0.97};
      int stoppedAt = -1;
      for (int epoch = 0; epoch < valLosses.length && stoppedAt < 0; epoch++) {
        kernel.assign(filled(8, epoch)); // "training" changes the weights every epoch
        stop.onEpochEnd(epoch, logs(valLosses[epoch]));
        if (model.stopTraining()) {
          stoppedAt = epoch;
        }
      }
      // Epoch 1 (0.9) is the last improvement by more than 0.01; epochs 2 and 3 exhaust the patience.
      assertThat(stoppedAt).isEqualTo(3);
      assertThat(stop.stoppedEpoch()).isEqualTo(3);
      assertThat(stop.best()).isEqualTo(0.9);
      assertThat(kernel.read()).isEqualTo(filled(8, 1));
    }
  }

  private static float[] filled(int n, float value) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, value);
    return v;
  }

  @Test
  void earlyStoppingInAutoModeMaximizesAccuracyAndStopsFit() {
    try (Sequential model = model()) {
      float[][] x = TestData.normal(40, 1, 1);
      int[] y = TestData.labels(40, 2, 2);
      EarlyStopping stop = new EarlyStopping().monitor("accuracy").minDelta(2).patience(1);
      History history = model.fit(x, y, new FitOptions().epochs(20).batchSize(10).verbose(0).callbacks(stop));
      // The first epoch improves on -inf; no accuracy can improve by 2 after that.
      assertThat(history.epochs()).hasSize(2);
      assertThat(stop.stoppedEpoch()).isEqualTo(1);
      assertThatThrownBy(() -> new EarlyStopping().mode("sideways"))
          .hasMessage("EarlyStopping: mode must be one of \"auto\", \"min\", \"max\", but got mode=\"sideways\".");
    }
  }

  @Test
  void modelCheckpointSavesOnlyImprovementsWithSaveBestOnly() throws Exception {
    try (Sequential model = model()) {
      Path file = dir.resolve("best.h5");
      TestData.Capture capture = new TestData.Capture();
      ModelCheckpoint checkpoint =
          new ModelCheckpoint(file).saveBestOnly(true).verbose(1).output(capture.stream());
      checkpoint.setModel(model);
      checkpoint.onTrainBegin(Map.of());
      checkpoint.onEpochEnd(0, logs(0.5));
      assertThat(file).exists();
      float[] saved = model.weights().get(0).read();
      model.weights().get(0).assign(filled(8, 3));
      checkpoint.onEpochEnd(1, logs(0.6));
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.weights().get(0).read()).isEqualTo(saved);
      }
      checkpoint.onEpochEnd(2, logs(0.4));
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.weights().get(0).read()).isEqualTo(filled(8, 3));
        assertThat(loaded.isCompiled()).isTrue();
      }
      assertThat(capture.text()).isEqualTo(
          "\nEpoch 00001: val_loss improved from inf to 0.50000, saving model to " + file + "\n"
              + "\nEpoch 00002: val_loss did not improve from 0.50000\n"
              + "\nEpoch 00003: val_loss improved from 0.50000 to 0.40000, saving model to " + file + "\n");
    }
  }

  @Test
  void modelCheckpointFillsThePathTemplateEveryEpochDuringFit() throws Exception {
    try (Sequential model = model()) {
      float[][] x = TestData.normal(40, 1, 3);
      int[] y = TestData.labels(40, 2, 4);
      String template = dir.resolve("w.{epoch:02d}-{val_loss:.2f}.weights.h5").toString();
      ModelCheckpoint checkpoint = new ModelCheckpoint(template).saveWeightsOnly(true).mode("min");
      History history = model.fit(x, y, new FitOptions().epochs(3).batchSize(10).verbose(0).validationSplit(0.25)
          .callbacks(checkpoint));
      List<String> expected = new java.util.ArrayList<>();
      for (int epoch = 0; epoch < 3; epoch++) {
        expected.add(String.format(java.util.Locale.ROOT, "w.%02d-%.2f.weights.h5", epoch + 1,
            history.get("val_loss").get(epoch)));
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
            .containsExactlyInAnyOrderElementsOf(expected.stream().distinct().toList());
      }
      assertThat(ModelCheckpoint.format("m-{epoch}-{acc:.3f}.keras", 4, Map.of("acc", 0.12345)))
          .isEqualTo("m-5-0.123.keras");
      assertThatThrownBy(() -> ModelCheckpoint.format("{missing}.h5", 0, Map.of("loss", 1.0)))
          .hasMessageContaining("uses {missing}");
    }
  }
}
