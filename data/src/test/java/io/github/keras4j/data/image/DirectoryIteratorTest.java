package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.data.image.FlowOptions.OnCorruptImage;
import io.github.keras4j.models.BatchSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

class DirectoryIteratorTest {
  private static final int H = 4;
  private static final int W = 6;
  private static final int SAMPLE = H * W * 3;

  @TempDir Path dir;
  private Path root;
  /** The red value of each image, by its path relative to {@link #root}. */
  private final Map<String, Integer> redOf = new HashMap<>();
  private final Map<Integer, String> nameOfRed = new HashMap<>();

  /** Runs {@code action} with System.out (or System.err) captured, and returns what it printed. */
  static String capture(boolean err, ThrowingRunnable action) throws Exception {
    PrintStream saved = err ? System.err : System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    if (err) {
      System.setErr(stream);
    } else {
      System.setOut(stream);
    }
    try {
      action.run();
    } finally {
      if (err) {
        System.setErr(saved);
      } else {
        System.setOut(saved);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  /**
   * cat: cat.0 … cat.4 (.png), CAT.7.PNG, extra/cat.9.png; dog: dog.0 … dog.5; plus files that are not images.
   * Every image is a solid color whose red value identifies it.
   */
  @BeforeEach
  void makeFolder() throws IOException {
    root = dir.resolve("train");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      names.add("cat/cat." + i + ".png");
    }
    names.add("cat/CAT.7.PNG");
    names.add("cat/extra/cat.9.png");
    for (int i = 0; i < 6; i++) {
      names.add("dog/dog." + i + ".png");
    }
    int red = 10;
    for (String name : names) {
      TestImages.solid(root.resolve(name), W, H, red << 16 | 0x33 << 8 | 0x77);
      redOf.put(name, red);
      nameOfRed.put(red, name);
      red += 10;
    }
    Files.writeString(root.resolve("cat/notes.txt"), "not an image");
    TestImages.solid(root.resolve("dog/anim.gif"), 2, 2, 0); // not on Keras's list
    Files.writeString(root.resolve("loose.txt"), "ignored");
  }

  private DirectoryIterator flow(FlowOptions options) throws IOException {
    AtomicReference<DirectoryIterator> it = new AtomicReference<>();
    try {
      capture(false, () -> it.set(new ImageDataGenerator().flowFromDirectory(root, options)));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return it.get();
  }

  private static FlowOptions small() {
    return new FlowOptions().targetSize(H, W).seed(42);
  }

  /** Returns the relative names of the images in the first {@code count} samples of {@code x}. */
  private List<String> namesIn(float[] x, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(nameOfRed.get(Math.round(x[i * SAMPLE])));
    }
    return names;
  }

  private List<String> epochNames(BatchSource source, int epoch) {
    List<String> names = new ArrayList<>();
    source.onEpochBegin(epoch);
    for (int step = 0; step < source.steps(); step++) {
      BatchSource.Batch batch = source.batch(step);
      names.addAll(namesIn(batch.x(), batch.size()));
    }
    source.onEpochEnd(epoch);
    return names;
  }

  @Test
  void printsKerassFoundLineExactly() throws Exception {
    String printed = capture(false, () -> new ImageDataGenerator().flowFromDirectory(root, small()));
    assertThat(printed).isEqualTo("Found 13 images belonging to 2 classes." + System.lineSeparator());
  }

  @Test
  void listsFilesInClassOrderAndSortedWithinEachClass() throws IOException {
    DirectoryIterator it = flow(small());
    assertThat(it.samples()).isEqualTo(13);
    assertThat(it.numClasses()).isEqualTo(2);
    assertThat(it.classIndices()).containsExactly(Map.entry("cat", 0), Map.entry("dog", 1));
    assertThat(it.filenames()).containsExactly(
        "cat/CAT.7.PNG", "cat/cat.0.png", "cat/cat.1.png", "cat/cat.2.png", "cat/cat.3.png", "cat/cat.4.png",
        "cat/extra/cat.9.png",
        "dog/dog.0.png", "dog/dog.1.png", "dog/dog.2.png", "dog/dog.3.png", "dog/dog.4.png", "dog/dog.5.png");
    assertThat(it.classes()).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1);
    assertThat(it.filepaths().get(0)).isEqualTo(root.toAbsolutePath().resolve("cat/CAT.7.PNG"));
    assertThat(it.imageShape()).containsExactly(H, W, 3);
    assertThat(it.steps()).isEqualTo(1); // batch size 32

    DirectoryIterator given = flow(small().classes("dog", "cat"));
    assertThat(given.classIndices()).containsExactly(Map.entry("dog", 0), Map.entry("cat", 1));
    assertThat(given.filenames().get(0)).isEqualTo("dog/dog.0.png");
    assertThat(given.classes()).startsWith(0, 0, 0, 0, 0, 0, 1);

    DirectoryIterator onlyDogs = flow(small().classes("dog"));
    assertThat(onlyDogs.samples()).isEqualTo(6);
  }

  @Test
  void encodesLabelsPerClassMode() throws IOException {
    FlowOptions unshuffled = small().shuffle(false).batchSize(13);
    DirectoryIterator categorical = flow(unshuffled);
    ImageBatch batch = categorical.next();
    assertThat(batch.labels()[0]).containsExactly(1f, 0f);
    assertThat(batch.labels()[12]).containsExactly(0f, 1f);
    assertThat(categorical.labelSize()).isEqualTo(2);
    assertThat(categorical.integerLabels()).isFalse();
    BatchSource.Batch b = categorical.batch(0);
    assertThat(Arrays.copyOf(b.y(), 4)).containsExactly(1f, 0f, 1f, 0f);

    DirectoryIterator binary = flow(unshuffled.classMode("binary"));
    assertThat(binary.next().labels()[12]).containsExactly(1f);
    assertThat(binary.labelSize()).isEqualTo(1);
    assertThat(binary.integerLabels()).isFalse();

    DirectoryIterator sparse = flow(unshuffled.classMode("sparse"));
    assertThat(sparse.next().labels()[0]).containsExactly(0f);
    assertThat(sparse.labelSize()).isEqualTo(1);
    assertThat(sparse.integerLabels()).isTrue();
    assertThat(sparse.batch(0).y()[12]).isEqualTo(1f);

    DirectoryIterator none = flow(unshuffled.classMode(null));
    assertThat(none.next().labels()).isNull();
    assertThat(none.labelSize()).isZero();
    assertThat(none.batch(0).y()).isNull();
    assertThat(flow(unshuffled.classMode("none")).classMode()).isNull();
  }

  @Test
  void givesFullBatchesAndAPartialLastOne() throws IOException {
    DirectoryIterator it = flow(small().batchSize(5).shuffle(false));
    assertThat(it.steps()).isEqualTo(3);
    ImageBatch first = it.next();
    assertThat(first.images().shape().asArray()).containsExactly(5, H, W, 3);
    assertThat(first.size()).isEqualTo(5);
    assertThat(first.indices()).containsExactly(0, 1, 2, 3, 4);
    it.next();
    ImageBatch last = it.next();
    assertThat(last.images().shape().asArray()).containsExactly(3, H, W, 3);
    assertThat(last.labels()).hasNumberOfRows(3);
    assertThat(last.indices()).containsExactly(10, 11, 12);
    BatchSource.Batch b = it.batch(2);
    assertThat(b.size()).isEqualTo(3);
    assertThat(b.x().length).isGreaterThanOrEqualTo(3 * SAMPLE);
    assertThatThrownBy(() -> it.batch(3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("batch 3").hasMessageContaining("3 batches");
  }

  @Test
  void keepsFileOrderWithoutShufflingAndGivesExactPixels() throws IOException {
    DirectoryIterator it = flow(small().batchSize(4).shuffle(false));
    assertThat(epochNames(it, 0)).isEqualTo(it.filenames());
    assertThat(epochNames(it, 1)).isEqualTo(it.filenames());
    ImageBatch batch = it.next();
    float[] x = TestImages.values(batch.images());
    assertThat(Arrays.copyOfRange(x, 0, 3)).containsExactly(redOf.get("cat/CAT.7.PNG"), 0x33, 0x77);
  }

  @Test
  void reshufflesEachEpochReproduciblyForAGivenSeed() throws IOException {
    DirectoryIterator a = flow(small().batchSize(4).seed(7));
    DirectoryIterator b = flow(small().batchSize(4).seed(7).workers(1));
    DirectoryIterator c = flow(small().batchSize(4).seed(8));
    List<String> a0 = epochNames(a, 0);
    List<String> a1 = epochNames(a, 1);
    assertThat(a0).containsExactlyInAnyOrderElementsOf(a.filenames());
    assertThat(a1).containsExactlyInAnyOrderElementsOf(a.filenames());
    assertThat(a0).isNotEqualTo(a1).isNotEqualTo(a.filenames());
    assertThat(epochNames(b, 1)).isEqualTo(a1);
    assertThat(epochNames(b, 0)).isEqualTo(a0);
    assertThat(epochNames(a, 0)).isEqualTo(a0);
    assertThat(epochNames(c, 0)).isNotEqualTo(a0);
  }

  @Test
  void nextWalksThroughEpochsAndResetStartsOver() throws IOException {
    DirectoryIterator it = flow(small().batchSize(5).seed(3));
    List<Integer> epoch0 = new ArrayList<>();
    List<Integer> epoch1 = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (int index : it.next().indices()) {
        epoch0.add(index);
      }
    }
    for (int i = 0; i < 3; i++) {
      for (int index : it.next().indices()) {
        epoch1.add(index);
      }
    }
    assertThat(epoch0).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(epoch1).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(epoch1).isNotEqualTo(epoch0);
    it.reset();
    assertThat(it.next().indices()).containsExactly(epoch0.subList(0, 5).stream().mapToInt(i -> i).toArray());
    // The labels belong to the images.
    ImageBatch batch = it.next();
    float[] x = TestImages.values(batch.images());
    for (int i = 0; i < batch.size(); i++) {
      String name = nameOfRed.get(Math.round(x[i * SAMPLE]));
      assertThat(it.filenames().get(batch.indices()[i])).isEqualTo(name);
      assertThat(batch.labels()[i][name.startsWith("cat") ? 0 : 1]).isEqualTo(1f);
    }
  }

  @Test
  void givesTheSameBatchesWhateverTheNumberOfWorkersAndPrefetch() throws IOException {
    Path noisy = dir.resolve("noisy");
    for (int i = 0; i < 11; i++) {
      TestImages.rgb(noisy.resolve((i % 2 == 0 ? "a" : "b") + "/img" + i + ".png"), ImageUtilsTest.noise(9 + i, 7));
    }
    root = noisy;
    List<float[]> reference = null;
    for (int[] setting : new int[][] {{1, 0}, {4, 3}, {2, 1}}) {
      DirectoryIterator it = flow(new FlowOptions().targetSize(5, 6).interpolation("bilinear").batchSize(3).seed(11)
          .workers(setting[0]).prefetchBatches(setting[1]));
      List<float[]> batches = new ArrayList<>();
      for (int epoch = 0; epoch < 2; epoch++) {
        it.onEpochBegin(epoch);
        for (int step = 0; step < it.steps(); step++) {
          BatchSource.Batch b = it.batch(step);
          batches.add(Arrays.copyOf(b.x(), b.size() * 5 * 6 * 3));
          batches.add(Arrays.copyOf(b.y(), b.size() * 2));
        }
        it.onEpochEnd(epoch);
      }
      if (reference == null) {
        reference = batches;
      } else {
        assertThat(batches).as("workers %d, prefetch %d", setting[0], setting[1]).hasSameSizeAs(reference);
        for (int i = 0; i < batches.size(); i++) {
          assertThat(batches.get(i)).as("array %d", i).containsExactly(reference.get(i));
        }
      }
    }
  }

  @Test
  void keepsAtMostPrefetchPlusOneBatchBuffers() throws IOException {
    DirectoryIterator it = flow(small().batchSize(2).prefetchBatches(2).workers(3));
    for (int epoch = 0; epoch < 3; epoch++) {
      it.onEpochBegin(epoch);
      for (int step = 0; step < it.steps(); step++) {
        it.batch(step);
        assertThat(it.pipeline.heldBuffers()).as("epoch %d, step %d", epoch, step).isLessThanOrEqualTo(3);
      }
      it.onEpochEnd(epoch);
    }
    assertThat(it.allocatedBuffers()).as("three buffers per epoch").isLessThanOrEqualTo(9);
  }

  @Test
  void holdsNoBatchBuffersBetweenEpochsAndAfterReset() throws IOException {
    DirectoryIterator it = flow(small().batchSize(2).prefetchBatches(2).workers(2));
    it.onEpochBegin(0);
    BatchSource.Batch first = it.batch(0);
    float[] values = Arrays.copyOf(first.x(), first.x().length);
    it.batch(1);
    assertThat(it.pipeline.heldBuffers()).isPositive();
    it.onEpochEnd(0);
    assertThat(it.pipeline.heldBuffers()).as("after onEpochEnd").isZero();

    BatchSource.Batch last = it.batch(0); // the same epoch again: loads afresh
    assertThat(last.x()).containsExactly(values);
    float[] kept = Arrays.copyOf(last.x(), last.x().length);
    it.onEpochEnd(0);
    assertThat(last.x()).as("the last batch keeps its values").containsExactly(kept);

    it.next();
    it.reset();
    assertThat(it.pipeline.heldBuffers()).as("after reset").isZero();
  }

  @Test
  void appliesThePreprocessingFunctionAndThenRescale() throws IOException {
    List<long[]> shapes = new ArrayList<>();
    DirectoryIterator it = flowWith(new ImageDataGenerator()
        .preprocessingFunction(x -> {
          synchronized (shapes) {
            shapes.add(x.shape().asArray());
          }
          FloatNdArray y = NdArrays.ofFloats(x.shape());
          x.scalars().forEachIndexed((index, v) -> y.setFloat(v.getFloat() - 10, index));
          return y;
        })
        .rescale(0.5), small().shuffle(false));
    float[] x = TestImages.values(it.next().images());
    int red = redOf.get("cat/CAT.7.PNG");
    assertThat(x[0]).isCloseTo((red - 10) * 0.5f, within(1e-6f)); // not red * 0.5 - 10
    assertThat(x[1]).isCloseTo((0x33 - 10) * 0.5f, within(1e-6f));
    assertThat(shapes).isNotEmpty().allSatisfy(s -> assertThat(s).containsExactly(H, W, 3));
  }

  private DirectoryIterator flowWith(ImageDataGenerator generator, FlowOptions options) throws IOException {
    AtomicReference<DirectoryIterator> it = new AtomicReference<>();
    try {
      capture(false, () -> it.set(generator.flowFromDirectory(root, options)));
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return it.get();
  }

  @Test
  void reportsAPreprocessingFunctionThatChangesTheShape() throws IOException {
    DirectoryIterator it = flowWith(new ImageDataGenerator()
        .preprocessingFunction(x -> NdArrays.ofFloats(org.tensorflow.ndarray.Shape.of(2, 2, 3))), small());
    assertThatThrownBy(it::next)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(4, 6, 3)")
        .hasMessageContaining("(2, 2, 3)")
        .hasMessageContaining(".png");
  }

  @Test
  void standardizeAppliesTheSameStepsToOneImage() {
    FloatNdArray x = NdArrays.wrap(org.tensorflow.ndarray.Shape.of(1, 1, 3),
        DataBuffers.of(new float[] {255, 0, 51}, false, false));
    FloatNdArray y = new ImageDataGenerator().rescale(1.0 / 255).standardize(x);
    assertThat(TestImages.values(y)).containsExactly(1f, 0f, 51f * (float) (1.0 / 255)); // float32, as Keras
    assertThat(TestImages.values(x)).containsExactly(255f, 0f, 51f);
  }

  @Test
  void acceptsOnlyFloat32() {
    assertThat(new ImageDataGenerator().dtype("float32").dtype()).isEqualTo("float32");
    assertThatThrownBy(() -> new ImageDataGenerator().dtype("float64"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dtype='float64'");
    assertThatThrownBy(() -> new ImageDataGenerator().rescale(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rescale=NaN");
  }

  @Test
  void loadsGrayscaleAsOneChannel() throws IOException {
    DirectoryIterator it = flow(small().colorMode("grayscale").shuffle(false));
    assertThat(it.imageShape()).containsExactly(H, W, 1);
    ImageBatch batch = it.next();
    assertThat(batch.images().shape().asArray()).containsExactly(13, H, W, 1);
    int red = redOf.get("cat/CAT.7.PNG");
    assertThat(batch.images().getFloat(0, 0, 0, 0)).isEqualTo(ImageDecoder.luma(red, 0x33, 0x77));
  }

  @Test
  void failsOnACorruptImageNamingItByDefault() throws IOException {
    Path broken = root.resolve("dog/dog.3.png");
    Files.write(broken, Arrays.copyOf(Files.readAllBytes(broken), 30));
    DirectoryIterator it = flow(small().shuffle(false).batchSize(4));
    it.onEpochBegin(0);
    assertThat(it.batch(0).size()).isEqualTo(4);
    it.batch(1);
    assertThatThrownBy(() -> it.batch(2))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(broken.toAbsolutePath().toString())
        .hasCauseInstanceOf(InvalidImageException.class);
    it.onEpochEnd(0);
  }

  @Test
  void skipsAnImageWhoseHeaderDeclaresAHugeSize() throws Exception {
    Path broken = root.resolve("dog/dog.3.png");
    byte[] png = Files.readAllBytes(broken);
    java.nio.ByteBuffer.wrap(png).putInt(16, 200_000).putInt(20, 200_000); // IHDR width and height
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(png, 12, 17);
    java.nio.ByteBuffer.wrap(png).putInt(29, (int) crc.getValue());
    Files.write(broken, png);
    DirectoryIterator it = flow(small().shuffle(false).batchSize(4).onCorruptImage(OnCorruptImage.SKIP));
    List<String> seen = new ArrayList<>();
    String warnings = capture(true, () -> seen.addAll(epochNames(it, 0)));
    assertThat(seen).hasSize(it.filenames().size() - 1).doesNotContain("dog/dog.3.png");
    assertThat(warnings).contains(broken.toAbsolutePath().toString()).contains("decompression bomb");
  }

  @Test
  void skipsACorruptImageWithAWarningWhenAsked() throws Exception {
    Path broken = root.resolve("dog/dog.3.png");
    Files.writeString(broken, "garbage");
    DirectoryIterator it = flow(small().shuffle(false).batchSize(4).onCorruptImage(OnCorruptImage.SKIP));
    List<String> seen = new ArrayList<>();
    String warnings = capture(true, () -> {
      seen.addAll(epochNames(it, 0));
      seen.addAll(epochNames(it, 1));
    });
    List<String> expected = new ArrayList<>(it.filenames());
    expected.remove("dog/dog.3.png");
    assertThat(seen).containsExactlyElementsOf(
        java.util.stream.Stream.concat(expected.stream(), expected.stream()).toList());
    assertThat(warnings).contains(broken.toAbsolutePath().toString()).contains("Warning");
    assertThat(warnings.lines().count()).isEqualTo(1); // once per file
    it.onEpochBegin(0);
    BatchSource.Batch b = it.batch(2);
    assertThat(b.size()).isEqualTo(3);
    assertThat(Arrays.copyOf(b.y(), 6)).containsExactly(0f, 1f, 0f, 1f, 0f, 1f);
  }

  @Test
  void reportsAMissingDirectoryWithWhereItLooked() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> new ImageDataGenerator().flowFromDirectory(missing, small()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString())
        .hasMessageContaining("one subfolder");
  }

  @Test
  void printsFoundZeroAndThrowsForAnEmptyDirectory() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    AtomicReference<Throwable> error = new AtomicReference<>();
    String printed = capture(false, () -> {
      try {
        new ImageDataGenerator().flowFromDirectory(empty, small());
      } catch (IllegalArgumentException e) {
        error.set(e);
      }
    });
    assertThat(printed).isEqualTo("Found 0 images belonging to 0 classes." + System.lineSeparator());
    assertThat(error.get()).hasMessageContaining(empty.toAbsolutePath().toString())
        .hasMessageContaining("one subfolder per class");

    Files.createDirectories(empty.resolve("cat"));
    Files.writeString(empty.resolve("cat/readme.txt"), "x");
    Files.createDirectories(empty.resolve("dog"));
    printed = capture(false, () -> {
      try {
        new ImageDataGenerator().flowFromDirectory(empty, small());
      } catch (IllegalArgumentException e) {
        error.set(e);
      }
    });
    assertThat(printed).isEqualTo("Found 0 images belonging to 2 classes." + System.lineSeparator());
    assertThat(error.get()).hasMessageContaining("[cat, dog] hold no image files");
  }

  @Test
  void namesMissingAndExtraClassFolders() {
    assertThatThrownBy(() -> new ImageDataGenerator().flowFromDirectory(root, small().classes("cats", "dog")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no subfolder for class [cats]")
        .hasMessageContaining("its subfolders are [cat, dog]")
        .hasMessageContaining("not among the classes: [cat]");
  }

  @Test
  void binaryModeNeedsTwoClasses() throws IOException {
    Files.createDirectories(root.resolve("bird"));
    assertThatThrownBy(() -> new ImageDataGenerator().flowFromDirectory(root, small().classMode("binary")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly 2 classes")
        .hasMessageContaining("[bird, cat, dog]");
  }

  @Test
  void validatesOptionsWhereTheyAreSet() {
    assertThatThrownBy(() -> new FlowOptions().targetSize(0, 5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height=0");
    assertThatThrownBy(() -> new FlowOptions().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize=0");
    assertThatThrownBy(() -> new FlowOptions().classMode("input"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classMode='input'");
    assertThatThrownBy(() -> new FlowOptions().colorMode("RGB"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colorMode='RGB'");
    assertThatThrownBy(() -> new FlowOptions().interpolation("cubic"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interpolation='cubic'");
    assertThatThrownBy(() -> new FlowOptions().workers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers=0");
    assertThatThrownBy(() -> new FlowOptions().prefetchBatches(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetchBatches=-1");
    assertThatThrownBy(() -> new FlowOptions().classes("a", "a"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is listed twice");
    FlowOptions defaults = new FlowOptions();
    assertThat(defaults.targetHeight()).isEqualTo(256);
    assertThat(defaults.targetWidth()).isEqualTo(256);
    assertThat(defaults.batchSize()).isEqualTo(32);
    assertThat(defaults.shuffle()).isTrue();
    assertThat(defaults.classMode()).isEqualTo("categorical");
    assertThat(defaults.interpolation()).isEqualTo("nearest");
    assertThat(defaults.onCorruptImage()).isEqualTo(OnCorruptImage.FAIL);
    assertThat(defaults.workers()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void optionsChangedLaterDoNotAffectAnIterator() throws IOException {
    FlowOptions options = small().batchSize(4);
    DirectoryIterator it = flow(options);
    options.batchSize(1).targetSize(9, 9);
    assertThat(it.batchSize()).isEqualTo(4);
    assertThat(it.imageShape()).containsExactly(H, W, 3);
  }

  @Test
  void servesAsABatchSourceTheWayFitReadsIt() throws IOException {
    DirectoryIterator it = flow(small().batchSize(3).classMode("sparse").seed(5));
    BatchSource source = it;
    assertThat(source.size()).isEqualTo(13);
    assertThat(source.sampleShape()).containsExactly(H, W, 3);
    for (int epoch = 0; epoch < 2; epoch++) {
      source.onEpochBegin(epoch);
      int seen = 0;
      for (int step = 0; step < source.steps(); step++) {
        BatchSource.Batch batch = source.batch(step);
        for (int i = 0; i < batch.size(); i++) {
          String name = nameOfRed.get(Math.round(batch.x()[i * SAMPLE]));
          assertThat(batch.y()[i]).as(name).isEqualTo(name.startsWith("cat") ? 0f : 1f);
        }
        seen += batch.size();
      }
      source.onEpochEnd(epoch);
      assertThat(seen).isEqualTo(13);
    }
  }
}
