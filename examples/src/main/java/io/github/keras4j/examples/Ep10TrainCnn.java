package io.github.keras4j.examples;

import io.github.keras4j.data.plot.Plots;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;

/**
 * Episode 10 — build and train a CNN on the organized Dogs-vs-Cats images: Conv2D 32 → MaxPool → Conv2D 64 →
 * MaxPool → Flatten → Dense 2 (420,802 parameters), Adam 1e-4, categorical cross-entropy, 10 epochs on the
 * training iterator with the validation iterator, one line per epoch. The course sees the training accuracy reach
 * 100% while validation stays near 70%: the model overfits (episode 18's augmentation is the remedy).
 */
public final class Ep10TrainCnn {
  private Ep10TrainCnn() {}

  /** The course's CNN. */
  static Sequential buildCnn() {
    return new Sequential(
        new Conv2D(32, 3).activation("relu").padding("same").inputShape(224, 224, 3),
        new MaxPooling2D(2).strides(2),
        new Conv2D(64, 3).activation("relu").padding("same"),
        new MaxPooling2D(2).strides(2),
        new Flatten(),
        new Dense(2).activation("softmax"));
  }

  /** Builds, compiles and trains the CNN for {@code epochs} epochs. */
  static History train(Sequential cnn, DogsVsCats.Batches batches, int epochs, int verbose) {
    cnn.compile(new Adam(0.0001), "categorical_crossentropy", "accuracy");
    return cnn.fit(batches.train(), new FitOptions().validationData(batches.valid()).epochs(epochs).verbose(verbose));
  }

  /**
   * Runs the episode.
   *
   * @param args optional: the Dogs-vs-Cats folder, the output folder (default {@code target}), the number of epochs
   *     (default 10)
   */
  public static void main(String[] args) throws Exception {
    DogsVsCats.Batches batches = DogsVsCats.prepare(args);
    if (batches == null) {
      return;
    }
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (Sequential cnn = buildCnn()) {
      cnn.summary();
      History history = train(cnn, batches, epochs, 2);
      Path png = batches.out().resolve("ep10-history.png");
      Plots.history(history, png);
      System.out.println("Training curves written to " + png);
    }
  }
}
