package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import io.github.keras4j.saving.KerasFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Loads published Keras weight files into application models, matching layers by name. */
final class Pretrained {
  private Pretrained() {}

  static void loadByName(Model model, Path file) throws IOException {
    KerasFiles.loadWeightsByName(model, file);
  }
}
