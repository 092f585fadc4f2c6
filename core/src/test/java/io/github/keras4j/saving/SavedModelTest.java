package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TF 2.x SavedModel directories ({@code model.save("dir")} of TF 2.0–2.12): the fixture
 * {@code byom/savedmodel_lstm_stock_tf2} (TF 2.12, Sequential LSTM ×4 → Dropout → Dense).
 */
class SavedModelTest {
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

  private static Path fixture() {
    Path p = KerasFixtures.dir().resolve("byom").resolve("savedmodel_lstm_stock_tf2");
    assumeTrue(Files.isDirectory(p), "shared fixture absent: " + p);
    return p;
  }

  @Test
  void readsTheKerasConfigFromKerasMetadataPb() throws Exception {
    Path sm = fixture();
    Map<String, String> nodes = SavedModelDirs.readMetadata(sm);
    assertThat(nodes).containsKeys("root", "root.layer_with_weights-0", "root.layer_with_weights-0.cell");
    Map<String, Object> root = SavedModelDirs.rootMetadata(sm);
    assertThat(root).containsEntry("class_name", "Sequential");
    Map<String, Object> config = ModelConfigs.cast((Map<?, ?>) root.get("config"));
    List<?> layers = (List<?>) config.get("layers");
    assertThat(layers).hasSize(10); // InputLayer, (LSTM, Dropout) x 4, Dense
    Map<?, ?> input = (Map<?, ?>) ((Map<?, ?>) layers.get(0)).get("config");
    assertThat(input.get("batch_input_shape")).isEqualTo(java.util.Arrays.asList(null, 100, 1)); // __tuple__ gone
  }

  @Test
  void readsTheCheckpointObjectGraphAndVariablesThroughTensorFlow() throws Exception {
    Path sm = fixture();
    SavedModelDirs.Checkpoint ckpt = SavedModelDirs.readCheckpoint(SavedModelDirs.checkpointPrefix(sm));
    assertThat(ckpt.layersWithWeights()).hasSize(5);
    assertThat(ckpt.layersWithWeights().get(0)).extracting(SavedModelDirs.Variable::path)
        .containsExactly("cell/kernel", "cell/recurrent_kernel", "cell/bias");
    // TF keys a variable by the first path its breadth-first walk meets: the root's list (variables/0) for the
    // LSTM cells, the attribute path for the Dense.
    assertThat(ckpt.layersWithWeights().get(0).get(0).key()).isEqualTo("variables/0/.ATTRIBUTES/VARIABLE_VALUE");
    assertThat(ckpt.layersWithWeights().get(4).get(0).key())
        .isEqualTo("layer_with_weights-4/kernel/.ATTRIBUTES/VARIABLE_VALUE");
    assertThat(ckpt.layersWithWeights().get(4)).extracting(SavedModelDirs.Variable::path)
        .containsExactly("kernel", "bias");
    Map<String, long[]> shapes = new HashMap<>();
    String kernel = ckpt.layersWithWeights().get(0).get(0).key();
    String dense = ckpt.layersWithWeights().get(4).get(0).key();
    Map<String, float[]> values = SavedModelDirs.restore(ckpt.prefix(), List.of(kernel, dense), shapes);
    assertThat(shapes.get(kernel)[0]).isEqualTo(1);
    assertThat(shapes.get(dense)[1]).isEqualTo(1);
    assertThat(values.get(kernel)).hasSize((int) (shapes.get(kernel)[0] * shapes.get(kernel)[1]));
  }

