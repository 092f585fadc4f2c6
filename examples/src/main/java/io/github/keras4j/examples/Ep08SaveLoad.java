package io.github.keras4j.examples;

import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Episode 8 — save and load a model three ways: the whole model ({@code model.save} → {@code .h5},
 * {@code Models.load}), the architecture only ({@code toJson} / {@code fromJson}, {@code toYaml}), and the
 * weights only ({@code saveWeights} / {@code loadWeights} into a fresh model). Each copy predicts the test set
 * exactly as the trained model does. Files go to {@code <out>/models/}.
 */
public final class Ep08SaveLoad {
  private Ep08SaveLoad() {}

  /** Runs the episode; the optional argument is the output folder (default {@code target}). */
  public static void main(String[] args) throws Exception {
    Path models = Course.outputDir(args).resolve("models");
    Files.createDirectories(models);
    Course.Prepared data = Course.prepareData();
    try (Sequential model = Course.buildCompiledModel()) {
      Ep06Predict.trainQuietly(model, data);
      float[][] expected = predict(model, data);

      // 1. The whole model: architecture, weights, training configuration and optimizer state.
      Path h5 = models.resolve("medical_trial_model.h5");
      model.save(h5);
      System.out.println("Saved the model to " + h5);
      try (Model newModel = Models.load(h5)) {
        newModel.summary();
        System.out.println("Weights of the loaded model:");
        printWeights(newModel);
        System.out.println("Optimizer: " + newModel.optimizer().name() + " " + newModel.optimizer().getConfig()
            + ", iterations=" + newModel.optimizer().iterationCount());
        System.out.println("Loss: " + newModel.loss().name() + ", metrics: " + newModel.metricNames());
        report("loaded model", expected, predict(newModel, data));
      }

      // 2. The architecture only, as JSON and YAML.
      String json = model.toJson();
      System.out.println();
      System.out.println("JSON architecture:");
      System.out.println(json);
      try (Model architecture = Models.fromJson(json)) {
        architecture.summary();
      }
      System.out.println("YAML architecture:");
      System.out.print(model.toYaml());

      // 3. The weights only, loaded into a freshly built model of the same architecture.
      Path weights = models.resolve("my_model_weights.h5");
      model.saveWeights(weights);
      System.out.println();
      System.out.println("Saved the weights to " + weights);
      try (Sequential model2 = Course.buildModel()) {
        model2.loadWeights(weights);
        System.out.println("Weights loaded into a new model:");
        printWeights(model2);
        report("model with loaded weights", expected, predict(model2, data));
      }
    }
  }

  private static float[][] predict(Model model, Course.Prepared data) {
    return model.predict(data.scaledTestSamples(), new PredictOptions().batchSize(10).verbose(0));
  }

  private static void printWeights(Model model) {
    for (Weight w : model.weights()) {
      float[] v = w.read();
      StringBuilder head = new StringBuilder();
      for (int i = 0; i < Math.min(4, v.length); i++) {
        head.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.8f", v[i]));
      }
      System.out.printf(Locale.ROOT, "  %-18s %-9s [%s%s]%n", w.path(), InspectModel.shape(w.shape()), head,
          v.length > 4 ? " ..." : "");
    }
  }

  private static void report(String what, float[][] expected, float[][] actual) {
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(expected[i][j] - actual[i][j]));
      }
    }
    System.out.printf(Locale.ROOT, "Predictions of the %s on the %d test samples: max |difference| = %s%n", what,
        expected.length, maxDiff);
  }

  /** For tests: the files the episode writes. */
  static List<String> files() {
    return List.of("medical_trial_model.h5", "my_model_weights.h5");
  }
}
