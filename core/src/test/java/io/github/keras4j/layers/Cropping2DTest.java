package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Cropping2DTest {

  static double[] reference(float[] x, long[] shape, int top, int bottom, int left, int right) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int c = (int) shape[3];
    int oh = h - top - bottom;
    int ow = w - left - right;
    double[] out = new double[b * oh * ow * c];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int k = 0; k < c; k++) {
            out[((n * oh + i) * ow + j) * c + k] = x[((n * h + i + top) * w + j + left) * c + k];
          }
        }
      }
    }
    return out;
  }

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new Cropping2D(0, 1, 2, 1), 4, 5, 2).batch(2)
        .reference((x, s, w) -> reference(x, s, 0, 1, 2, 1)).run();
    LayerTestKit.of(() -> new Cropping2D(1), 3, 4, 1).batch(2)
        .reference((x, s, w) -> reference(x, s, 1, 1, 1, 1)).runWithoutTrainingStep();
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Cropping2D(1, 2).getConfig())
          .containsEntry("cropping", List.of(List.of(1, 1), List.of(2, 2)))
          .containsEntry("name", "cropping2d");
      Cropping2D c = (Cropping2D) LayerRegistry.fromConfig("Cropping2D",
          Map.of("cropping", List.of(List.of(0, 1), List.of(2, 3))));
      assertThat(c.cropping()).containsExactly(0, 1, 2, 3);
      assertThat(c.computeOutputShape(Shapes.batchOf(5, 6, 3)).asArray()).containsExactly(-1, 4, 1, 3);
      assertThat(((Cropping2D) LayerRegistry.fromConfig("Cropping2D", Map.of("cropping", 2))).cropping())
          .containsExactly(2, 2, 2, 2);
    }
  }

  @Test
  void rejectsCroppingThatLeavesNothing() {
    assertThatThrownBy(() -> new Cropping2D(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cropping2D: cropping must be >= 0, but got cropping=((-1, -1), (-1, -1)).");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Cropping2D(2).computeOutputShape(Shapes.batchOf(4, 8, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("cropping ((2, 2), (2, 2)) leaves nothing of input shape (None, 4, 8, 1)");
    }
  }
}
