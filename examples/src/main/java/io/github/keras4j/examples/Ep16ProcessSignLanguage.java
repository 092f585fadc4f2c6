package io.github.keras4j.examples;

import java.nio.file.Path;

/**
 * Episode 16 — process the Sign Language Digits: copy the shared data set, organize it into train/valid/test (30
 * validation and 5 test images per digit) and create the MobileNet-preprocessed iterators
 * ({@code Found 1712 images belonging to 10 classes.} / 300 / 50).
 *
 * <p>Arguments: the data folder and the output folder (positional, optional), {@code --size N} (default 224).
 */
public final class Ep16ProcessSignLanguage {
  private Ep16ProcessSignLanguage() {}

  /** Runs the episode. */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    Path data = SignLanguageDigits.organize(parsed.positional());
    if (data == null) {
      return;
    }
    SignLanguageDigits.Batches batches =
        SignLanguageDigits.batches(data, SignLanguageDigits.outputDir(parsed.positional()), parsed.integer("size", 224));
    System.out.println("class indices: " + batches.train().classIndices());
    System.out.println("steps per epoch: train " + batches.train().steps() + ", valid " + batches.valid().steps()
        + ", test " + batches.test().steps());
  }
}
