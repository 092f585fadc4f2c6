package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.jhdf.api.WritableGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .keras} archives in the layouts other writers produced, built here as those writers lay them out (there
 * are no such fixtures):
 *
 * <ul>
 *   <li>tf.keras 2.13–2.15 ({@code keras/src/saving/saving_lib.py} of those releases, read through the search
 *       tool): {@code _save_state(model, inner_path="")} writes the model's own (empty) {@code vars}, then walks
 *       {@code dir(model)}; {@code _layer_checkpoint_dependencies} (sorted before {@code layers}) is an
 *       OrderedDict {@code layer_with_weights-0: dense, layer-0: dense, layer-1: dropout,
 *       layer_with_weights-1: dense_1, layer-2: dense_1}; {@code _save_container_state} takes its values and names
 *       them by snake_case class with a counter bumped for every entry, and {@code _save_state} skips the
 *       already-visited second entries, so the groups are {@code dense}, {@code dropout}, {@code dense_2}. The
 *       {@code layers} list is then all visited and leaves no group. Keras 3's {@code H5IOStore.get} reads such
 *       files by retrying {@code layers/…} as {@code _layer_checkpoint_dependencies/…} ("Fix for 2.13
 *       compatibility").
 *   <li>Windows: {@code tf.io.gfile.join} / {@code os.path.join} join inner paths with {@code \}, and h5py's
 *       {@code create_group("layers\\dense")} makes one group with that literal name holding {@code vars}
 *       (Keras 3 later added {@code .replace("\\", "/")} to every join in saving_lib for this reason).
 * </ul>
 */
class SavingLibLayoutTest {
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

  /** config.json as tf.keras 2.13 writes it (serialization_lib: module, class_name, registered_name). */
  private static final String TF_KERAS_213_CONFIG = "{\"module\": \"keras\", \"class_name\": \"Sequential\","
      + " \"config\": {\"name\": \"sequential\", \"layers\": [{\"module\": \"keras.layers\", \"class_name\":"
      + " \"InputLayer\", \"config\": {\"batch_input_shape\": [null, 3], \"dtype\": \"float32\", \"sparse\": false,"
      + " \"ragged\": false, \"name\": \"dense_input\"}, \"registered_name\": null}, {\"module\": \"keras.layers\","
      + " \"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"trainable\": true, \"dtype\": \"float32\","
      + " \"batch_input_shape\": [null, 3], \"units\": 4, \"activation\": \"relu\", \"use_bias\": true,"
      + " \"kernel_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\","
      + " \"config\": {\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": {\"module\":"
      + " \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null},"
      + " \"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null,"
      + " \"kernel_constraint\": null, \"bias_constraint\": null}, \"registered_name\": null, \"build_config\":"
      + " {\"input_shape\": [null, 3]}}, {\"module\": \"keras.layers\", \"class_name\": \"Dropout\", \"config\":"
      + " {\"name\": \"dropout\", \"trainable\": true, \"dtype\": \"float32\", \"rate\": 0.5, \"noise_shape\": null,"
      + " \"seed\": null}, \"registered_name\": null, \"build_config\": {\"input_shape\": [null, 4]}}, {\"module\":"
      + " \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"trainable\": true,"
      + " \"dtype\": \"float32\", \"units\": 2, \"activation\": \"linear\", \"use_bias\": true,"
      + " \"kernel_initializer\": {\"module\": \"keras.initializers\", \"class_name\": \"GlorotUniform\","
      + " \"config\": {\"seed\": null}, \"registered_name\": null}, \"bias_initializer\": {\"module\":"
      + " \"keras.initializers\", \"class_name\": \"Zeros\", \"config\": {}, \"registered_name\": null},"
      + " \"kernel_regularizer\": null, \"bias_regularizer\": null, \"activity_regularizer\": null,"
      + " \"kernel_constraint\": null, \"bias_constraint\": null}, \"registered_name\": null, \"build_config\":"
      + " {\"input_shape\": [null, 4]}}]}, \"registered_name\": null, \"build_config\": {\"input_shape\": [null,"
      + " 3]}}";

  private static final float[][] X = {{0.5f, -1f, 2f}, {1.5f, 0.25f, -0.75f}};

  /** The source of the weights: the same architecture in Keras4J, seeded. */
  private static Sequential source() {
    KerasContext.current().setSeed(7);
    Sequential m = new Sequential(new Dense(4).activation("relu").inputShape(3), new Dropout(0.5), new Dense(2));
    return m;
  }

  /** Writes an archive whose model.weights.h5 puts layer i under {@code groupNames[i]} ({@code null}: none). */
  private Path archive(String name, Sequential src, List<String> groupNames, boolean backslashZipNames)
      throws Exception {
    Path h5 = dir.resolve(name + ".weights.tmp.h5");
    try (HdfWriter w = new HdfWriter(h5, h5)) {
      WritableGroup root = w.root();
      root.putGroup("vars"); // the model's own (empty) variables
      for (int i = 0; i < src.layers().size(); i++) {
        String g = groupNames.get(i);
        if (g == null) {
          continue;
        }
        WritableGroup vars = root.putGroup(g);
        for (String part : List.of("vars")) {
          vars = vars.putGroup(part);
        }
        var weights = WeightLayouts.kerasOrder(src.layers().get(i));
        for (int j = 0; j < weights.size(); j++) {
          Hdf5.putFloats(vars, Integer.toString(j), weights.get(j).read(), weights.get(j).shape());
        }
      }
    }
    Path file = dir.resolve(name + ".keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      String prefix = backslashZipNames ? ".\\" : "";
      zip.putNextEntry(new ZipEntry(prefix + "metadata.json"));
      zip.write("{\"keras_version\": \"2.13.1\", \"date_saved\": \"2023-08-01@10:00:00\"}"
          .getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(prefix + "config.json"));
      zip.write(TF_KERAS_213_CONFIG.getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry(prefix + "model.weights.h5"));
      zip.write(Files.readAllBytes(h5));
      zip.closeEntry();
    }
    return file;
  }

  private void loadsAsTheSource(Path file, Sequential src) throws Exception {
    try (Model loaded = Models.load(file)) {
      assertThat(loaded.layers()).hasSize(3);
      assertThat(loaded.predict(X)).isDeepEqualTo(src.predict(X));
      for (int i = 0; i < src.weights().size(); i++) {
        assertThat(loaded.weights().get(i).read()).isEqualTo(src.weights().get(i).read());
      }
    }
    // loadWeights reads the same layouts.
    try (Sequential fresh = new Sequential(new Dense(4).activation("relu").inputShape(3), new Dropout(0.5),
        new Dense(2))) {
      fresh.loadWeights(file);
      assertThat(fresh.predict(X)).isDeepEqualTo(src.predict(X));
    }
  }

  @Test
  void loadsTheTfKeras213LayoutWithLayerCheckpointDependenciesAndSkippedNumbers() throws Exception {
    try (Sequential src = source()) {
      Path file = archive("tf213", src, List.of("_layer_checkpoint_dependencies/dense",
          "_layer_checkpoint_dependencies/dropout", "_layer_checkpoint_dependencies/dense_2"), false);
      loadsAsTheSource(file, src);
    }
  }

  @Test
  void loadsTheTfKeras213LayoutWithContiguousNumbers() throws Exception {
    // A writer that skips visited entries before counting names (as the 2.13+ loader does) numbers contiguously.
    try (Sequential src = source()) {
      Path file = archive("tf213b", src, List.of("_layer_checkpoint_dependencies/dense",
          "_layer_checkpoint_dependencies/dropout", "_layer_checkpoint_dependencies/dense_1"), false);
      loadsAsTheSource(file, src);
    }
  }

  @Test
  void loadsWindowsArchivesWithBackslashGroupAndEntryNames() throws Exception {
    try (Sequential src = source()) {
      Path keras3 = archive("win3", src, List.of("layers\\dense", "layers\\dropout", "layers\\dense_1"), true);
      loadsAsTheSource(keras3, src);
      Path tf213 = archive("win213", src, List.of("_layer_checkpoint_dependencies\\dense",
          "_layer_checkpoint_dependencies\\dropout", "_layer_checkpoint_dependencies\\dense_2"), false);
      loadsAsTheSource(tf213, src);
    }
  }

  @Test
  void aMissingLayerGroupNamesTheLayerAndThePath() throws Exception {
    try (Sequential src = source()) {
      Path file = archive("missing", src, List.of("_layer_checkpoint_dependencies/dense",
          "_layer_checkpoint_dependencies/dropout", "_layer_checkpoint_dependencies/dense_2_x"), false);
      assertThatThrownBy(() -> Models.load(file))
          .isInstanceOf(KerasFileException.class)
          .hasMessageContaining("missing.keras")
          .hasMessageContaining("dense_1")
          .hasMessageContaining("expects 2 variables");
    }
  }

  /** Outer Sequential[ inner Sequential[ Dense(4, relu) ], Dense(2) ], seeded. */
  private static Sequential nested(long seed) {
    KerasContext.current().setSeed(seed);
    Sequential inner = new Sequential(new Dense(4).activation("relu").inputShape(3));
    return new Sequential(inner, new Dense(2));
  }

  /** An archive holding only model.weights.h5 with the given groups (path -> the layer whose weights it holds). */
  private Path weightsArchive(String name, java.util.Map<String, io.github.keras4j.layers.Layer> groups)
      throws Exception {
    Path h5 = dir.resolve(name + ".weights.tmp.h5");
    try (HdfWriter w = new HdfWriter(h5, h5)) {
      WritableGroup root = w.root();
      root.putGroup("vars");
      java.util.Map<String, WritableGroup> made = new java.util.HashMap<>();
      for (var e : groups.entrySet()) {
        WritableGroup vars = Hdf5.parentOf(root, e.getKey() + "/vars/x", made);
        var weights = WeightLayouts.kerasOrder(e.getValue());
        for (int j = 0; j < weights.size(); j++) {
          Hdf5.putFloats(vars, Integer.toString(j), weights.get(j).read(), weights.get(j).shape());
        }
      }
    }
    Path file = dir.resolve(name + ".keras");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("model.weights.h5"));
      zip.write(Files.readAllBytes(h5));
      zip.closeEntry();
    }
    return file;
  }

  @Test
  void loadsNestedModelsInTheTfKeras213AndWindowsLayouts() throws Exception {
    try (Sequential src = nested(11)) {
      var inner = (Sequential) src.layers().get(0);
      var innerDense = inner.layers().get(inner.layers().size() - 1);
      var outerDense = src.layers().get(1);
      // tf.keras 2.13: each dict counts a layer with weights twice (sequential, sequential_1; dense, dense_1).
      java.util.Map<String, io.github.keras4j.layers.Layer> tf213 = new java.util.LinkedHashMap<>();
      tf213.put("_layer_checkpoint_dependencies/sequential/_layer_checkpoint_dependencies/dense", innerDense);
      tf213.put("_layer_checkpoint_dependencies/dense", outerDense);
      java.util.Map<String, io.github.keras4j.layers.Layer> windows = new java.util.LinkedHashMap<>();
      windows.put("layers\\sequential\\layers\\dense", innerDense);
      windows.put("layers\\dense", outerDense);
      for (Path file : List.of(weightsArchive("nested213", tf213), weightsArchive("nestedwin", windows))) {
        try (Sequential fresh = nested(99)) {
          assertThat(fresh.predict(X)).isNotEqualTo(src.predict(X));
          fresh.loadWeights(file);
          assertThat(fresh.predict(X)).as(file.toString()).isDeepEqualTo(src.predict(X));
        }
      }
    }
  }
}
