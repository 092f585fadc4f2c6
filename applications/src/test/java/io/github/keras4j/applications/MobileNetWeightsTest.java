package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.KerasContext;
import io.github.keras4j.data.image.ImageUtils;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** MobileNet with Keras's official alpha-0.25, 128×128 ImageNet weights (from the shared fixtures). */
class MobileNetWeightsTest {
  private static Path shared;
  private static Path weights;

  @BeforeAll
  static void findFixtures() {
    shared = Path.of(System.getProperty("keras4j.shared", "../shared"));
    weights = shared.resolve("fixtures/keras/mobilenet_2_5_128_tf.h5");
  }

  private static Model mobileNet() throws IOException {
    assumeTrue(Files.isRegularFile(weights), "shared MobileNet weights absent: " + weights);
    return MobileNet.create(new MobileNet.Options().alpha(0.25).inputShape(128, 128, 3).weights(weights));
  }

  @Test
  void classifiesTheEspressoPhoto() throws IOException {
    Path coffee = shared.resolve("fixtures/images/coffee.png");
    assumeTrue(Files.isRegularFile(coffee), "shared coffee.png absent");
    try (var scope = KerasContext.isolated(); Model mobile = mobileNet()) {
      FloatNdArray x = MobileNet.preprocessInput(ImageUtils.expandDims(ImageUtils.imgToArray(
          ImageUtils.loadImg(coffee, 128, 128))));
      List<ImageNet.Prediction> top5 = ImageNet.decodePredictions(mobile.predict(x), 5).get(0);
      assertThat(top5).extracting(ImageNet.Prediction::name).containsAnyOf("espresso", "cup", "coffee_mug");
      assertThat(top5.get(0).name()).isEqualTo("espresso");
      float total = 0;
      for (float p : mobile.predict(x)[0]) {
        total += p;
      }
      assertThat(total).isCloseTo(1f, within(1e-4f));
    }
  }

  @Test
  void firstLayersMatchAForwardPassComputedFromTheH5Weights() throws IOException {
    try (var scope = KerasContext.isolated(); Model mobile = mobileNet(); HdfFile h5 = new HdfFile(weights)) {
      // conv1 (3x3, stride 2, same, no bias) -> conv1_bn (inference) -> ReLU6, by hand from the file's arrays.
      float[][][][] kernel = (float[][][][]) ((Dataset) h5.getByPath("conv1/conv1/kernel:0")).getData();
      float[] gamma = (float[]) ((Dataset) h5.getByPath("conv1_bn/conv1_bn/gamma:0")).getData();
      float[] beta = (float[]) ((Dataset) h5.getByPath("conv1_bn/conv1_bn/beta:0")).getData();
      float[] mean = (float[]) ((Dataset) h5.getByPath("conv1_bn/conv1_bn/moving_mean:0")).getData();
      float[] var = (float[]) ((Dataset) h5.getByPath("conv1_bn/conv1_bn/moving_variance:0")).getData();
      int size = 128;
      float[] input = new float[size * size * 3];
      Random random = new Random(3);
      for (int i = 0; i < input.length; i++) {
        input[i] = random.nextFloat() * 2 - 1;
      }
      KerasTensor relu = mobile.getLayer("conv1_relu").output();
      Model head = new Model(mobile.input(), relu);
      FloatNdArray x = NdArrays.wrap(Shape.of(1, size, size, 3), DataBuffers.of(input, true, false));
      float[] actual = head.predict(x)[0];
      int out = size / 2;
      int filters = kernel[0][0][0].length;
      // TF "same" with stride 2 on an even size pads 0 before and 1 after.
      for (int oy = 0; oy < out; oy += 7) {
        for (int ox = 0; ox < out; ox += 5) {
          for (int f = 0; f < filters; f++) {
            double sum = 0;
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int iy = oy * 2 + ky;
                int ix = ox * 2 + kx;
                if (iy >= size || ix >= size) {
                  continue;
                }
                for (int c = 0; c < 3; c++) {
                  sum += input[(iy * size + ix) * 3 + c] * kernel[ky][kx][c][f];
                }
              }
            }
            double bn = (sum - mean[f]) / Math.sqrt(var[f] + 1e-3) * gamma[f] + beta[f];
            double expected = Math.min(6, Math.max(0, bn));
            assertThat((double) actual[(oy * out + ox) * filters + f]).isCloseTo(expected, within(1e-4));
          }
        }
      }
    }
  }

  @Test
  void refusesWeightsOfAnotherWidthNamingTheLayerAndShapes() {
    assumeTrue(Files.isRegularFile(weights), "shared MobileNet weights absent");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> MobileNet.create(
              new MobileNet.Options().alpha(0.5).inputShape(128, 128, 3).weights(weights)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("conv1")
          .hasMessageContaining("16");
    }
  }
}
