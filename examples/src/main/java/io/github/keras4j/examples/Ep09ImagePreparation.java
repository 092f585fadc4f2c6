package io.github.keras4j.examples;

import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.ImageBatch;
import io.github.keras4j.data.plot.Plots;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

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
  /** Where the shared data set is looked for, relative to the working directory (the root or examples/). */
  static final List<String> DEFAULT_LOCATIONS =
      List.of("../shared/data/dogs-vs-cats", "../../shared/data/dogs-vs-cats");

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

  /** Returns the data folder to use, or null (after saying where it looked) when there is none. */
  static Path findData(String[] args) {
    List<Path> candidates = new ArrayList<>();
    if (args.length > 0 && !args[0].isBlank()) {
      candidates.add(Path.of(args[0]));
    } else {
      for (String location : DEFAULT_LOCATIONS) {
        candidates.add(Path.of(location));
      }
    }
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    StringJoiner looked = new StringJoiner(" and ");
    for (Path candidate : candidates) {
      looked.add(candidate.toAbsolutePath().normalize().toString());
    }
    System.out.println("Ep09ImagePreparation: the Dogs vs. Cats images were not found (looked in " + looked + ").");
    System.out.println("Pass a folder of Kaggle's cat.N.jpg and dog.N.jpg files as the first argument, e.g.");
    System.out.println("  ./mvnw -q -pl examples -am compile exec:java"
        + " -Depisode=\"Ep09ImagePreparation /path/to/dogs-vs-cats\"");
    return null;
  }

  /**
   * Copies the source tree to {@code target} unless it is already there; the copy is assembled beside the target
   * and renamed into place, so an interrupted copy is never taken for a complete one. The source is only read.
   */
  static void copyOnce(Path source, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      System.out.println("Using the copy in " + target + " (delete it to start from " + source + " again).");
      return;
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path partial = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".dogs-vs-cats-copy");
    int files = 0;
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = partial.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          try (InputStream in = Files.newInputStream(p)) { // a fresh, writable file: the source may be read-only
            Files.copy(in, to);
          }
          files++;
        }
      }
    }
    Files.move(partial, target);
    System.out.println("Copied " + files + " files from " + source + " to " + target + ".");
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
