package io.github.keras4j.examples;

import java.util.Random;

/**
 * The course's synthetic clinical-trial data (episode 2): an experimental drug was tested on people aged 13 to
 * 100; about 95% of patients 65 or older had side effects and about 95% of younger patients had none.
 *
 * <p>Each "normal" iteration adds one younger patient without side effects (label 0) and one older patient with
 * side effects (label 1); each "outlier" iteration adds the opposite pair. The course uses 50 + 1,000 iterations
 * for training (2,100 samples, 5% outliers) and 10 + 200 for testing (420 samples).
 */
public final class ClinicalTrialData {
  /** Ages and labels (0 = no side effects, 1 = had side effects), in generation order. */
  public record Samples(float[] samples, int[] labels) {}

  private ClinicalTrialData() {}

  /** The course's training set: 2,100 samples. */
  public static Samples train(long seed) {
    return generate(50, 1000, new Random(seed));
  }

  /** The course's test set: 420 samples. */
  public static Samples test(long seed) {
    return generate(10, 200, new Random(seed));
  }

  /**
   * Generates {@code 2 * (outliers + normal)} samples as the course's loops do ({@code randint(13, 64)} for
   * younger, {@code randint(65, 100)} for older patients, both inclusive).
   */
  public static Samples generate(int outliers, int normal, Random random) {
    int n = 2 * (outliers + normal);
    float[] samples = new float[n];
    int[] labels = new int[n];
    int k = 0;
    for (int i = 0; i < outliers; i++) {
      samples[k] = randint(random, 13, 64);
      labels[k++] = 1;
      samples[k] = randint(random, 65, 100);
      labels[k++] = 0;
    }
    for (int i = 0; i < normal; i++) {
      samples[k] = randint(random, 13, 64);
      labels[k++] = 0;
      samples[k] = randint(random, 65, 100);
      labels[k++] = 1;
    }
    return new Samples(samples, labels);
  }

  private static int randint(Random random, int low, int high) {
    return low + random.nextInt(high - low + 1);
  }
}
