package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Episode 9 on the shared Dogs-vs-Cats images (skipped where ../shared is absent). */
class Ep09ImagePreparationTest {
  @TempDir Path out;

  private static String run(String... args) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      Ep09ImagePreparation.main(args);
    } finally {
      System.setOut(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Path sharedDogsVsCats() {
    Path data = Path.of(System.getProperty("keras4j.shared", "../shared")).resolve("data/dogs-vs-cats");
    assumeTrue(Files.isDirectory(data), "shared data absent: " + data.toAbsolutePath());
    return data;
  }

  @Test
  void organizesACopyFindsTheCourseCountsAndPlotsABatch() throws Exception {
    Path shared = sharedDogsVsCats();
    long sharedFiles;
    try (var files = Files.list(shared)) {
      sharedFiles = files.count();
    }

    String printed = run(shared.toString(), out.toString());

    assertThat(printed).contains("Copied 1400 files").contains("moved 1300 files");
    assertThat(printed.lines().filter(l -> l.startsWith("Found ")).toList()).containsExactly(
        "Found 1000 images belonging to 2 classes.",
        "Found 200 images belonging to 2 classes.",
        "Found 100 images belonging to 2 classes.");
    assertThat(printed).containsPattern("\\[\\[[01]\\. [01]\\.]\n( \\[[01]\\. [01]\\.]\n){8} \\[[01]\\. [01]\\.]]");
    assertThat(printed).contains("steps per epoch: train 100, valid 20, test 10; class indices {cat=0, dog=1}");
    assertThat(ImageIO.read(out.resolve("ep09-batch.png").toFile()).getWidth()).isGreaterThan(1000);
    assertThat(Files.list(out.resolve("data/dogs-vs-cats/train/cat")).count()).isEqualTo(500);
    try (var files = Files.list(shared)) {
      assertThat(files.count()).as("the shared copy is untouched").isEqualTo(sharedFiles);
    }

    String again = run(shared.toString(), out.toString());
    assertThat(again).contains("Using the copy").contains("already organized")
        .contains("Found 1000 images belonging to 2 classes.");
  }

  @Test
  void explainsWhereItLookedWhenTheDataIsMissing() throws Exception {
    Path missing = out.resolve("no-such-folder");
    String printed = run(missing.toString(), out.toString());
    assertThat(printed).contains("not found").contains(missing.toAbsolutePath().toString())
        .contains("first argument");
    assertThat(out.resolve("data")).doesNotExist();
  }

  @Test
  void isListedInTheTour() {
    assertThat(Tour.find("ep09").name()).isEqualTo("Ep09ImagePreparation");
  }
}
