package io.github.keras4j.examples;

import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;

/**
 * Episode 4 — train the ANN: compile with Adam (learning rate 0.0001), sparse categorical cross-entropy and
 * accuracy, then fit with batch size 10 for 30 epochs, shuffled, one line per epoch.
 */
public final class Ep04TrainAnn {
  private Ep04TrainAnn() {}

  /** Runs the episode. */
  public static void main(String[] args) {
    Course.Prepared data = Course.prepareData();
    try (Sequential model = Course.buildCompiledModel()) {
      model.fit(
          data.scaledTrainSamples(), data.trainLabels(),
          new FitOptions().batchSize(10).epochs(30).shuffle(true).verbose(2).seed(Course.SEED));
    }
  }
}
