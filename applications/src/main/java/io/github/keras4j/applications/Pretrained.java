package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import io.github.keras4j.saving.KerasFileException;
import io.github.keras4j.saving.WeightsByName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads Keras weight files into application models, matching layers by name, also when the layers sit in a model
 * nested inside the file (a Teachable Machine export keeps its MobileNetV2 under
 * {@code model_weights/sequential_1}).
 */
final class Pretrained {
  private Pretrained() {}

  /**
   * Loads by layer name: first the file's own layers; if none matches, the first nested model in the file whose
   * layers match. Saved names written by tf.keras with a {@code /} ({@code conv1/conv}) match the model's
   * {@code conv1_conv}.
   *
   * @throws KerasFileException if no layer of the model is found in the file, or a matched layer does not fit
   */
  static void loadByName(Model model, Path file) throws IOException {
    int loaded = WeightsByName.load(model, file, null, Pretrained::rename);
    if (loaded > 0) {
      return;
    }
    List<String> nested = WeightsByName.nestedModelGroups(file);
    for (String group : nested) {
      if (WeightsByName.load(model, file, group, Pretrained::rename) > 0) {
        return;
      }
    }
    throw new KerasFileException(file, "no layer of model '" + model.name() + "' (such as '"
        + model.layers().get(Math.min(1, model.layers().size() - 1)).name() + "') was found in the file"
        + (nested.isEmpty() ? "" : " nor in its nested models " + nested) + "; is it the weights of another"
        + " architecture?");
  }

  private static String rename(String saved) {
    return saved.replace('/', '_');
  }
}
