package io.github.keras4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Creates models from Keras files and architectures, as Keras's {@code load_model}, {@code model_from_json},
 * {@code model_from_yaml} and {@code model_from_config}.
 *
 * <pre>{@code
 * Model model = Models.load(Path.of("models/medical_trial_model.h5"));   // also files saved by Python Keras
 * Model architecture = Models.fromJson(json);                              // fresh weights, not compiled
 * }</pre>
 *
 * @see io.github.keras4j.saving.KerasFiles for the formats
 */
public final class Models {
  private Models() {}

  /**
   * Loads a model saved by Keras4J or Python Keras 2.1 … 3.x ({@code .keras} archive or legacy {@code .h5}):
   * architecture, weights, compile configuration and optimizer state.
   *
   * @throws io.github.keras4j.saving.KerasFileException if the file is not a Keras model file or is malformed;
   *     the message names the loader a JSON or YAML config needs ({@link #fromJson}, {@link #fromYaml})
   * @throws IOException if the file cannot be read
   */
  public static Model load(Path path) throws IOException {
    return SavingService.get().load(path);
  }

  /** Loads a model from a path given as a string, as Keras's {@code load_model("model.keras")}; see {@link #load(Path)}. */
  public static Model load(String path) throws IOException {
    return load(Path.of(java.util.Objects.requireNonNull(path, "path")));
  }

  /**
   * Loads a model from the bytes of a whole Keras file ({@code .keras} or {@code .h5}), as {@link #load(Path)};
   * the format is recognized from the content. {@link Model#toBytes(String)} makes such bytes.
   *
   * @throws io.github.keras4j.saving.KerasFileException if the bytes are not a Keras model file
   */
  public static Model load(byte[] bytes) throws IOException {
    return SavingService.get().load(bytes);
  }

  /**
   * Loads a model from a stream holding a whole Keras file ({@code .keras} or {@code .h5}); reads the stream to
   * its end and leaves it open.
   *
   * @throws io.github.keras4j.saving.KerasFileException if the content is not a Keras model file
   */
  public static Model load(java.io.InputStream in) throws IOException {
    return SavingService.get().load(in);
  }

  /**
   * Creates a model from the JSON of Keras's {@code to_json()} (any version) or {@link Model#toJson()}.
   *
   * @throws IllegalArgumentException if the JSON is malformed or names unknown layers
   */
  public static Model fromJson(String json) {
    return SavingService.get().fromJson(json);
  }

  /**
   * Creates a model from the YAML of Keras 2's {@code to_yaml()} or {@link Model#toYaml()}.
   *
   * @throws IllegalArgumentException if the YAML is malformed or names unknown layers
   */
  public static Model fromYaml(String yaml) {
    return SavingService.get().fromYaml(yaml);
  }

  /**
   * Creates a model from a config tree {@code {"class_name": …, "config": …}}.
   *
   * @throws IllegalArgumentException if the config is malformed or names unknown layers
   */
  public static Model fromConfig(Map<String, Object> config) {
    return SavingService.get().fromConfig(config);
  }
}
