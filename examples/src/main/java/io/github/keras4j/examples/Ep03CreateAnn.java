package io.github.keras4j.examples;

import io.github.keras4j.models.Sequential;

/** Episode 3 — create an artificial neural network: the Sequential 16–32–2 model and its summary. */
public final class Ep03CreateAnn {
  private Ep03CreateAnn() {}

  /** Runs the episode. */
  public static void main(String[] args) {
    try (Sequential model = Course.buildModel()) {
      model.summary();
    }
  }
}
