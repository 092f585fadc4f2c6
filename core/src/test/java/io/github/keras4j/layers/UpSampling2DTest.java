package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpSampling2DTest {

  /**
   * tf.image.resize with half-pixel centers, by its definition: output row i samples input coordinate
   * {@code (i + 0.5) / f - 0.5}; nearest takes {@code floor((i + 0.5) / f)}, bilinear interpolates between the
   * clamped neighbours.
   */
  static double[] reference(float[] x, long[] shape, int fh, int fw, boolean bilinear) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int w = (int) shape[2];
    int c = (int) shape[3];
    int oh = h * fh;
    int ow = w * fw;
    double[] out = new double[b * oh * ow * c];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          for (int k = 0; k < c; k++) {
            double v;
            if (!bilinear) {
              int r = Math.min((int) Math.floor((i + 0.5) / fh), h - 1);
              int q = Math.min((int) Math.floor((j + 0.5) / fw), w - 1);
              v = x[((n * h + r) * w + q) * c + k];
            } else {
              double sr = (i + 0.5) / fh - 0.5;
              double sc = (j + 0.5) / fw - 0.5;
              int r0 = Math.max((int) Math.floor(sr), 0);
              int r1 = Math.min((int) Math.ceil(sr), h - 1);
              int c0 = Math.max((int) Math.floor(sc), 0);
              int c1 = Math.min((int) Math.ceil(sc), w - 1);
              double dr = sr - Math.floor(sr);
              double dc = sc - Math.floor(sc);
              double top = x[((n * h + r0) * w + c0) * c + k] * (1 - dc) + x[((n * h + r0) * w + c1) * c + k] * dc;
              double bot = x[((n * h + r1) * w + c0) * c + k] * (1 - dc) + x[((n * h + r1) * w + c1) * c + k] * dc;
              v = top * (1 - dr) + bot * dr;
            }
            out[((n * oh + i) * ow + j) * c + k] = v;
          }
        }
      }
    }
    return out;
  }

  @Test
  void passesTheLayerTestKitWithNearest() {
    LayerTestKit.of(UpSampling2D::new, 2, 3, 2).batch(2)
        .reference((x, s, w) -> reference(x, s, 2, 2, false)).run();
    LayerTestKit.of(() -> new UpSampling2D(3, 1), 2, 2, 1).batch(2)
        .reference((x, s, w) -> reference(x, s, 3, 1, false)).runWithoutTrainingStep();
  }

  @Test
  void passesTheLayerTestKitWithBilinear() {
    LayerTestKit.of(() -> new UpSampling2D(2).interpolation("bilinear"), 3, 3, 2).batch(2)
        .reference((x, s, w) -> reference(x, s, 2, 2, true)).run();
    LayerTestKit.of(() -> new UpSampling2D(3, 2).interpolation("bilinear"), 2, 3, 1).batch(2)
        .reference((x, s, w) -> reference(x, s, 3, 2, true)).runWithoutTrainingStep();
  }

  /** Hand values: [0, 4] doubled bilinearly is [0, 1, 3, 4] (samples at -0.25, 0.25, 0.75, 1.25, clamped). */
  @Test
  void interpolatesLikeTfImageResize() {
    try (var scope = KerasContext.isolated()) {
      UpSampling2D up = new UpSampling2D(1, 2).interpolation("bilinear");
      up.ensureBuilt(Shapes.batchOf(1, 2, 1));
      assertThat(LayerTestKit.forward(up, new float[] {0, 4}, new long[] {1, 1, 2, 1}, false, 1).values())
          .containsExactly(new float[] {0, 1, 3, 4}, within(1e-6f));
      UpSampling2D near = new UpSampling2D(1, 2);
      near.ensureBuilt(Shapes.batchOf(1, 2, 1));
      assertThat(LayerTestKit.forward(near, new float[] {0, 4}, new long[] {1, 1, 2, 1}, false, 1).values())
          .containsExactly(0, 0, 4, 4);
    }
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new UpSampling2D().getConfig()).containsEntry("size", List.of(2, 2))
          .containsEntry("interpolation", "nearest").containsEntry("name", "up_sampling2d");
      UpSampling2D up = (UpSampling2D) LayerRegistry.fromConfig("UpSampling2D",
          Map.of("size", List.of(2, 3), "interpolation", "bilinear"));
      assertThat(up.size()).containsExactly(2, 3);
      assertThat(up.computeOutputShape(Shapes.batchOf(4, 5, 2)).asArray()).containsExactly(-1, 8, 15, 2);
    }
    assertThatThrownBy(() -> new UpSampling2D().interpolation("bicubic"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("UpSampling2D: interpolation must be \"nearest\" or \"bilinear\", but got"
            + " interpolation=\"bicubic\".");
  }
}
