package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.BatchSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** flow over in-memory images; augmentation inside flowFromDirectory; reproducibility; saving; bad input. */
class NumpyArrayIteratorTest {
  @TempDir Path dir;

  static final ImageDataGenerator EP18 = AugmentationTest.CONFIGS.get("ep18");

  /** {@code n} noisy RGB images of 12 × 10. */
  static FloatNdArray images(int n, int h, int w) {
    float[] v = new float[n * h * w * 3];
    java.util.SplittableRandom random = new java.util.SplittableRandom(n * 31L + h);
    for (int i = 0; i < v.length; i++) {
      v[i] = random.nextInt(256);
    }
    return NdArrays.wrap(Shape.of(n, h, w, 3), DataBuffers.of(v, false, false));
  }

  static List<float[]> arrays(List<FloatNdArray> images) {
    return images.stream().map(ImageUtils::toArray).toList();
  }

  @Test
  void takeGivesTenAugmentedCopiesOfOneImageReproducibly() {
    FloatNdArray image = images(1, 12, 10);
    List<FloatNdArray> first = EP18.flow(image, new FlowOptions().batchSize(1).seed(7)).take(10);
    assertThat(first).hasSize(10);
    assertThat(first.get(0).shape()).isEqualTo(Shape.of(12, 10, 3));
    // the same seed gives the same ten images, in another iterator and with other thread counts
    for (int workers : new int[] {1, 4}) {
      List<FloatNdArray> again =
          EP18.flow(image, new FlowOptions().batchSize(1).seed(7).workers(workers).prefetchBatches(workers - 1))
              .take(10);
      for (int i = 0; i < 10; i++) {
        assertThat(ImageUtils.toArray(again.get(i))).as("image %d, %d workers", i, workers)
            .containsExactly(ImageUtils.toArray(first.get(i)));
      }
    }
    // the ten differ from each other and from the original; another seed gives other images
    List<float[]> a = arrays(first);
    for (int i = 0; i < 10; i++) {
      assertThat(a.get(i)).isNotEqualTo(ImageUtils.toArray(image.get(0)));
      for (int j = i + 1; j < 10; j++) {
        assertThat(a.get(i)).as("images %d and %d", i, j).isNotEqualTo(a.get(j));
      }
    }
    List<float[]> other = arrays(EP18.flow(image, new FlowOptions().batchSize(1).seed(8)).take(10));
    for (int i = 0; i < 10; i++) {
      assertThat(other.get(i)).isNotEqualTo(a.get(i));
    }
  }

  @Test
  void eachImageIsTheRandomTransformOfItsSeedEpochAndIndex() {
    FloatNdArray x = images(5, 6, 7);
    NumpyArrayIterator it = EP18.flow(x, new FlowOptions().batchSize(2).seed(3).shuffle(false));
    for (int epoch = 0; epoch < 2; epoch++) {
      for (int step = 0; step < 3; step++) {
        ImageBatch batch = it.next();
        for (int i = 0; i < batch.size(); i++) {
          int index = batch.indices()[i];
          FloatNdArray expected = EP18.randomTransform(x.get(index), Seeds.imageSeed(3, epoch, index));
          assertThat(ImageUtils.toArray(batch.images().get(i))).as("epoch %d image %d", epoch, index)
              .containsExactly(ImageUtils.toArray(expected));
        }
      }
    }
  }

  @Test
  void batchesAreTheSameForAnyNumberOfWorkersAndEpochsDiffer() {
    FloatNdArray x = images(9, 8, 8);
    float[][] y = new float[9][];
    for (int i = 0; i < 9; i++) {
      y[i] = new float[] {i % 2, 1 - i % 2};
    }
    List<float[]> reference = null;
    for (int[] setting : new int[][] {{1, 0}, {4, 3}, {2, 1}}) {
      NumpyArrayIterator it = EP18.flow(x, y, new FlowOptions().batchSize(4).seed(11).workers(setting[0])
          .prefetchBatches(setting[1]));
      List<float[]> batches = new ArrayList<>();
      for (int epoch = 0; epoch < 2; epoch++) {
        it.onEpochBegin(epoch);
        for (int step = 0; step < it.steps(); step++) {
          BatchSource.Batch b = it.batch(step);
          batches.add(Arrays.copyOf(b.x(), b.size() * 8 * 8 * 3));
          batches.add(Arrays.copyOf(b.y(), b.size() * 2));
        }
        it.onEpochEnd(epoch);
      }
      if (reference == null) {
        reference = batches;
      } else {
        for (int i = 0; i < batches.size(); i++) {
          assertThat(batches.get(i)).as("array %d, workers %d", i, setting[0]).containsExactly(reference.get(i));
        }
      }
    }
    assertThat(reference.get(0)).as("epoch 0 and 1 differ").isNotEqualTo(reference.get(6));
  }

