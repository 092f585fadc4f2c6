package io.github.keras4j.saving.internal;

import io.github.keras4j.models.Model;
import io.github.keras4j.models.internal.ModelSaving;
import io.github.keras4j.saving.FileFormats;
import io.github.keras4j.saving.KerasFiles;
import io.github.keras4j.saving.ModelBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not API: the {@link ModelSaving} service that {@link Model} and {@link io.github.keras4j.models.Models} use,
 * registered in {@code META-INF/services}. It delegates to {@link KerasFiles} and {@link ModelBytes}; applications
 * call {@code Model.save} / {@code Models.load} instead.
 */
public final class KerasModelSaving implements ModelSaving {

  /** Creates the service; {@link java.util.ServiceLoader} calls this. */
  public KerasModelSaving() {}

  @Override
  public void save(Model model, Path path) throws IOException {
    KerasFiles.save(model, path);
  }

  @Override
  public byte[] toBytes(Model model, String format) throws IOException {
    return ModelBytes.toBytes(model, format);
  }

  @Override
  public void saveWeights(Model model, Path path) throws IOException {
    KerasFiles.saveWeights(model, path);
  }

  @Override
  public void loadWeights(Model model, Path path) throws IOException {
    KerasFiles.loadWeights(model, path);
  }

  @Override
  public String toJson(Model model) {
    return KerasFiles.toJson(model);
  }

  @Override
  public String toYaml(Model model) {
    return KerasFiles.toYaml(model);
  }

  @Override
  public Map<String, Object> modelConfig(Model model) {
    return KerasFiles.modelConfig(model);
  }

  @Override
  public Model load(Path path) throws IOException {
    FileFormats.requireSavedModel(path);
    return KerasFiles.load(path);
  }

  @Override
  public Model load(byte[] bytes) throws IOException {
    return ModelBytes.load(bytes);
  }

  @Override
  public Model load(InputStream in) throws IOException {
    return ModelBytes.load(in);
  }

  @Override
  public Model fromJson(String json) {
    return KerasFiles.fromJson(json);
  }

  @Override
  public Model fromYaml(String yaml) {
    return KerasFiles.fromYaml(yaml);
  }

  @Override
  public Model fromConfig(Map<String, Object> config) {
    return KerasFiles.fromConfig(config);
  }
}
