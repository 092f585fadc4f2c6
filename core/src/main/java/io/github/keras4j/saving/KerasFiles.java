package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Saving and loading models, architectures and weights in Keras's file formats. {@code Model.save},
 * {@code Models.load} and their siblings delegate here.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>file</th><th>written as</th><th>read from</th></tr>
 *   <tr><td>{@code *.h5}, {@code *.hdf5}</td><td>tf.keras 2.4's legacy HDF5 (model_config, training_config,
 *       model_weights, optimizer_weights)</td><td>Keras 2.1 … 3.x legacy HDF5</td></tr>
 *   <tr><td>{@code *.keras}</td><td>the Keras 3 archive (metadata.json, config.json, model.weights.h5)</td>
 *       <td>Keras 3.x archives</td></tr>
 *   <tr><td>{@code *.weights.h5}</td><td>Keras 3's weights file</td><td>Keras 3 weights files</td></tr>
 *   <tr><td>other {@code *.h5} weights</td><td>Keras 2's {@code save_weights} layout</td>
 *       <td>that layout, full-model files and archives too</td></tr>
 * </table>
 *
 * <p>Saves are atomic: the file is written beside the target, forced to disk and moved into place, so a failing
 * save leaves any previous file intact. Readers trust nothing in a file: malformed, truncated or hostile files
 * raise {@link KerasFileException} naming the file and the problem.
 *
 * <p>Large configs: a {@code model_config} over 56 KB (MobileNet, ResNet50, DenseNet121, Teachable Machine exports)
 * is stored in the legacy {@code .h5} format as Keras/h5py store it, a variable-length string in an HDF5 global heap
 * ({@link GlobalHeapStrings}), so every model saves in both formats.
 */
public final class KerasFiles {
  private KerasFiles() {}

  // ================================================================ whole models

