package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import java.nio.file.Path;
import java.util.Random;

/** The README's quick start: train a classifier, evaluate it, save it, load it, predict. Runs as written. */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start. */
  public static void main(String[] args) throws Exception {
    // Toy data: is the point (a, b) inside the circle a² + b² < 0.5?
    Random random = new Random(42);
    float[][] x = new float[2000][2];
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = random.nextFloat() * 2 - 1;
      x[i][1] = random.nextFloat() * 2 - 1;
      y[i] = x[i][0] * x[i][0] + x[i][1] * x[i][1] < 0.5f ? 1 : 0;
    }
    Keras.setRandomSeed(42);
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "quickstart.keras");
    try (Sequential model = new Sequential(
        new Dense(16).inputShape(2).activation("relu"),
        new Dense(16).activation("relu"),
        new Dense(2).activation("softmax"))) {
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      model.summary();
      model.fit(x, y, new FitOptions().epochs(30).batchSize(32).validationSplit(0.1).verbose(2));
      System.out.println("evaluate: " + model.evaluate(x, y));
      model.save(file);                                   // a Keras 3 .keras file, loadable by Python Keras
    }
    try (Model loaded = Models.load(file)) {
      float[][] p = loaded.predict(new float[][] {{0.1f, 0.2f}, {0.9f, 0.9f}});
      System.out.printf("P(inside) for (0.1, 0.2): %.3f, for (0.9, 0.9): %.3f%n", p[0][1], p[1][1]);
    }
  }
}
