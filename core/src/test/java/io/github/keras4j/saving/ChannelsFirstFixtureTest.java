package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Conv1D;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * The Keras 2.3.1 file {@code legacy/conv1d_channels_first_model.h5} (DL4J's import test resources): a Conv1D with
 * {@code data_format="channels_first"}, kernel 3, same padding and sigmoid, on input {@code (3, 16)}. Its
 * companion {@code conv1d_channels_first_inputs_and_outputs.h5} holds the inputs and the predictions Keras computed
 * ({@code inputs/conv0_input}, {@code predictions/conv0}); those are the reference here.
 */
class ChannelsFirstFixtureTest {
  private static final String MODEL = "legacy/conv1d_channels_first_model.h5";
  private static final String DATA = "legacy/conv1d_channels_first_inputs_and_outputs.h5";

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

  private static float[][][] read(Path file, String dataset) throws Exception {
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
      return (float[][][]) h.getDatasetByPath(dataset).getData();
    }
  }

  private static void assertMatchesKeras(Model model, float[][][] input, float[][][] expected) {
    float[][] predicted = model.predict(StdArrays.ndCopyOf(input));
    assertThat(predicted).hasNumberOfRows(expected.length);
    for (int s = 0; s < expected.length; s++) {
      int i = 0;
      for (float[] channel : expected[s]) {
        for (float v : channel) {
          assertThat(predicted[s][i]).as("sample %d value %d", s, i).isCloseTo(v, within(1e-5f * Math.abs(v) + 1e-7f));
          i++;
        }
      }
    }
  }

  @Test
  void loadsAndPredictsWhatKerasPredicted() throws Exception {
    Path modelFile = KerasFixtures.file(MODEL);
    Path dataFile = KerasFixtures.file(DATA);
    float[][][] input = read(dataFile, "inputs/conv0_input");
    float[][][] expected = read(dataFile, "predictions/conv0");
    assertThat(input.length).isEqualTo(2);
    assertThat(expected[0]).hasNumberOfRows(4);
    try (Model model = Models.load(modelFile)) {
      Conv1D conv = (Conv1D) model.layers().get(model.layers().size() - 1);
      assertThat(conv.dataFormat()).isEqualTo("channels_first");
      assertThat(conv.kernel().shape()).containsExactly(3, 3, 4);
      assertThat(model.outputShape().asArray()).containsExactly(-1, 4, 16);
      assertMatchesKeras(model, input, expected);
    }
  }

  @Test
  void savesAsH5AndKerasAndLoadsBackEqual() throws Exception {
    Path dataFile = KerasFixtures.file(DATA);
    float[][][] input = read(dataFile, "inputs/conv0_input");
    float[][][] expected = read(dataFile, "predictions/conv0");
    try (Model model = Models.load(KerasFixtures.file(MODEL))) {
      List<FloatNdArray> weights = model.getWeights();
      for (String name : List.of("again.h5", "again.keras")) {
        Path file = dir.resolve(name);
        model.save(file);
        try (Model loaded = Models.load(file)) {
          Conv1D conv = (Conv1D) loaded.layers().get(loaded.layers().size() - 1);
          assertThat(conv.dataFormat()).as(name).isEqualTo("channels_first");
          assertThat(conv.name()).as(name).isEqualTo("conv0");
          List<FloatNdArray> again = loaded.getWeights();
          assertThat(again).as(name).hasSize(weights.size());
          for (int i = 0; i < weights.size(); i++) {
            assertThat(again.get(i)).as("%s weight %d", name, i).isEqualTo(weights.get(i));
          }
          assertMatchesKeras(loaded, input, expected);
        }
      }
    }
  }

  /**
   * The file's compile config (binary cross-entropy, accuracy) applies to its {@code (4, 16)} sequence output as
   * Keras applies it: averaged over every element. With labels {@code round(keras prediction)} the loss is
   * {@code mean(-(y log p + (1 - y) log(1 - p)))} over Keras's predictions; then it trains.
   */
  @Test
  void evaluatesAndKeepsTrainingWithItsCompiledLossOverTheSequenceOutput() throws Exception {
    Path dataFile = KerasFixtures.file(DATA);
    float[][][] input = read(dataFile, "inputs/conv0_input");
    float[][][] expected = read(dataFile, "predictions/conv0");
    float[][] labels = new float[expected.length][];
    double bce = 0;
    int count = 0;
    for (int s = 0; s < expected.length; s++) {
      labels[s] = new float[64];
      int i = 0;
      for (float[] channel : expected[s]) {
        for (float p : channel) {
          float y = Math.round(p);
          labels[s][i++] = y;
          bce += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
          count++;
        }
      }
    }
    bce /= count;
    try (Model model = Models.load(KerasFixtures.file(MODEL))) {
      var x = StdArrays.ndCopyOf(input);
      var metrics = model.evaluate(x, labels, new io.github.keras4j.models.EvaluateOptions().verbose(0));
      assertThat(metrics.get("loss")).isCloseTo(bce, within(1e-4));
      var history = model.fit(x, labels, new io.github.keras4j.models.FitOptions().epochs(3).verbose(0));
      assertThat(history.history().get("loss")).allSatisfy(l -> assertThat(l).isFinite());
    }
  }
}
