package io.github.keras4j.models.internal;

import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Not API (a service provider interface): the file formats behind {@link Model#save}, {@link Model#toJson}, {@link Models#load} and their
 * siblings. {@code io.github.keras4j.saving} implements it and registers the implementation in
 * {@code META-INF/services/io.github.keras4j.models.internal.ModelSaving}; {@code Model} and {@code Models} find it with {@link ServiceLoader}.
 *
 * <p>Why an interface: {@code saving} reads and builds models, so {@code models} must not name {@code saving}'s
 * classes, or the two packages would depend on each other. Keras has the same pair ({@code Model.save} calls
 * {@code saving_api.save_model}) and breaks it with a deferred import; Java breaks it with this service. Not for
 * application code; may change in any release.
 */
public interface ModelSaving {

  /** Writes architecture, weights, compile configuration and optimizer state; see {@link Model#save(Path)}. */
  void save(Model model, Path path) throws IOException;

  /** Returns the bytes {@link #save} would write in {@code format} ({@code "keras"} or {@code "h5"}). */
  byte[] toBytes(Model model, String format) throws IOException;

  /** Writes the weights only; see {@link Model#saveWeights(Path)}. */
  void saveWeights(Model model, Path path) throws IOException;

  /** Reads weights into {@code model}; see {@link Model#loadWeights(Path)}. */
  void loadWeights(Model model, Path path) throws IOException;

  /** Returns the architecture as Keras's {@code to_json()}. */
  String toJson(Model model);

  /** Returns the architecture as Keras 2's {@code to_yaml()}. */
  String toYaml(Model model);

  /** Returns the model's {@code {"class_name", "config"}} map, as saved in a file. */
  Map<String, Object> modelConfig(Model model);

  /** Loads a saved model file; see {@link Models#load(Path)}. */
  Model load(Path path) throws IOException;

  /** Loads a model from the bytes of a Keras file; see {@link Models#load(byte[])}. */
  Model load(byte[] bytes) throws IOException;

  /** Loads a model from a stream holding a Keras file; see {@link Models#load(InputStream)}. */
  Model load(InputStream in) throws IOException;

  /** Builds a model from Keras's {@code to_json()} text. */
  Model fromJson(String json);

  /** Builds a model from Keras 2's {@code to_yaml()} text. */
  Model fromYaml(String yaml);

  /** Builds a model from a {@code {"class_name", "config"}} map. */
  Model fromConfig(Map<String, Object> config);
}
