package io.github.keras4j.examples;

import io.github.keras4j.data.plot.Plots;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import java.nio.file.Path;

/**
 * Episode 5 — build a validation set: {@code validationSplit(0.1)} holds out the last 10% of the (already
 * shuffled) training data and reports val_loss and val_accuracy each epoch. Writes the training curves to
 * {@code <out>/ep05-history.png}.
 */
public final class Ep05Validation {
  private Ep05Validation() {}

  /** Runs the episode; the optional argument is the output folder (default {@code target}). */
  public static void main(String[] args) throws Exception {
    Path out = Course.outputDir(args);
    Course.Prepared data = Course.prepareData();
    try (Sequential model = Course.buildCompiledModel()) {
      History history =
          model.fit(
              data.scaledTrainSamples(), data.trainLabels(),
              new FitOptions().validationSplit(0.1).batchSize(10).epochs(30).shuffle(true).verbose(2)
                  .seed(Course.SEED));
      Path png = out.resolve("ep05-history.png");
      Plots.history(history, png);
      System.out.println("Training curves written to " + png);
    }
  }
}
