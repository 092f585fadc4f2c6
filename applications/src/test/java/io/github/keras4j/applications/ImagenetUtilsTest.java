package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.FlowOptions;
import io.github.keras4j.data.image.ImageDataGenerator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Keras's preprocess_input, checked against numpy float32 arithmetic on a 1 × 1 × 3 image (R 10, G 20, B 30). */
class ImagenetUtilsTest {
  @TempDir Path dir;

  private static FloatNdArray array(Shape shape, float... values) {
    return NdArrays.wrap(shape, DataBuffers.of(values, false, false));
  }

  private static float[] values(FloatNdArray x) {
    float[] v = new float[(int) x.shape().size()];
    x.copyTo(DataBuffers.of(v, false, false));
    return v;
  }

  private static final FloatNdArray PIXEL = array(Shape.of(1, 1, 3), 10, 20, 30);

  @Test
  void caffeSwapsToBgrAndSubtractsTheImagenetMeans() {
    // B - 103.939, G - 116.779, R - 123.68: numpy gives -73.939003, -96.778999, -113.68
    FloatNdArray y = ImagenetUtils.preprocessInput(PIXEL, ImagenetUtils.Mode.CAFFE);
    assertThat(values(y)).containsExactly(new float[] {-73.939003f, -96.778999f, -113.68f}, within(1e-5f));
    assertThat(values(VGG16.preprocessInput(PIXEL))).containsExactly(values(y));
  }

  @Test
  void tfScalesToMinusOneToOne() {
    FloatNdArray y = ImagenetUtils.preprocessInput(PIXEL, ImagenetUtils.Mode.TF);
    assertThat(values(y)).containsExactly(new float[] {-0.92156863f, -0.84313726f, -0.7647059f}, within(1e-6f));
    assertThat(values(MobileNet.preprocessInput(PIXEL))).containsExactly(values(y));
    assertThat(values(MobileNet.preprocessInput(array(Shape.of(1, 1, 3), 0, 127.5f, 255))))
        .containsExactly(-1f, 0f, 1f);
  }

  @Test
  void torchNormalizesWithTheImagenetMeanAndStd() {
    FloatNdArray y = ImagenetUtils.preprocessInput(PIXEL, ImagenetUtils.Mode.TORCH);
    assertThat(values(y)).containsExactly(new float[] {-1.9466565f, -1.6855742f, -1.2815686f}, within(1e-5f));
  }

  @Test
  void handlesBatchesAndLeavesTheInputAlone() {
    FloatNdArray batch = array(Shape.of(2, 1, 1, 3), 10, 20, 30, 255, 0, 0);
    FloatNdArray y = VGG16.preprocessInput(batch);
    assertThat(y.shape().asArray()).containsExactly(2, 1, 1, 3);
    assertThat(values(y)).containsExactly(new float[] {-73.939f, -96.779f, -113.68f, -103.939f, -116.779f, 131.32f},
        within(1e-4f));
    assertThat(values(batch)).containsExactly(10, 20, 30, 255, 0, 0);
  }

  @Test
  void rejectsImagesWithoutThreeChannelsLast() {
    assertThatThrownBy(() -> VGG16.preprocessInput(NdArrays.ofFloats(Shape.of(3, 224, 224))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 channels last")
        .hasMessageContaining("(3, 224, 224)");
  }

  @Test
  void servesAsAnImageDataGeneratorPreprocessingFunction() throws Exception {
    BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 2; x++) {
        image.setRGB(x, y, 10 << 16 | 20 << 8 | 30);
      }
    }
    Files.createDirectories(dir.resolve("cat"));
    ImageIO.write(image, "png", dir.resolve("cat/cat.0.png").toFile());
    PrintStream saved = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    DirectoryIterator batches;
    try {
      batches = new ImageDataGenerator()
          .preprocessingFunction(VGG16::preprocessInput)
          .flowFromDirectory(dir, new FlowOptions().targetSize(2, 2).batchSize(1));
    } finally {
      System.setOut(saved);
    }
    FloatNdArray x = batches.next().images();
    assertThat(x.getFloat(0, 1, 1, 0)).isCloseTo(-73.939f, within(1e-4f));
    assertThat(x.getFloat(0, 1, 1, 2)).isCloseTo(-113.68f, within(1e-4f));
  }
}
