package io.github.keras4j.examples;

import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Episode 14 — predict the 100 test images with the fine-tuned VGG16 and print and plot the confusion matrix.
 * Loads {@code <out>/vgg16-fine-tuned.keras} written by episode 13, or trains first when it is missing.
 *
 * <p>Arguments: as episode 13.
 */
public final class Ep14PredictFineTunedVgg16 {
  private Ep14PredictFineTunedVgg16() {}

  /** Runs the episode. */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    DogsVsCats.Batches batches = DogsVsCats.prepare(parsed.positional());
    if (batches == null) {
      return;
    }
    Path saved = batches.out().resolve("vgg16-fine-tuned.keras");
    Model model;
    if (Files.exists(saved)) {
      System.out.println("Loading the model trained by episode 13 from " + saved);
      model = Models.load(saved);
    } else {
      Sequential fresh = Vgg16FineTuning.fineTuned(Vgg16FineTuning.loadVgg16(parsed), false);
      Ep13TrainFineTunedVgg16.train(fresh, batches, parsed.integer("epochs", 5));
      model = fresh;
    }
    try (Model m = model) {
      float[][] predictions = m.predict(batches.test(), new PredictOptions().verbose(0));
      ConfusionMatrix cm =
          ConfusionMatrix.of(batches.test().classes(), ConfusionMatrix.argmax(predictions), batches.test().numClasses());
      System.out.println("class indices: " + batches.test().classIndices());
      Ep11CnnPredictions.printAndPlot(
          cm, batches.test().classIndices(), batches.out().resolve("ep14-confusion-matrix.png"));
    }
  }
}
