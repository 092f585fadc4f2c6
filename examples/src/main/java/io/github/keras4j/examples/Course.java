package io.github.keras4j.examples;

import io.github.keras4j.data.Datasets;
import io.github.keras4j.data.MinMaxScaler;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The steps the clinical-trial episodes share, each as the course writes it: prepare the data (ep2), build the
 * ANN (ep3), compile it (ep4). Every episode runs the steps before it silently and prints its own.
 */
public final class Course {
  /** The seed of every example's data generation, shuffling and weights. */
  public static final long SEED = 42;

  private Course() {}

  /** The scaled, shuffled training data and the test data of episode 2. */
  public record Prepared(
      float[] trainSamples, int[] trainLabels, float[][] scaledTrainSamples, float[] testSamples, int[] testLabels,
      float[][] scaledTestSamples) {}

  /** Episode 2: generate, shuffle in unison, scale ages to [0, 1]. */
  public static Prepared prepareData() {
    ClinicalTrialData.Samples train = ClinicalTrialData.train(SEED);
    float[] trainSamples = train.samples();
    int[] trainLabels = train.labels();
    Datasets.shuffle(trainSamples, trainLabels, SEED);
    float[][] scaledTrain = new MinMaxScaler(0, 1).fitTransform(Datasets.column(trainSamples));

    ClinicalTrialData.Samples test = ClinicalTrialData.test(SEED + 1);
    float[] testSamples = test.samples();
    int[] testLabels = test.labels();
    Datasets.shuffle(testSamples, testLabels, SEED + 1);
    // As the course does: a scaler fitted on the test ages (they span the same 13–100 range).
    float[][] scaledTest = new MinMaxScaler(0, 1).fitTransform(Datasets.column(testSamples));
    return new Prepared(trainSamples, trainLabels, scaledTrain, testSamples, testLabels, scaledTest);
  }

  /** Episode 3: the 16–32–2 network. */
  public static Sequential buildModel() {
    return new Sequential(
        new Dense(16).inputShape(1).activation("relu"),
        new Dense(32).activation("relu"),
        new Dense(2).activation("softmax"));
  }

  /** Episode 4: Adam with learning rate 0.0001, sparse categorical cross-entropy, accuracy. */
  public static Sequential buildCompiledModel() {
    Sequential model = buildModel();
    model.compile(new Adam(0.0001), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  /** Returns the output folder: the first argument, or {@code target/} (created). */
  public static Path outputDir(String[] args) throws java.io.IOException {
    return outputDir(args, 0);
  }

  /** Returns the output folder: the argument at {@code index}, or {@code target/} (created). */
  static Path outputDir(String[] args, int index) throws java.io.IOException {
    Path dir = args.length > index ? Path.of(args[index]) : Path.of("target");
    Files.createDirectories(dir);
    return dir;
  }

  /** Formats a row as numpy prints it: {@code [0.49425287]}, {@code [0.8312 0.1688]}. */
  public static String numpyRow(float[] row) {
    StringJoiner joiner = new StringJoiner(" ", "[", "]");
    for (float v : row) {
      joiner.add(String.format(Locale.ROOT, "%.8f", v).replaceAll("0+$", "").replaceAll("\\.$", "."));
    }
    return joiner.toString();
  }

  /** Formats an int array as numpy prints a short one: {@code [0 1 1 0]}. */
  public static String numpyInts(int[] values) {
    return Arrays.toString(values).replace(",", "");
  }
}
