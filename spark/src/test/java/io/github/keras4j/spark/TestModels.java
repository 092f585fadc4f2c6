package io.github.keras4j.spark;

import io.github.keras4j.Keras;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.util.Random;

/** Small seeded models and the course's clinical-trial data, for the Spark tests. */
final class TestModels {
  private TestModels() {}

  /** Dense 4 → 8 (relu) → 3 (softmax), seeded. */
  static Sequential classifier() {
    Keras.setRandomSeed(7);
    return new Sequential(
        new Dense(8).inputShape(4).activation("relu"),
        new Dense(3).activation("softmax"));
  }

  /** The course's ANN (1 → 16 → 32 → 2), compiled as in episode 4. */
  static Sequential courseAnn(long seed) {
    Keras.setRandomSeed(seed);
    Sequential model = new Sequential(
        new Dense(16).inputShape(1).activation("relu"),
        new Dense(32).activation("relu"),
        new Dense(2).activation("softmax"));
    model.compile(new Adam(0.0001), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  /** Random rows of 4 features. */
  static float[][] rows(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][4];
    for (float[] row : x) {
      for (int j = 0; j < 4; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  /** The course's data (episode 2): ages 13..100 scaled to 0..1 and side-effect labels, 5% outliers. */
  static Object[] clinicalTrial(int outliers, int normal, long seed) {
    Random random = new Random(seed);
    int n = 2 * (outliers + normal);
    float[] x = new float[n];
    int[] y = new int[n];
    int k = 0;
    for (int i = 0; i < outliers + normal; i++) {
      boolean outlier = i < outliers;
      x[k] = 13 + random.nextInt(52);
      y[k++] = outlier ? 1 : 0;
      x[k] = 65 + random.nextInt(36);
      y[k++] = outlier ? 0 : 1;
    }
    for (int i = 0; i < n; i++) {
      x[i] = (x[i] - 13f) / 87f;
    }
    return new Object[] {x, y};
  }
}
