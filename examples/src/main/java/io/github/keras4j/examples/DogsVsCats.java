package io.github.keras4j.examples;

import io.github.keras4j.applications.VGG16;
import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.FlowOptions;
import io.github.keras4j.data.image.ImageDataGenerator;
import io.github.keras4j.data.image.ImageFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The Dogs-vs-Cats data of episodes 9–14: a copy of the shared images organized 500/100/50 per class into
 * {@code <out>/data/dogs-vs-cats/{train,valid,test}/{cat,dog}}, and the course's iterators over it (VGG16
 * preprocessing, 224×224, batch size 10, test unshuffled).
 */
final class DogsVsCats {
  /** The course's three iterators and the output folder. */
  record Batches(DirectoryIterator train, DirectoryIterator valid, DirectoryIterator test, Path out) {}

  private DogsVsCats() {}

  /**
   * Copies (once) and organizes (once) the data; returns the organized folder, or {@code null} after saying where
   * it looked when there is no data.
   *
   * @param args optional: the source folder, then the output folder (default {@code target})
   */
  static Path organize(String[] args) throws IOException {
    Path source = SharedData.find("dogs-vs-cats", args.length > 0 ? args[0] : null, "Ep09ImagePreparation");
    if (source == null) {
      return null;
    }
    Path data = outputDir(args).resolve("data").resolve("dogs-vs-cats");
    SharedData.copyOnce(source, data);
    // The course's organizing script: 500 train, 100 valid, 50 test images per class.
    ImageFolders.SplitResult split =
        ImageFolders.splitByFilePrefix(data, List.of("cat", "dog"), new int[] {500, 100, 50}, new Random(Course.SEED));
    System.out.println(split.summary());
    return data;
  }

  /** Returns the output folder: the second argument, or {@code target}. */
  static Path outputDir(String[] args) throws IOException {
    return Course.outputDir(args, 1);
  }

  /** Creates the course's iterators (prints the three "Found … images" lines). */
  static Batches batches(Path data, Path out) throws IOException {
    ImageDataGenerator generator = new ImageDataGenerator().preprocessingFunction(VGG16::preprocessInput);
    DirectoryIterator train = generator.flowFromDirectory(data.resolve("train"),
        new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10).seed(Course.SEED));
    DirectoryIterator valid = generator.flowFromDirectory(data.resolve("valid"),
        new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10).seed(Course.SEED));
    DirectoryIterator test = generator.flowFromDirectory(data.resolve("test"),
        new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10).shuffle(false));
    return new Batches(train, valid, test, out);
  }

  /** Organizes the data and returns the iterators, or {@code null} when there is no data. */
  static Batches prepare(String[] args) throws IOException {
    Path data = organize(args);
    return data == null ? null : batches(data, outputDir(args));
  }
}
