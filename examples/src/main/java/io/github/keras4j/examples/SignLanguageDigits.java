package io.github.keras4j.examples;

import io.github.keras4j.applications.MobileNet;
import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.FlowOptions;
import io.github.keras4j.data.image.ImageDataGenerator;
import io.github.keras4j.data.image.ImageFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Episodes 16–17's data: a copy of the shared Sign Language Digits (class folders 0–9) organized as the course
 * does — 30 images per class into {@code valid}, 5 into {@code test}, the rest into {@code train} — and iterators
 * with MobileNet preprocessing.
 */
final class SignLanguageDigits {
  /** The three iterators and the output folder. */
  record Batches(DirectoryIterator train, DirectoryIterator valid, DirectoryIterator test, Path out) {}

  private SignLanguageDigits() {}

  /** Copies (once) and organizes (once) the data; returns the organized folder or {@code null}. */
  static Path organize(String[] positional) throws IOException {
    Path source =
        SharedData.find("sign-language-digits", positional.length > 0 ? positional[0] : null, "Ep16ProcessSignLanguage");
    if (source == null) {
      return null;
    }
    Path out = outputDir(positional);
    Path data = out.resolve("data").resolve("sign-language-digits");
    SharedData.copyOnce(source, data);
    ImageFolders.SplitResult split = ImageFolders.splitClassFolders(data, 30, 5, new Random(Course.SEED));
    System.out.println(split.summary());
    return data;
  }

  static Path outputDir(String[] positional) throws IOException {
    return Course.outputDir(positional, 1);
  }

  /** The course's iterators: MobileNet preprocessing, {@code size}×{@code size}, batch 10, test unshuffled. */
  static Batches batches(Path data, Path out, int size) throws IOException {
    ImageDataGenerator generator = new ImageDataGenerator().preprocessingFunction(MobileNet::preprocessInput);
    DirectoryIterator train = generator.flowFromDirectory(data.resolve("train"),
        new FlowOptions().targetSize(size, size).batchSize(10).seed(Course.SEED));
    DirectoryIterator valid = generator.flowFromDirectory(data.resolve("valid"),
        new FlowOptions().targetSize(size, size).batchSize(10).seed(Course.SEED));
    DirectoryIterator test = generator.flowFromDirectory(data.resolve("test"),
        new FlowOptions().targetSize(size, size).batchSize(10).shuffle(false));
    return new Batches(train, valid, test, out);
  }
}
