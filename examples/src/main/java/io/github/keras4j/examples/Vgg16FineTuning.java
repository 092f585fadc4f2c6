package io.github.keras4j.examples;

import io.github.keras4j.applications.VGG16;
import io.github.keras4j.applications.WeightsCache;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Episodes 12–14's model: VGG16 with ImageNet weights, its layers but the last copied into a Sequential, frozen,
 * and a new 2-class softmax head.
 */
final class Vgg16FineTuning {
  private Vgg16FineTuning() {}

  /**
   * Returns VGG16 with ImageNet weights: from {@code --weights <file>}, else from the Keras cache (downloading if
   * possible); without either, says so and returns it with random weights so that the episode still runs.
   */
  static Model loadVgg16(Args args) throws IOException {
    String file = args.option("weights", null);
    if (file != null) {
      return VGG16.create(new VGG16.Options().weights(Path.of(file)));
    }
    try {
      return VGG16.create();
    } catch (WeightsCache.WeightsUnavailableException e) {
      System.out.println("VGG16's ImageNet weights are not available: " + e.getMessage());
      System.out.println("Continuing with randomly initialized weights; pass --weights <file> to use a local copy.");
      return VGG16.create(new VGG16.Options().weights((String) null));
    }
  }

  /** The course's fine-tuning model: every VGG16 layer but the last, frozen, plus Dense(2, softmax). */
  static Sequential fineTuned(Model vgg16, boolean printSummaries) {
    Sequential model = new Sequential();
    List<Layer> layers = vgg16.layers();
    for (Layer layer : layers.subList(0, layers.size() - 1)) {
      model.add(layer);
    }
    if (printSummaries) {
      model.summary();
    }
    for (Layer layer : model.layers()) {
      layer.trainable(false);
    }
    model.add(new Dense(2).activation("softmax"));
    if (printSummaries) {
      model.summary();
    }
    return model;
  }
}
