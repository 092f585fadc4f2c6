package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroPadding1DTest {
  /** Zero padding of the steps: the 2-D reference with one row. */
  static double[] pad(float[] x, long[] shape, int left, int right) {
    return ImageReference.pad(x, new long[] {shape[0], 1, shape[1], shape[2]}, 0, 0, left, right);
  }

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new ZeroPadding1D(2), 4, 3).reference((x, s, w) -> pad(x, s, 2, 2)).run();
    LayerTestKit.of(() -> new ZeroPadding1D(1, 0), 4, 2).reference((x, s, w) -> pad(x, s, 1, 0)).run();
  }

  @Test
  void passesTheLayerTestKitChannelsFirst() {
    ZeroPadding1D t = new ZeroPadding1D(0, 2).dataFormat("channels_first");
    LayerTestKit.of(() -> new ZeroPadding1D(0, 2).dataFormat("channels_first"), 3, 4)
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> pad(x, s, 0, 2))).run();
  }

  @Test
  void hasKerasShapesDefaultsAndConfig() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new ZeroPadding1D().name()).isEqualTo("zero_padding1d");
      assertThat(new ZeroPadding1D().computeOutputShape(Shapes.batchOf(5, 3)).asArray()).containsExactly(-1, 7, 3);
      assertThat(new ZeroPadding1D(2, 3).computeOutputShape(Shapes.batchOf(-1, 3)).asArray())
          .containsExactly(-1, -1, 3);
      assertThat(new ZeroPadding1D(2, 3).getConfig())
          .containsEntry("padding", List.of(2, 3)).doesNotContainKey("data_format");
      Map<String, Object> config = new HashMap<>(Map.of("name", "z", "padding", 4));
      assertThat(((ZeroPadding1D) LayerRegistry.fromConfig("ZeroPadding1D", config)).padding()).containsExactly(4, 4);
      config.put("padding", List.of(1, 2));
      assertThat(((ZeroPadding1D) LayerRegistry.fromConfig("ZeroPadding1D", config)).padding()).containsExactly(1, 2);
    }
  }

  @Test
  void rejectsBadPaddingAndInputs() {
    assertThatThrownBy(() -> new ZeroPadding1D(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding must be >= 0, but got padding=(-1, -1)");
    assertThatThrownBy(() -> new ZeroPadding1D(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one or two integers, but got 3 values");
    assertThatThrownBy(() -> ZeroPadding1D.fromConfig(new HashMap<>(Map.of("padding", "x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'padding' must be an integer or a pair");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new ZeroPadding1D().computeOutputShape(Shapes.batchOf(4)))
          .isInstanceOf(IncompatibleShapeException.class).hasMessageContaining("expected ndim=3, found ndim=2");
    }
  }
}