  @Test
  void loadsTheSavedModelAsAKerasModel() throws Exception {
    Path sm = fixture();
    try (Model m = Models.load(sm)) {
      assertThat(m.layers()).hasSize(9);
      assertThat(m.layers().get(8).className()).isEqualTo("Dense");
      assertThat(m.layers().get(1)).isInstanceOf(Dropout.class);
      float[][][] x = new float[2][100][1];
      for (int i = 0; i < 100; i++) {
        x[0][i][0] = (float) Math.sin(i / 10.0) * 0.5f + 0.5f;
        x[1][i][0] = i / 100f;
      }
      float[][] y = m.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(x));
      // Reference: savedmodel/generate_savedmodel_reference.py (checkpoint parsed in Python, NumPy forward pass).
      Map<String, Object> ref;
      try (var in = SavedModelTest.class.getResourceAsStream(
          "/io/github/keras4j/saving/savedmodel/savedmodel_reference.json")) {
        ref = ModelConfigs.cast((Map<?, ?>) KerasJson.parse(new String(in.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8)));
      }
      List<?> expected = (List<?>) ref.get("output");
      for (int b = 0; b < 2; b++) {
        List<?> row = (List<?>) expected.get(b);
        assertThat(y[b]).hasSize(100);
        for (int t = 0; t < 100; t++) {
          double e = ((Number) row.get(t)).doubleValue();
          assertThat((double) y[b][t]).as("sample %d step %d", b, t).isCloseTo(e, within(1e-5 * Math.abs(e) + 1e-6));
        }
      }
      // The rebuilt model saves in Keras's own formats and loads back equal.
      Path out = java.nio.file.Files.createTempDirectory("savedmodel-roundtrip");
      try {
        for (String name : new String[] {"stock.h5", "stock.keras"}) {
          m.save(out.resolve(name));
          try (Model again = Models.load(out.resolve(name))) {
            assertThat(again.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(x))).as(name).isDeepEqualTo(y);
          }
          java.nio.file.Files.delete(out.resolve(name));
        }
      } finally {
        java.nio.file.Files.deleteIfExists(out);
      }
    }
  }

  @Test
  @Tag("slow") // backpropagation through 4 LSTM layers x 100 steps: about a minute on a busy 2-core machine
  void theLoadedSavedModelTrains() throws Exception {
    Path sm = fixture();
    try (Model m = Models.load(sm)) {
      float[][][] x = new float[2][100][1];
      for (int i = 0; i < 100; i++) {
        x[0][i][0] = (float) Math.sin(i / 10.0) * 0.5f + 0.5f;
        x[1][i][0] = i / 100f;
      }
      // The loaded model was compiled from the metadata's training_config (Adam, MSE).
      assertThat(m.optimizer()).isNotNull();
      float before = m.layers().get(8).weights().get(0).read()[0];
      float[][] target = new float[2][100];
      for (int b = 0; b < 2; b++) {
        for (int t = 0; t < 100; t++) {
          target[b][t] = x[b][t][0];
        }
      }
      m.fit(org.tensorflow.ndarray.StdArrays.ndCopyOf(x), target,
          new io.github.keras4j.models.FitOptions().epochs(1).batchSize(2).verbose(0));
      assertThat(m.layers().get(8).weights().get(0).read()[0]).isNotEqualTo(before);
    }
  }

  @Test
  void runsTheServingSignatureThroughTensorFlowForModelsKeras4jCannotRebuild() throws Exception {
    Path sm = fixture();
    float[][][] x = new float[2][100][1];
    for (int i = 0; i < 100; i++) {
      x[0][i][0] = (float) Math.sin(i / 10.0) * 0.5f + 0.5f;
      x[1][i][0] = i / 100f;
    }
    try (SavedModelServing serving = SavedModelServing.open(sm)) {
      assertThat(serving.inputNames()).hasSize(1);
      float[][] y = serving.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(x));
      Map<String, Object> ref;
      try (var in = SavedModelTest.class.getResourceAsStream(
          "/io/github/keras4j/saving/savedmodel/savedmodel_reference.json")) {
        ref = ModelConfigs.cast((Map<?, ?>) KerasJson.parse(new String(in.readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8)));
      }
      List<?> expected = (List<?>) ref.get("output");
      for (int b = 0; b < 2; b++) {
        for (int t = 0; t < 100; t++) {
          double e = ((Number) ((List<?>) expected.get(b)).get(t)).doubleValue();
          assertThat((double) y[b][t]).isCloseTo(e, within(1e-5 * Math.abs(e) + 1e-6));
        }
      }
    }
    assertThatThrownBy(() -> SavedModelServing.open(dir)).isInstanceOf(KerasFileException.class)
        .hasMessageContaining("saved_model.pb");
  }

  @Test
  void aDirectoryThatIsNotASavedModelIsNamed() throws Exception {
    assertThatThrownBy(() -> Models.load(dir))
        .isInstanceOf(KerasFileException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("saved_model.pb");
    Files.writeString(dir.resolve("saved_model.pb"), "");
    assertThatThrownBy(() -> Models.load(dir))
        .isInstanceOf(KerasFileException.class)
        .hasMessageContaining("keras_metadata.pb")
        .hasMessageContaining("SavedModelServing");
  }
}
