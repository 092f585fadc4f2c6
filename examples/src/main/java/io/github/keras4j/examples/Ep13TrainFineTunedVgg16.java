package io.github.keras4j.examples;

import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;

/**
 * Episode 13 — train the fine-tuned VGG16 on the organized Dogs-vs-Cats iterators (VGG16 preprocessing, 224×224,
 * batch 10): Adam 1e-4, categorical cross-entropy, 5 epochs, validation each epoch. Only the new head trains; the
 * frozen base needs no gradients. Saves the trained model to {@code <out>/vgg16-fine-tuned.keras} for episode 14.
 *
 * <p>Arguments: the Dogs-vs-Cats folder and the output folder (positional, optional), {@code --epochs N}
 * (default 5), {@code --weights <file>}. On two CPU cores an epoch takes a few minutes.
 */
public final class Ep13TrainFineTunedVgg16 {
  private Ep13TrainFineTunedVgg16() {}

  /** Runs the episode. */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    DogsVsCats.Batches batches = DogsVsCats.prepare(parsed.positional());
    if (batches == null) {
      return;
    }
    Model vgg16 = Vgg16FineTuning.loadVgg16(parsed);
    try (Sequential model = Vgg16FineTuning.fineTuned(vgg16, false)) {
      train(model, batches, parsed.integer("epochs", 5));
      Path saved = batches.out().resolve("vgg16-fine-tuned.keras");
      model.save(saved);
      System.out.println("Saved the trained model to " + saved);
    }
  }

  static void train(Sequential model, DogsVsCats.Batches batches, int epochs) {
    model.compile(new Adam(0.0001), "categorical_crossentropy", "accuracy");
    model.fit(batches.train(), new FitOptions().validationData(batches.valid()).epochs(epochs).verbose(2));
  }
}
