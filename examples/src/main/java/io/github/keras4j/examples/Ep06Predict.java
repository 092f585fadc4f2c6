package io.github.keras4j.examples;

import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;

/**
 * Episode 6 — predict on the test set: train as in episode 5 (silently), then {@code predict} with batch size 10
 * and take the most probable class of each sample.
 */
public final class Ep06Predict {
  private Ep06Predict() {}

  /** Runs the episode. */
  public static void main(String[] args) {
    Course.Prepared data = Course.prepareData();
    try (Sequential model = Course.buildCompiledModel()) {
      trainQuietly(model, data);
      float[][] predictions =
          model.predict(data.scaledTestSamples(), new PredictOptions().batchSize(10).verbose(0));
      System.out.println("First 10 predictions [P(no side effects) P(had side effects)]:");
      for (int i = 0; i < 10; i++) {
        System.out.println(Course.numpyRow(predictions[i]));
      }
      int[] roundedPredictions = ConfusionMatrix.argmax(predictions);
      int[] first = java.util.Arrays.copyOf(roundedPredictions, 10);
      System.out.println();
      System.out.println("rounded_predictions (first 10): " + Course.numpyInts(first));
      System.out.println("predictions: " + predictions.length + " rows of " + predictions[0].length);
    }
  }

  /** Trains the model as episode 5 does, printing nothing. */
  static void trainQuietly(Sequential model, Course.Prepared data) {
    model.fit(
        data.scaledTrainSamples(), data.trainLabels(),
        new FitOptions().validationSplit(0.1).batchSize(10).epochs(30).shuffle(true).verbose(0).seed(Course.SEED));
  }
}
