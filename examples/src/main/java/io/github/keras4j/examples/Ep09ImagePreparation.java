package io.github.keras4j.examples;

import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.ImageBatch;
import io.github.keras4j.data.plot.Plots;
import java.nio.file.Path;
import java.util.StringJoiner;

/**
 * Episode 9 — image preparation: organize Kaggle's Dogs vs. Cats into {@code train/}, {@code valid/} and
 * {@code test/} (500, 100 and 50 images per class, as the course's script), stream each with VGG16's
 * preprocessing at 224 × 224 in batches of 10, and plot the first training batch
 * ({@code <out>/ep09-batch.png}) as the course's {@code plotImages}.
 *
 * <p>The data is never organized in place: the flat folder of {@code cat.N.jpg} / {@code dog.N.jpg} files is copied
 * to {@code <out>/data/dogs-vs-cats} first (once; later runs reuse the copy, which is then already organized).
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Depisode=Ep09ImagePreparation
 * ./mvnw -q -pl examples -am compile exec:java -Depisode="Ep09ImagePreparation /path/to/dogs-vs-cats"
 * </pre>
 */
public final class Ep09ImagePreparation {
  private Ep09ImagePreparation() {}

  /**
   * Runs the episode.
   *
   * @param args optional: the folder of Dogs-vs-Cats images (default: the shared copy), then the output folder
   *     (default {@code target})
   */
  public static void main(String[] args) throws Exception {
    DogsVsCats.Batches batches = DogsVsCats.prepare(args);
    if (batches == null) {
      return;
    }
    DirectoryIterator trainBatches = batches.train();
    ImageBatch batch = trainBatches.next();
    Path png = batches.out().resolve("ep09-batch.png");
    Plots.images(batch.images(), png);
    System.out.println("First training batch (VGG16-preprocessed, shown min-max scaled) plotted to " + png);
    System.out.println(numpyMatrix(batch.labels()));
    System.out.printf(java.util.Locale.ROOT, "steps per epoch: train %d, valid %d, test %d; class indices %s%n",
        trainBatches.steps(), batches.valid().steps(), batches.test().steps(), trainBatches.classIndices());
    trainBatches.reset(); // stops the loading of the batches prefetched behind the first one
  }

  /** Formats labels as numpy prints a 2-D float array: {@code [[0. 1.]\n [1. 0.]]}. */
  static String numpyMatrix(float[][] rows) {
    StringJoiner joiner = new StringJoiner("\n ", "[", "]");
    for (float[] row : rows) {
      StringJoiner cells = new StringJoiner(" ", "[", "]");
      for (float v : row) {
        cells.add(v == Math.rint(v) ? (long) v + "." : Float.toString(v));
      }
      joiner.add(cells.toString());
    }
    return joiner.toString();
  }
}