  @Test
  void passesLabelsThroughAndShufflesInUnison() {
    int n = 7;
    float[] v = new float[n * 2 * 2];
    for (int i = 0; i < n; i++) {
      Arrays.fill(v, i * 4, i * 4 + 4, i);
    }
    FloatNdArray x = NdArrays.wrap(Shape.of(n, 2, 2, 1), DataBuffers.of(v, false, false));
    int[] labels = {0, 1, 2, 3, 4, 5, 6};
    NumpyArrayIterator it = new ImageDataGenerator().rescale(10).flow(x, labels,
        new FlowOptions().batchSize(3).seed(5));
    assertThat(it.integerLabels()).isTrue();
    assertThat(it.labelSize()).isEqualTo(1);
    assertThat(it.steps()).isEqualTo(3);
    List<Integer> seen = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      ImageBatch batch = it.next();
      for (int i = 0; i < batch.size(); i++) {
        float value = batch.images().getFloat(i, 0, 0, 0);
        assertThat(batch.labels()[i][0] * 10).isEqualTo(value); // rescaled image, label unchanged
        seen.add((int) batch.labels()[i][0]);
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6).isNotEqualTo(List.of(0, 1, 2, 3, 4, 5, 6));
  }

  @Test
  void augmentsBeforeThePreprocessingFunctionAndRescale() {
    FloatNdArray x = images(1, 6, 5);
    AtomicReference<float[]> seenByFunction = new AtomicReference<>();
    ImageDataGenerator gen = new ImageDataGenerator().rotationRange(30).horizontalFlip(true).rescale(0.5)
        .preprocessingFunction(img -> {
          seenByFunction.set(ImageUtils.toArray(img));
          float[] plusOne = ImageUtils.toArray(img);
          for (int i = 0; i < plusOne.length; i++) {
            plusOne[i] += 1;
          }
          return NdArrays.wrap(img.shape(), DataBuffers.of(plusOne, false, false));
        });
    float[] out = ImageUtils.toArray(gen.flow(x, new FlowOptions().batchSize(1).seed(2).workers(1)).take(1).get(0));
    float[] augmented = ImageUtils.toArray(gen.randomTransform(x.get(0), Seeds.imageSeed(2, 0, 0)));
    assertThat(seenByFunction.get()).containsExactly(augmented);
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).isEqualTo((augmented[i] + 1) * 0.5f);
    }
  }

  @Test
  void savesEveryImageAsKerasNamesThem() throws IOException {
    Path saved = dir.resolve("saved"); // created by flow
    FloatNdArray image = images(1, 12, 10);
    List<FloatNdArray> taken = EP18.flow(image, new FlowOptions().batchSize(1).seed(7).saveToDir(saved)
        .savePrefix("aug-image-").saveFormat("jpeg")).take(10);
    assertThat(taken).hasSize(10);
    List<Path> files;
    try (Stream<Path> list = Files.list(saved)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSize(10);
    for (Path file : files) {
      assertThat(file.getFileName().toString()).matches("aug-image-_0_\\d{1,4}\\.jpeg");
      assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(10);
    }
    // png keeps the pixels: the saved image is the augmented one, min-max scaled to 0..255 as array_to_img
    Path png = dir.resolve("png");
    FloatNdArray one = EP18.flow(image, new FlowOptions().batchSize(1).seed(9).saveToDir(png)).take(1).get(0);
    Path file;
    try (Stream<Path> list = Files.list(png)) {
      file = list.findFirst().orElseThrow();
    }
    assertThat(file.getFileName().toString()).matches("_0_\\d{1,4}\\.png");
    float[] expected = ImageUtils.toArray(ImageUtils.imgToArray(ImageUtils.arrayToImg(one, true)));
    assertThat(ImageUtils.toArray(ImageUtils.imgToArray(ImageUtils.loadImg(file))))
        .containsExactly(expected, org.assertj.core.api.Assertions.within(1f));
  }

  @Test
  void augmentsInsideFlowFromDirectoryReproducibly() throws Exception {
    Path root = dir.resolve("train");
    for (int i = 0; i < 6; i++) {
      TestImages.rgb(root.resolve((i % 2 == 0 ? "a" : "b") + "/img" + i + ".png"), ImageUtilsTest.noise(9 + i, 7));
    }
    List<float[]> reference = null;
    for (int workers : new int[] {1, 4}) {
      AtomicReference<DirectoryIterator> it = new AtomicReference<>();
      DirectoryIteratorTest.capture(false, () -> it.set(EP18.flowFromDirectory(root,
          new FlowOptions().targetSize(8, 9).batchSize(4).seed(3).workers(workers))));
      List<float[]> batches = new ArrayList<>();
      for (int b = 0; b < 4; b++) { // two epochs
        batches.add(ImageUtils.toArray(it.get().next().images()));
      }
      if (reference == null) {
        reference = batches;
      } else {
        for (int i = 0; i < 4; i++) {
          assertThat(batches.get(i)).as("batch %d with %d workers", i, workers).containsExactly(reference.get(i));
        }
      }
    }
    // the augmented images are the plain ones transformed with the image's (seed, epoch, index) parameters
    AtomicReference<DirectoryIterator> plain = new AtomicReference<>();
    DirectoryIteratorTest.capture(false, () -> plain.set(new ImageDataGenerator().flowFromDirectory(root,
        new FlowOptions().targetSize(8, 9).batchSize(4).seed(3))));
    ImageBatch first = plain.get().next();
    for (int i = 0; i < first.size(); i++) {
      FloatNdArray expected =
          EP18.randomTransform(first.images().get(i), Seeds.imageSeed(3, 0, first.indices()[i]));
      float[] actual = Arrays.copyOfRange(reference.get(0), i * 8 * 9 * 3, (i + 1) * 8 * 9 * 3);
      assertThat(actual).containsExactly(ImageUtils.toArray(expected));
    }
  }

  @Test
  void flowFromDirectorySavesWithSevenDigitHashes() throws Exception {
    Path root = dir.resolve("train");
    TestImages.solid(root.resolve("a/x.png"), 4, 4, 0x123456);
    Path saved = dir.resolve("out");
    AtomicReference<DirectoryIterator> it = new AtomicReference<>();
    DirectoryIteratorTest.capture(false, () -> it.set(EP18.flowFromDirectory(root,
        new FlowOptions().targetSize(4, 4).batchSize(1).seed(1).saveToDir(saved).savePrefix("p"))));
    it.get().next();
    try (Stream<Path> list = Files.list(saved)) {
      assertThat(list.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
          .matches("p_0_\\d{1,7}\\.png");
    }
  }

  @Test
  void unseededIteratorsDrawTheirSeedFromTheKerasSession() {
    FloatNdArray image = images(1, 5, 5);
    try (var scope = KerasContext.isolated()) {
      KerasContext.current().setSeed(99);
      List<float[]> a = arrays(EP18.flow(image, new FlowOptions().batchSize(1)).take(3));
      KerasContext.current().setSeed(99);
      List<float[]> b = arrays(EP18.flow(image, new FlowOptions().batchSize(1)).take(3));
      for (int i = 0; i < 3; i++) {
        assertThat(a.get(i)).containsExactly(b.get(i));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- bad input

  @Test
  void rejectsNegativeRangesNamingParameterAndValue() {
    ImageDataGenerator gen = new ImageDataGenerator();
    assertThatThrownBy(() -> gen.rotationRange(-10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageDataGenerator: rotationRange must be a number >= 0 (0 for none), but got"
            + " rotationRange=-10.0.");
    assertThatThrownBy(() -> gen.widthShiftRange(-0.1)).hasMessageContaining("widthShiftRange=-0.1");
    assertThatThrownBy(() -> gen.heightShiftRange(-2)).hasMessageContaining("heightShiftRange=-2");
    assertThatThrownBy(() -> gen.shearRange(-1)).hasMessageContaining("shearRange=-1.0");
    assertThatThrownBy(() -> gen.channelShiftRange(-5)).hasMessageContaining("channelShiftRange=-5.0");
    assertThatThrownBy(() -> gen.zoomRange(-0.2)).hasMessageContaining("zoomRange=-0.2");
    assertThatThrownBy(() -> gen.rotationRange(Double.NaN)).hasMessageContaining("rotationRange=NaN");
    assertThatThrownBy(() -> gen.widthShiftRange(new double[0])).hasMessageContaining("must not be empty");
  }

  @Test
  void rejectsBadZoomAndBrightnessRanges() {
    ImageDataGenerator gen = new ImageDataGenerator();
    assertThatThrownBy(() -> gen.zoomRange(1.2, 0.8)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageDataGenerator: zoomRange must be [lo, hi] with lo <= hi, but got zoomRange=[1.2, 0.8];"
            + " swap the bounds.");
    assertThatThrownBy(() -> gen.zoomRange(0, 1.5)).hasMessage(
        "ImageDataGenerator: zoomRange bounds must be positive numbers, but got zoomRange=[0.0, 1.5].");
    assertThatThrownBy(() -> gen.zoomRange(1.0)).hasMessageContaining("zoomRange must be below 1")
        .hasMessageContaining("zoomRange=1.0 (factors [0.0, 2.0])");
    assertThatThrownBy(() -> gen.zoomRange(new double[] {0.9, 1.0, 1.1}))
        .hasMessageContaining("a pair [lo, hi], but got zoomRange=[0.9, 1.0, 1.1]");
    assertThatThrownBy(() -> gen.brightnessRange(new double[] {0.5}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageDataGenerator: brightnessRange must be a pair [lo, hi], but got brightnessRange=[0.5].");
    assertThatThrownBy(() -> gen.brightnessRange(1.5, 0.5)).hasMessageContaining("brightnessRange=[1.5, 0.5]");
    assertThatThrownBy(() -> gen.brightnessRange(-0.5, 0.5)).hasMessageContaining(">= 0");
    assertThat(gen.zoomRange(0.2).zoomRange()).containsExactly(0.8, 1.2);
    assertThat(gen.brightnessRange(new double[] {0.5, 1.5}).brightnessRange()).containsExactly(0.5, 1.5);
    assertThat(gen.brightnessRange((double[]) null).brightnessRange()).isNull();
  }

  @Test
  void rejectsAnUnknownFillModeListingTheValidOnes() {
    assertThatThrownBy(() -> new ImageDataGenerator().fillMode("mirror"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageDataGenerator: fillMode must be one of 'constant', 'nearest', 'reflect', 'wrap', but got"
            + " fillMode='mirror'.");
    assertThatThrownBy(() -> new ImageDataGenerator().interpolationOrder(3))
        .hasMessageContaining("interpolationOrder=3");
    assertThat(new ImageDataGenerator().fillMode("reflect").fillMode()).isEqualTo("reflect");
  }

  @Test
  void rejectsASaveFolderThatIsAFileOrNotWritable() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertThatThrownBy(() -> new FlowOptions().saveToDir(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FlowOptions: saveToDir must be a folder, but saveToDir=" + file + " is a file.");
    // became a file after the options were made
    Path later = dir.resolve("later");
    FlowOptions options = new FlowOptions().saveToDir(later);
    Files.writeString(later, "x");
    assertThatThrownBy(() -> EP18.flow(images(1, 4, 4), options)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("saveToDir=" + later + " is a file");
    // cannot be created: its parent is a file
    assertThatThrownBy(() -> EP18.flow(images(1, 4, 4), new FlowOptions().saveToDir(file.resolve("sub"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be created");
    // not writable (root may write anywhere, so this part needs an ordinary user)
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      if (!Files.isWritable(readOnly)) {
        assertThatThrownBy(() -> EP18.flow(images(1, 4, 4), new FlowOptions().saveToDir(readOnly)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("saveToDir=" + readOnly + " is not writable");
      }
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertThatThrownBy(() -> new FlowOptions().saveFormat("webp")).hasMessage(
        "FlowOptions: saveFormat must be one of png, jpeg, jpg, bmp, gif, tif, tiff, but got saveFormat='webp'.");
    assertThatThrownBy(() -> new FlowOptions().savePrefix("a/b")).hasMessageContaining("savePrefix='a/b'");
  }

  @Test
  void rejectsBadArrays() {
    assertThatThrownBy(() -> EP18.flow(images(1, 4, 4).get(0), new FlowOptions()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageDataGenerator.flow: expected images of rank 4 (samples, height, width, channels), but got"
            + " shape (4, 4, 3); for one image, pass ImageUtils.expandDims(image).");
    assertThatThrownBy(() -> EP18.flow(images(2, 4, 4), new float[3][2], new FlowOptions()))
        .hasMessageContaining("got 2 images and 3 label rows");
    assertThatThrownBy(() -> EP18.flow(images(2, 4, 4), new int[] {1}, new FlowOptions()))
        .hasMessageContaining("got 2 images and 1 labels");
    assertThatThrownBy(() -> EP18.applyTransform(images(1, 4, 4), TransformParameters.none()))
        .hasMessageContaining("applyTransform: expected one image of rank 3");
    assertThatThrownBy(() -> EP18.getRandomTransform(new long[] {4, 4}, 1))
        .hasMessageContaining("getRandomTransform: expected the shape of one image");
    assertThatThrownBy(() -> new TransformParameters(0, 0, 0, 0, 0, 1, false, false, null, null))
        .hasMessageContaining("zx=0.0");
    assertThatThrownBy(() -> EP18.flow(images(2, 4, 4), new FlowOptions()).take(-1))
        .hasMessageContaining("n=-1");
  }
}
