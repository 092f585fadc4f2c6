package io.github.keras4j.examples;

import io.github.keras4j.data.Datasets;
import io.github.keras4j.data.MinMaxScaler;
import java.util.Locale;

/**
 * Episode 2 — data processing for an artificial neural network: generate the clinical-trial data, shuffle samples
 * and labels in unison, scale the ages to [0, 1] with a MinMaxScaler.
 */
public final class Ep02DataProcessing {
  private Ep02DataProcessing() {}

  /** Runs the episode. */
  public static void main(String[] args) {
    ClinicalTrialData.Samples train = ClinicalTrialData.train(Course.SEED);
    float[] trainSamples = train.samples();
    int[] trainLabels = train.labels();
    System.out.println("Generated " + trainSamples.length + " training samples (ages 13 to 100, 5% outliers).");
    System.out.println("First 10 samples and labels as generated:");
    for (int i = 0; i < 10; i++) {
      System.out.printf(Locale.ROOT, "%3.0f -> %d%n", trainSamples[i], trainLabels[i]);
    }

    Datasets.shuffle(trainSamples, trainLabels, Course.SEED);
    MinMaxScaler scaler = new MinMaxScaler(0, 1);
    float[][] scaledTrainSamples = scaler.fitTransform(Datasets.column(trainSamples));

    System.out.println();
    System.out.println("After shuffling and scaling (first 10):");
    for (int i = 0; i < 10; i++) {
      System.out.printf(
          Locale.ROOT, "%3.0f -> %s  label %d%n", trainSamples[i], Course.numpyRow(scaledTrainSamples[i]),
          trainLabels[i]);
    }
    int withSideEffects = 0;
    for (int label : trainLabels) {
      withSideEffects += label;
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT, "train_samples: (%d,)  scaled_train_samples: (%d, 1)  had side effects: %d%n",
        trainSamples.length, scaledTrainSamples.length, withSideEffects);
  }
}
