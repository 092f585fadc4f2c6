package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Model;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Every zoo model runs end to end (random weights, small inputs): two images give finite logits (linear top, as
 * {@code classifier_activation=None}) that differ from each other. Random weights shrink the signal through deep
 * stacks, so softmax outputs would all be 1/classes; the logits still tell the images apart. Slow: the big models'
 * random initialization dominates.
 */
@Tag("slow")
class ZooForwardTest {
  private static void predictsDistributions(Function<RandomWeightsOptions, Model> build, int size) {
    predictsDistributions(build, size, false);
  }

  /** Pixels in [-1, 1] (preprocessed), or 0..255 for models that scale their input themselves. */
  private static void predictsDistributions(Function<RandomWeightsOptions, Model> build, int size, boolean raw) {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(7);
      try (Model model = build.apply(new RandomWeightsOptions().classes(5).classifierActivation("linear").inputShape(size, size, 3))) {
        float[] pixels = new float[2 * size * size * 3];
        Random random = new Random(11);
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = raw ? random.nextFloat() * 255f : random.nextFloat() * 2f - 1f;
        }
        float[][] p = model.predict(NdArrays.wrap(Shape.of(2, size, size, 3), DataBuffers.of(pixels, true, false)));
        assertThat(p).hasDimensions(2, 5);
        for (float[] row : p) {
          for (float v : row) {
            assertThat(Float.isFinite(v)).isTrue();
          }
        }
        assertThat(p[0]).isNotEqualTo(p[1]);
      }
    }
  }

  @Test
  void mobileNetV2() {
    predictsDistributions(o -> MobileNetV2.build(new MobileNetV2.Options().alpha(0.35).weights((String) null)
        .classes(5).classifierActivation("linear").inputShape(64, 64, 3)).model(), 64);
  }

  @Test
  void resNet50() {
    predictsDistributions(ResNet50::build, 32);
  }

  @Test
  void resNet50V2() {
    predictsDistributions(ResNet50V2::build, 32);
  }

  @Test
  void inceptionV3() {
    predictsDistributions(InceptionV3::build, 75);
  }

  @Test
  void xception() {
    predictsDistributions(Xception::build, 71);
  }

  @Test
  void denseNet121() {
    predictsDistributions(DenseNet121::build, 32);
  }

  @Test
  void efficientNetB0() {
    predictsDistributions(EfficientNetB0::build, 32, true);
  }
}
