package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Models;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resizing, CenterCrop and the errors for Lambda and unknown layer classes. */
class ResizingCenterCropTest {

  /** tf.image.resize bilinear with half-pixel centers to (oh, ow), by definition (also when shrinking). */
  static double[] bilinear(float[] x, long[] shape, int top, int left, int rows, int cols, int oh, int ow) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int c = (int) shape[3];
    double[] out = new double[b * oh * ow * c];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          double sr = Math.max((i + 0.5) * rows / oh - 0.5, 0);
          double sc = Math.max((j + 0.5) * cols / ow - 0.5, 0);
          int r0 = (int) Math.floor(sr);
          int r1 = Math.min(r0 + 1, rows - 1);
          int c0 = (int) Math.floor(sc);
          int c1 = Math.min(c0 + 1, cols - 1);
          double dr = sr - r0;
          double dc = sc - c0;
          for (int k = 0; k < c; k++) {
            double v00 = x[((n * h + top + r0) * w + left + c0) * c + k];
            double v01 = x[((n * h + top + r0) * w + left + c1) * c + k];
            double v10 = x[((n * h + top + r1) * w + left + c0) * c + k];
            double v11 = x[((n * h + top + r1) * w + left + c1) * c + k];
            out[((n * oh + i) * ow + j) * c + k] =
                (v00 * (1 - dc) + v01 * dc) * (1 - dr) + (v10 * (1 - dc) + v11 * dc) * dr;
          }
        }
      }
    }
    return out;
  }

  @Test
  void resizingPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new Resizing(5, 3), 4, 6, 2).batch(2)
        .reference((x, s, w) -> bilinear(x, s, 0, 0, 4, 6, 5, 3)).run();
    // crop_to_aspect_ratio: 4x6 to 2x2 crops the centered 4x4 window (left 1), then halves it.
    LayerTestKit.of(() -> new Resizing(2, 2).cropToAspectRatio(true), 4, 6, 1).batch(2)
        .reference((x, s, w) -> bilinear(x, s, 0, 1, 4, 4, 2, 2)).runWithoutTrainingStep();
    LayerTestKit.of(() -> new Resizing(4, 4).interpolation("nearest"), 2, 2, 1).batch(2)
        .reference((x, s, w) -> UpSampling2DTest.reference(x, s, 2, 2, false)).withoutGradientCheck().runWithoutTrainingStep();
  }

  @Test
  void resizingComputesKerasAspectCropWindows() {
    assertThat(Resizing.aspectCrop(480, 640, 224, 224)).containsExactly(0, 80, 480, 480);
    assertThat(Resizing.aspectCrop(640, 480, 224, 224)).containsExactly(80, 0, 480, 480);
    assertThat(Resizing.aspectCrop(5, 5, 2, 4)).containsExactly(1, 0, 2, 5);
  }

  @Test
  void resizingWritesKerasConfig() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Resizing(4, 5).getConfig()).containsEntry("height", 4).containsEntry("width", 5)
          .containsEntry("interpolation", "bilinear").containsEntry("crop_to_aspect_ratio", false);
      assertThat(new Resizing(4, 5).computeOutputShape(Shapes.batchOf(9, 9, 3)).asArray())
          .containsExactly(-1, 4, 5, 3);
    }
    assertThatThrownBy(() -> new Resizing(4, 4).interpolation("lanczos3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Resizing: interpolation must be \"bilinear\" or \"nearest\", but got interpolation=\"lanczos3\".");
  }

  @Test
  void centerCropPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new CenterCrop(2, 3), 5, 6, 2).batch(2)
        .reference((x, s, w) -> Cropping2DTest.reference(x, s, 1, 2, 1, 2)).run();
    // Smaller than the target: Keras resizes (smart_resize) instead of cropping.
    LayerTestKit.of(() -> new CenterCrop(4, 4), 2, 3, 1).batch(2)
        .reference((x, s, w) -> bilinear(x, s, 0, 0, 2, 2, 4, 4)).runWithoutTrainingStep();
  }

  /** Hand values: the center 1x1 of a 3x3 [0..8] is 4; of a 4x4 [0..15] crop 2x2 starts at (1, 1). */
  @Test
  void centerCropTakesTheCenter() {
    try (var scope = KerasContext.isolated()) {
      CenterCrop c = new CenterCrop(1, 1);
      c.ensureBuilt(Shapes.batchOf(3, 3, 1));
      assertThat(LayerTestKit.forward(c, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, new long[] {1, 3, 3, 1}, false, 1)
          .values()).containsExactly(4f);
      CenterCrop d = new CenterCrop(2, 2);
      d.ensureBuilt(Shapes.batchOf(4, 4, 1));
      float[] x = new float[16];
      for (int i = 0; i < 16; i++) {
        x[i] = i;
      }
      assertThat(LayerTestKit.forward(d, x, new long[] {1, 4, 4, 1}, false, 1).values())
          .containsExactly(new float[] {5, 6, 9, 10}, within(0f));
      assertThat(new CenterCrop(2, 3).getConfig()).containsEntry("height", 2).containsEntry("width", 3);
      assertThatThrownBy(() -> new CenterCrop(2, 2).computeOutputShape(Shapes.batchOf(-1, -1, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("needs known rows and cols");
    }
  }

  @Test
  void aLambdaLayerGetsAClearErrorThatSaysHowToRegisterOne() {
    assertThatThrownBy(() -> LayerRegistry.fromConfig("Lambda", Map.of("name", "lambda_1", "function", "4wEAAA")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Layer 'lambda_1' is a Lambda layer")
        .hasMessageContaining("Python code")
        .hasMessageContaining("LayerFactory")
        .hasMessageContaining("'Lambda'");
    assertThatThrownBy(() -> Models.fromJson("{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\","
        + " \"layers\": [{\"class_name\": \"MyBlock\", \"config\": {\"name\": \"block_1\"}}]}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown layer: 'MyBlock' (layer 'block_1')")
        .hasMessageContaining("META-INF/services/io.github.keras4j.layers.LayerFactory");
  }
}
