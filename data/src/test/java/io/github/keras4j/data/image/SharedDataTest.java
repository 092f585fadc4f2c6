package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.models.BatchSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course's data sets from {@code ../shared/data}, copied first (the shared copy is read-only). */
class SharedDataTest {
  @TempDir Path dir;

  static Path sharedData(String name) {
    Path shared = Path.of(System.getProperty("keras4j.shared", "../shared"));
    Path data = shared.resolve("data").resolve(name);
    assumeTrue(Files.isDirectory(data), "shared data absent: " + data.toAbsolutePath());
    return data;
  }

  /** Copies a folder tree with fresh, writable files. */
  static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          try (InputStream in = Files.newInputStream(p)) {
            Files.copy(in, target);
          }
        }
      }
    }
    return to;
  }

  private static DirectoryIterator flow(Path folder, FlowOptions options, StringBuilder printed) throws Exception {
    AtomicReference<DirectoryIterator> it = new AtomicReference<>();
    printed.append(DirectoryIteratorTest.capture(false,
        () -> it.set(new ImageDataGenerator().flowFromDirectory(folder, options))));
    return it.get();
  }

  private static Path organizedDogsVsCats(Path dir) throws IOException {
    Path data = copyTree(sharedData("dogs-vs-cats"), dir.resolve("dogs-vs-cats"));
    ImageFolders.SplitResult result = ImageFolders.splitByFilePrefix(
        data, List.of("cat", "dog"), new int[] {500, 100, 50}, new Random(42));
    assertThat(result.moved()).isEqualTo(1300);
    return data;
  }

  @Test
  void organizesDogsVsCatsAsTheCourseAndFindsItsImages() throws Exception {
    Path data = organizedDogsVsCats(dir);
    StringBuilder printed = new StringBuilder();
    FlowOptions options = new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10).seed(1);
    DirectoryIterator train = flow(data.resolve("train"), options, printed);
    flow(data.resolve("valid"), options, printed);
    DirectoryIterator test = flow(data.resolve("test"), options.shuffle(false), printed);
    assertThat(printed.toString().lines()).containsExactly(
        "Found 1000 images belonging to 2 classes.",
        "Found 200 images belonging to 2 classes.",
        "Found 100 images belonging to 2 classes.");
    assertThat(train.steps()).isEqualTo(100);
    ImageBatch batch = train.next();
    assertThat(batch.images().shape().asArray()).containsExactly(10, 224, 224, 3);
    assertThat(test.classes()).hasSize(100).startsWith(0).endsWith(1);
    assertThat(test.filenames().get(0)).startsWith("cat" + java.io.File.separator + "cat.");
    assertThat(ImageFolders.splitByFilePrefix(data, List.of("cat", "dog"), new int[] {500, 100, 50},
        new Random(42)).alreadyOrganized()).isTrue();
  }

  @Test
  void splitsTheSignLanguageDigitsByClassFolder() throws IOException {
    Path data = copyTree(sharedData("sign-language-digits"), dir.resolve("signs"));
    ImageFolders.SplitResult result = ImageFolders.splitClassFolders(data, 30, 5, new Random(42));
    assertThat(result.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    int train = 0;
    for (String c : result.classes()) {
      assertThat(result.count("valid", c)).isEqualTo(30);
      assertThat(result.count("test", c)).isEqualTo(5);
      train += result.count("train", c);
    }
    assertThat(train + 350).isEqualTo(2062);
    assertThat(data.resolve("LICENSE")).exists();
  }

  /** Decodes and resizes every training image once through the pipeline, as one epoch of fit does (~1 s). */
  @Test
  void streamsAnEpochOfTheTrainingImages() throws Exception {
    Path data = organizedDogsVsCats(dir);
    DirectoryIterator train = flow(data.resolve("train"),
        new FlowOptions().targetSize(224, 224).batchSize(10).seed(3), new StringBuilder());
    long start = System.nanoTime();
    train.onEpochBegin(0);
    int seen = 0;
    for (int step = 0; step < train.steps(); step++) {
      seen += train.batch(step).size();
    }
    train.onEpochEnd(0);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(seen).isEqualTo(1000);
    System.out.printf(Locale.ROOT, "pipeline: %d images in %.2f s = %.0f images/s%n", seen, seconds, seen / seconds);
    assertThat(BatchSource.class).isAssignableFrom(DirectoryIterator.class);
  }
}