  /**
   * Saves architecture, weights, compile configuration and optimizer state: {@code .keras} → the Keras 3
   * archive; {@code .h5} / {@code .hdf5} → the legacy HDF5 format of tf.keras 2.x.
   *
   * @throws IllegalArgumentException for another extension
   * @throws KerasFileException if the model cannot be stored in that format (the message says why)
   * @throws IOException if writing fails; the previous file, if any, is left intact
   */
  public static void save(Model model, Path path) throws IOException {
    requireNonNull(model, "model");
    requireNonNull(path, "path");
    String name = fileName(path);
    if (name.endsWith(".keras")) {
      AtomicFiles.write(path, temp -> KerasArchive.write(model, temp, path));
    } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      String modelConfig = KerasJson.write(ModelConfigWriter.keras2(model));
      Map<String, Object> training = TrainingConfigs.keras2(model);
      String trainingConfig = training == null ? null : KerasJson.write(training);
      AtomicFiles.write(path, temp -> writeLegacyModel(model, temp, path, modelConfig, trainingConfig));
    } else {
      throw new IllegalArgumentException(
          "Model.save: unsupported file extension in '" + path + "'; use .keras (Keras 3 format) or .h5 (legacy"
              + " HDF5 format).");
    }
  }

  private static void writeLegacyModel(
      Model model, Path temp, Path target, String modelConfig, String trainingConfig) throws IOException {
    try (HdfWriter writer = new HdfWriter(temp, target)) {
      WritableGroup f = writer.root();
      f.putAttribute("backend", "tensorflow");
      f.putAttribute("keras_version", ModelConfigWriter.KERAS2_VERSION);
      Hdf5.putConfig(writer, "model_config", modelConfig);
      if (trainingConfig != null) {
        Hdf5.putConfig(writer, "training_config", trainingConfig);
      }
      WeightLayouts.writeLegacy(f.putGroup("model_weights"), model);
      WeightLayouts.writeLegacyOptimizer(f, model);
    } catch (Hdf5.Unwritable e) {
      throw new KerasFileException(target, "cannot save model '" + model.name() + "' in the legacy HDF5 format: "
          + e.getMessage());
    } catch (io.jhdf.exceptions.HdfException e) {
      throw new KerasFileException(target, "cannot write HDF5: " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model saved by Keras4J or Python Keras (2.1 … 3.x): a {@code .keras} archive or a legacy HDF5 file.
   * The model comes back compiled with its optimizer state when the file holds a compile configuration Keras4J
   * supports (otherwise a warning is logged and the model is uncompiled).
   *
   * @throws KerasFileException if the file is not a Keras model file, or is malformed
   */
  public static Model load(Path path) throws IOException {
    requireNonNull(path, "path");
    if (Files.isDirectory(path)) {
      return loadSavedModel(path);
    }
    checkReadable(path);
    if (KerasArchive.isZip(path)) {
      return loadArchive(path);
    }
    try (HdfFile h = Hdf5.open(path)) {
      String modelConfig = Hdf5.stringAttribute(path, h, "model_config");
      if (modelConfig == null) {
        throw new KerasFileException(path, "not a Keras model file (no 'model_config' attribute); to load weights"
            + " only, use loadWeights().");
      }
      Model model;
      // hard_sigmoid etc. resolve as the Keras version that wrote the file (root attribute keras_version).
      try (var scope = io.github.keras4j.activations.Activations.kerasVersionScope(
          io.github.keras4j.activations.Activations.majorVersionOf(Hdf5.stringAttribute(path, h, "keras_version")))) {
        model = fromConfigText(path, modelConfig);
      }
      Group weights = Hdf5.group(path, h, "model_weights");
      if (weights == null) {
        throw new KerasFileException(path, "no 'model_weights' group; the file holds an architecture only.");
      }
      WeightLayouts.readLegacy(path, weights, model);
      String trainingConfig = Hdf5.stringAttribute(path, h, "training_config");
      if (trainingConfig != null) {
        Map<String, Object> training;
        try {
          training = ModelConfigs.map(KerasJson.parse(trainingConfig), "training_config");
        } catch (IllegalArgumentException e) {
          throw new KerasFileException(path, "training_config: " + e.getMessage(), e);
        }
        if (TrainingConfigs.compile(model, training, path.toString())) {
          Group optimizer = Hdf5.group(path, h, "optimizer_weights");
          if (optimizer != null) {
            OptimizerState.restoreLegacy(path, optimizer, model);
          }
        }
      }
      return model;
    } catch (RuntimeException e) {
      throw new KerasFileException(path, "cannot load the model: " + e.getMessage(), e);
    }
  }

  /**
   * Names the format of a Keras file or directory as Keras4J reads it, for messages and tools such as
   * {@code InspectModel}: {@code "TF SavedModel directory (keras_metadata.pb + variables/)"},
   * {@code "Keras archive (.keras), Keras 3.11.1"}, {@code "HDF5 (legacy .h5), Keras 1.2.2, backend theano"}, ….
   *
   * @throws KerasFileException if the file is none of these
   */
  public static String describeFormat(Path path) throws IOException {
    requireNonNull(path, "path");
    if (Files.isDirectory(path)) {
      if (!SavedModelDirs.isSavedModel(path)) {
        throw new KerasFileException(path, "is a directory but not a TensorFlow SavedModel (no saved_model.pb).");
      }
      return "TF SavedModel directory (saved_model.pb"
          + (Files.isRegularFile(path.resolve(SavedModelDirs.METADATA)) ? " + keras_metadata.pb" : "")
          + " + variables/)";
    }
    checkReadable(path);
    if (KerasArchive.isZip(path)) {
      String version = null;
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(path.toFile())) {
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
          var e = entries.nextElement();
          if (KerasArchive.normalizedEntryName(e.getName()).equals("metadata.json") && e.getSize() < (1 << 20)) {
            try (InputStream in = zip.getInputStream(e)) {
              Object meta = KerasJson.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
              if (meta instanceof Map<?, ?> m && m.get("keras_version") instanceof String v) {
                version = v;
              }
            } catch (IllegalArgumentException ignored) {
              // an unreadable metadata.json only loses the version here; loading reports it
            }
          }
        }
      } catch (java.util.zip.ZipException e) {
        throw new KerasFileException(path, "not a valid zip archive (" + e.getMessage() + ").", e);
      }
      return "Keras archive (.keras)" + (version == null ? "" : ", Keras " + version);
    }
    try (HdfFile h = Hdf5.open(path)) {
      String version = Hdf5.stringAttribute(path, h, "keras_version");
      String backend = Hdf5.stringAttribute(path, h, "backend");
      String kind = Hdf5.stringAttribute(path, h, "model_config") != null ? "HDF5 model (legacy .h5)"
          : "HDF5 weights";
      return kind + (version == null ? "" : ", Keras " + version) + (backend == null ? "" : ", backend " + backend);
    }
  }

  /** A TF 2.x SavedModel directory ({@code model.save("dir")} of TF 2.0–2.12). */
  private static Model loadSavedModel(Path dir) throws IOException {
    if (!SavedModelDirs.isSavedModel(dir)) {
      throw new KerasFileException(dir, "is a directory but not a TensorFlow SavedModel (no saved_model.pb);"
          + " give a .keras, .h5 file or a SavedModel directory.");
    }
    try {
      return SavedModelDirs.load(dir);
    } catch (RuntimeException e) {
      throw new KerasFileException(dir, "cannot load the SavedModel: " + e.getMessage(), e);
    }
  }

  private static Model loadArchive(Path path) throws IOException {
    try (KerasArchive.Opened archive = KerasArchive.open(path, true)) {
      Model model;
      // A .keras archive's config.json is Keras 3's form; hard_sigmoid etc. resolve as Keras 3 (layers13 hook).
      try (var scope = io.github.keras4j.activations.Activations.kerasVersionScope(3)) {
        model = ModelConfigReader.fromConfig(archive.config);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new KerasFileException(path, "config.json: " + e.getMessage(), e);
      }
      WeightLayouts.readKeras3(archive.weightsName, archive.weights(), model);
      if (archive.config.get("compile_config") instanceof Map<?, ?> compile
          && TrainingConfigs.compile(model, ModelConfigs.cast(compile), path.toString())) {
        Group vars = KerasArchive.optimizerVars(archive.weightsName, archive.weights());
        if (vars != null) {
          OptimizerState.restoreKeras3(archive.weightsName, vars, model);
        }
      }
      return model;
    } catch (RuntimeException e) {
      throw new KerasFileException(path, "cannot load the model: " + e.getMessage(), e);
    }
  }

  private static Model fromConfigText(Path path, String json) throws KerasFileException {
    try {
      return ModelConfigReader.fromConfig(ModelConfigs.map(KerasJson.parse(json), "model_config"));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new KerasFileException(path, "model_config: " + e.getMessage(), e);
    }
  }

  // ================================================================ weights only

  /**
   * Saves the weights only: {@code *.weights.h5} → Keras 3's weights file (with the optimizer state, as Keras 3
   * does); another {@code .h5} / {@code .hdf5} → the layout of Keras 2's {@code save_weights}.
   *
   * @throws IllegalArgumentException for another extension
   */
  public static void saveWeights(Model model, Path path) throws IOException {
    requireNonNull(model, "model");
    requireNonNull(path, "path");
    String name = fileName(path);
    if (name.endsWith(".weights.h5")) {
      AtomicFiles.write(path, temp -> KerasArchive.writeWeights(model, temp, path, true));
    } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
      AtomicFiles.write(path, temp -> {
        try (HdfWriter writer = new HdfWriter(temp, path)) {
          WeightLayouts.writeLegacy(writer.root(), model);
        } catch (Hdf5.Unwritable e) {
          throw new KerasFileException(path, "cannot save the weights of model '" + model.name() + "': "
              + e.getMessage());
        } catch (io.jhdf.exceptions.HdfException e) {
          throw new KerasFileException(path, "cannot write HDF5: " + e.getMessage(), e);
        }
      });
    } else {
      throw new IllegalArgumentException(
          "saveWeights: unsupported file extension in '" + path + "'; use .weights.h5 (Keras 3) or .h5 (Keras 2).");
    }
  }

  /**
   * Loads weights into a model of the same architecture, layer by layer in order as Keras's
   * {@code load_weights}: from Keras 2 {@code save_weights} files, full-model {@code .h5} files, Keras 3
   * {@code *.weights.h5} files and {@code .keras} archives. All weights are checked before any is assigned.
   *
   * @throws KerasFileException if the file is malformed or does not match the model (layer counts, shapes)
   */
  public static void loadWeights(Model model, Path path) throws IOException {
    requireNonNull(model, "model");
    requireNonNull(path, "path");
    if (Files.isDirectory(path) && SavedModelDirs.isSavedModel(path)) {
      SavedModelDirs.readWeights(path, model);
      return;
    }
    checkReadable(path);
    if (!model.isBuilt()) {
      throw new IllegalStateException("Model '" + model.name() + "' is not built; give it an input shape before"
          + " loading weights.");
    }
    try {
      if (KerasArchive.isZip(path)) {
        try (KerasArchive.Opened archive = KerasArchive.open(path, false)) {
          WeightLayouts.readKeras3(archive.weightsName, archive.weights(), model);
        }
        return;
      }
      try (HdfFile h = Hdf5.open(path)) {
        if (Hdf5.hasAttribute(path, h, "layer_names") || Hdf5.hasAttribute(path, h, "layer_names0")) {
          WeightLayouts.readLegacy(path, h, model);
        } else if (Hdf5.group(path, h, "model_weights") != null) {
          WeightLayouts.readLegacy(path, Hdf5.group(path, h, "model_weights"), model);
        } else if (WeightLayouts.isKeras3(path, h)) {
          WeightLayouts.readKeras3(path, h, model);
          Group vars = Hdf5.group(path, h, "optimizer/vars");
          if (vars != null && model.optimizer() != null) {
            OptimizerState.restoreKeras3(path, vars, model);
          }
        } else {
          throw new KerasFileException(path, "not a Keras weights file (neither 'layer_names' nor 'layers').");
        }
      }
    } catch (RuntimeException e) {
      throw new KerasFileException(path, "cannot load weights: " + e.getMessage(), e);
    }
  }

  /**
   * Loads weights by layer name, as Keras's {@code load_weights(by_name=True)}: each layer saved in a legacy
   * HDF5 file (weights-only or full model) goes into the model's layer of the same name; layers present on one
   * side only are skipped. Used to load published weights (VGG16, MobileNet) into application models.
   *
   * @return the number of layers whose weights were loaded
   * @throws KerasFileException if the file is malformed, or a matched layer's weights do not fit
   */
  public static int loadWeightsByName(Model model, Path path) throws IOException {
    requireNonNull(model, "model");
    requireNonNull(path, "path");
    checkReadable(path);
    try (HdfFile h = Hdf5.open(path)) {
      Group g = h;
      if (!Hdf5.hasAttribute(path, h, "layer_names") && !Hdf5.hasAttribute(path, h, "layer_names0")) {
        g = Hdf5.group(path, h, "model_weights");
        if (g == null) {
          throw new KerasFileException(path, "not a legacy Keras weights file (no 'layer_names'); loading by name"
              + " needs the HDF5 layout of Keras 2.");
        }
      }
      return WeightLayouts.readLegacyByName(path, g, model);
    } catch (RuntimeException e) {
      throw new KerasFileException(path, "cannot load weights: " + e.getMessage(), e);
    }
  }

  // ================================================================ architectures

  /** Returns the model's architecture as Keras's {@code to_json()} writes it (tf.keras 2.4 format). */
  public static String toJson(Model model) {
    return KerasJson.write(ModelConfigWriter.keras2Document(requireNonNull(model, "model")));
  }

  /** Returns the model's architecture as Keras 2's {@code to_yaml()} writes it. */
  public static String toYaml(Model model) {
    return KerasYaml.write(ModelConfigWriter.keras2Document(requireNonNull(model, "model")));
  }

  /** Returns the model's config tree, {@code {"class_name": …, "config": …}} (Keras's {@code get_config}). */
  public static Map<String, Object> modelConfig(Model model) {
    return ModelConfigWriter.keras2(requireNonNull(model, "model"));
  }

  /**
   * Creates a model (uncompiled, freshly initialized) from JSON written by {@code to_json()} of any Keras version
   * or by {@link #toJson}.
   *
   * @throws IllegalArgumentException if the JSON is malformed or describes something Keras4J cannot build
   */
  public static Model fromJson(String json) {
    requireNonNull(json, "json");
    return ModelConfigReader.fromConfig(ModelConfigs.map(KerasJson.parse(json), "model JSON"));
  }

  /** Creates a model from YAML written by Keras 2's {@code to_yaml()} or by {@link #toYaml}. */
  public static Model fromYaml(String yaml) {
    requireNonNull(yaml, "yaml");
    return ModelConfigReader.fromConfig(ModelConfigs.map(KerasYaml.parse(yaml), "model YAML"));
  }

  /** Creates a model from a config tree ({@code {"class_name": …, "config": …}}). */
  public static Model fromConfig(Map<String, Object> config) {
    return ModelConfigReader.fromConfig(requireNonNull(config, "config"));
  }

  // ================================================================ helpers

  private static String fileName(Path path) {
    Path name = path.getFileName();
    return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
  }

  private static void checkReadable(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    if (!Files.isRegularFile(path)) {
      throw new KerasFileException(path, "not a regular file.");
    }
    try (InputStream in = Files.newInputStream(path)) {
      if (in.read() < 0) {
        throw new KerasFileException(path, "the file is empty.");
      }
    }
  }
}
