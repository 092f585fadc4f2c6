package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.data.image.ImageFolders.Mode;
import io.github.keras4j.data.image.ImageFolders.SplitResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFoldersTest {
  private static final List<String> CATS_AND_DOGS = List.of("cat", "dog");

  @TempDir Path dir;

  /** 15 tiny files per class, named as Kaggle's: cat.0.png … dog.14.png, plus one unrelated file. */
  private Path flatFolder(String name) throws IOException {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    for (String c : CATS_AND_DOGS) {
      for (int i = 0; i < 15; i++) {
        Files.writeString(folder.resolve(c + "." + i + ".png"), c + i);
      }
    }
    Files.writeString(folder.resolve("README.txt"), "not a class");
    return folder;
  }

  /** Every regular file under {@code folder}, relative, sorted, with its content. */
  private static TreeMap<String, String> tree(Path folder) throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(folder.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return files;
  }

  private static long count(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.count();
    }
  }

  @Test
  void movesTheRequestedNumberOfFilesPerClassAndSplit() throws IOException {
    Path folder = flatFolder("flat");
    SplitResult result = ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(1));

    assertThat(result.alreadyOrganized()).isFalse();
    assertThat(result.moved()).isEqualTo(22);
    for (String c : CATS_AND_DOGS) {
      assertThat(count(folder.resolve("train").resolve(c))).isEqualTo(6);
      assertThat(count(folder.resolve("valid").resolve(c))).isEqualTo(3);
      assertThat(count(folder.resolve("test").resolve(c))).isEqualTo(2);
      assertThat(result.count("train", c)).isEqualTo(6);
      assertThat(result.count("test", c)).isEqualTo(2);
      try (Stream<Path> files = Files.list(folder.resolve("valid").resolve(c))) {
        assertThat(files).allMatch(p -> p.getFileName().toString().startsWith(c + "."));
      }
    }
    // 15 - 11 = 4 files of each class stay, and the unrelated file is untouched.
    assertThat(count(folder)).isEqualTo(3 + 4 + 4 + 1);
    assertThat(tree(folder)).hasSize(31).containsEntry("README.txt", "not a class");
    assertThat(result.summary()).contains("moved 22 files").contains("train: cat 6, dog 6")
        .contains("test:  cat 2, dog 2");
  }

  @Test
  void picksTheSameFilesForTheSameSeed() throws IOException {
    Path a = flatFolder("a");
    Path b = flatFolder("b");
    Path c = flatFolder("c");
    ImageFolders.splitByFilePrefix(a, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(5));
    ImageFolders.splitByFilePrefix(b, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(5));
    ImageFolders.splitByFilePrefix(c, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(6));
    assertThat(tree(a)).isEqualTo(tree(b));
    assertThat(tree(a)).isNotEqualTo(tree(c));
  }

  @Test
  void doesNothingTheSecondTimeAndSaysSo() throws IOException {
    Path folder = flatFolder("twice");
    ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(1));
    TreeMap<String, String> before = tree(folder);

    SplitResult again = ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(2));

    assertThat(again.alreadyOrganized()).isTrue();
    assertThat(again.moved()).isZero();
    assertThat(again.moves()).isEmpty();
    assertThat(again.count("valid", "dog")).isEqualTo(3);
    assertThat(again.summary()).contains("already organized").contains("nothing was moved");
    assertThat(tree(folder)).isEqualTo(before);
  }

  @Test
  void dryRunReportsTheMovesWithoutTouchingAnything() throws IOException {
    Path folder = flatFolder("dry");
    TreeMap<String, String> before = tree(folder);

    SplitResult plan = ImageFolders.splitByFilePrefix(
        folder, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(3), Mode.DRY_RUN);

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.moved()).isZero();
    assertThat(plan.moves()).hasSize(22);
    assertThat(plan.summary()).contains("Dry run: would move 22 files");
    assertThat(tree(folder)).isEqualTo(before);
    assertThat(folder.resolve("train")).doesNotExist();

    // The real run with the same seed makes exactly the planned moves.
    SplitResult done = ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(3));
    assertThat(done.moves()).isEqualTo(plan.moves());
  }

  @Test
  void checksEveryClassBeforeMovingAnything() throws IOException {
    Path folder = flatFolder("few");
    TreeMap<String, String> before = tree(folder);
    assertThatThrownBy(() -> ImageFolders.splitByFilePrefix(
            folder, List.of("cat", "dog", "bird"), new int[] {6, 3, 2}, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class 'bird' needs 11 files")
        .hasMessageContaining("has 0 files");
    assertThatThrownBy(() -> ImageFolders.splitByFilePrefix(
            folder, CATS_AND_DOGS, new int[] {10, 5, 1}, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class 'cat' needs 16 files (10 train + 5 valid + 1 test), but")
        .hasMessageContaining("has 15 files");
    assertThat(tree(folder)).isEqualTo(before);
    assertThatThrownBy(() -> ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {1, 1}, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 numbers");
  }

  @Test
  void refusesAPartlyOrganizedFolder() throws IOException {
    Path folder = flatFolder("partial");
    Files.createDirectories(folder.resolve("train/cat"));
    assertThatThrownBy(() -> ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {6, 3, 2},
            new Random(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("partly organized")
        .hasMessageContaining("train/cat")
        .hasMessageContaining("valid/dog");
  }

  @Test
  void leavesAFileAtATargetAlone() throws IOException {
    Path folder = flatFolder("clash");
    SplitResult plan = ImageFolders.splitByFilePrefix(
        folder, CATS_AND_DOGS, new int[] {6, 3, 2}, new Random(1), Mode.DRY_RUN);
    // A file put by hand where the first move would go: the run refuses and the file survives.
    Path target = plan.moves().get(0).to();
    Files.createDirectories(target.getParent());
    Files.writeString(target, "precious");
    assertThatThrownBy(() -> ImageFolders.splitByFilePrefix(folder, CATS_AND_DOGS, new int[] {6, 3, 2},
            new Random(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.readString(target)).isEqualTo("precious");
  }

  @Test
  void splitsClassFoldersAsTheSignLanguageScript() throws IOException {
    Path folder = dir.resolve("signs");
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 10; i++) {
        Files.createDirectories(folder.resolve(Integer.toString(c)));
        Files.writeString(folder.resolve(c + "/IMG_" + i + ".JPG"), c + "-" + i);
      }
    }
    Files.writeString(folder.resolve("LICENSE"), "license");

    SplitResult result = ImageFolders.splitClassFolders(folder, 3, 2, new Random(4));

    assertThat(result.classes()).containsExactly("0", "1", "2");
    assertThat(result.moved()).isEqualTo(15);
    for (String c : List.of("0", "1", "2")) {
      assertThat(count(folder.resolve("train").resolve(c))).isEqualTo(5);
      assertThat(count(folder.resolve("valid").resolve(c))).isEqualTo(3);
      assertThat(count(folder.resolve("test").resolve(c))).isEqualTo(2);
      assertThat(result.count("train", c)).isEqualTo(5);
      assertThat(folder.resolve(c)).doesNotExist();
    }
    assertThat(folder.resolve("LICENSE")).hasContent("license");
    assertThat(tree(folder)).hasSize(31);

    SplitResult again = ImageFolders.splitClassFolders(folder, 3, 2, new Random(4));
    assertThat(again.alreadyOrganized()).isTrue();
    assertThat(again.moved()).isZero();
    assertThat(again.count("valid", "1")).isEqualTo(3);
  }

  @Test
  void classFolderSplitIsDeterministicAndDryRunTouchesNothing() throws IOException {
    List<TreeMap<String, String>> trees = new ArrayList<>();
    for (String name : List.of("x", "y")) {
      Path folder = dir.resolve(name);
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < 8; i++) {
          Files.createDirectories(folder.resolve(Integer.toString(c)));
          Files.writeString(folder.resolve(c + "/f" + i + ".png"), c + "-" + i);
        }
      }
      TreeMap<String, String> before = tree(folder);
      SplitResult plan = ImageFolders.splitClassFolders(folder, 2, 1, new Random(9), Mode.DRY_RUN);
      assertThat(plan.count("train", "1")).isEqualTo(5);
      assertThat(tree(folder)).isEqualTo(before);
      ImageFolders.splitClassFolders(folder, 2, 1, new Random(9));
      trees.add(tree(folder));
    }
    assertThat(trees.get(0)).isEqualTo(trees.get(1));
  }

  @Test
  void classFolderSplitNamesAClassWithTooFewFiles() throws IOException {
    Path folder = dir.resolve("small");
    Files.createDirectories(folder.resolve("a"));
    Files.createDirectories(folder.resolve("b"));
    Files.writeString(folder.resolve("a/1.png"), "1");
    for (int i = 0; i < 5; i++) {
      Files.writeString(folder.resolve("b/" + i + ".png"), "x");
    }
    assertThatThrownBy(() -> ImageFolders.splitClassFolders(folder, 2, 1, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class 'a' needs 3 files (2 valid + 1 test)")
        .hasMessageContaining("has 1");
    assertThat(folder.resolve("train")).doesNotExist();
    assertThat(folder.resolve("a/1.png")).exists();
  }

  @Test
  void reportsAMissingFolder() {
    assertThatThrownBy(() -> ImageFolders.splitByFilePrefix(dir.resolve("nope"), CATS_AND_DOGS,
            new int[] {1, 1, 1}, new Random(1)))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("nope");
  }
}
