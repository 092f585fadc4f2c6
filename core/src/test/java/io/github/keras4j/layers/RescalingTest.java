package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RescalingTest {

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new Rescaling(1.0 / 127.5, -1), 2, 3)
        .reference((x, s, w) -> {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / 127.5 - 1;
          }
          return out;
        })
        .run();
  }

  @Test
  void passesTheLayerTestKitWithPerChannelValues() {
    double[] scale = {1 / 0.229, 1 / 0.224, 1 / 0.225};
    double[] offset = {-0.485 / 0.229, -0.456 / 0.224, -0.406 / 0.225};
    LayerTestKit.of(() -> new Rescaling(scale, offset), 2, 2, 3)
        .reference((x, s, w) -> {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * scale[i % 3] + offset[i % 3];
          }
          return out;
        })
        .run();
  }

  /** Hand values: 255 / 255 = 1; 0 / 127.5 - 1 = -1. */
  @Test
  void mapsPixelRanges() {
    try (var scope = KerasContext.isolated()) {
      Rescaling r = new Rescaling(1.0 / 127.5, -1);
      r.ensureBuilt(Shapes.batchOf(3));
      assertThat(LayerTestKit.forward(r, new float[] {0f, 127.5f, 255f}, new long[] {1, 3}, false, 1).values())
          .containsExactly(-1f, 0f, 1f);
    }
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Rescaling(0.5).getConfig()).containsEntry("scale", 0.5).containsEntry("offset", 0.0)
          .containsEntry("name", "rescaling");
      Rescaling r = (Rescaling) LayerRegistry.fromConfig("Rescaling", Map.of("scale", 0.00392156862745098));
      assertThat(r.scale()).containsExactly(0.00392156862745098);
      assertThat(r.offset()).containsExactly(0.0);
      Rescaling list = (Rescaling) LayerRegistry.fromConfig("Rescaling",
          Map.of("scale", List.of(1, 2), "offset", List.of(0.5, 0.25)));
      assertThat(list.getConfig()).containsEntry("scale", List.of(1.0, 2.0));
    }
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> new Rescaling(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Rescaling: scale must be finite, but got scale=[NaN].");
    assertThatThrownBy(() -> LayerRegistry.fromConfig("Rescaling", Map.of("offset", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Rescaling config: missing required key 'scale'.");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Rescaling(new double[] {1, 2}, new double[] {0})
          .computeOutputShape(Shapes.batchOf(4, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("has 2 per-channel values, but its input shape is (None, 4, 3)");
    }
  }
}
