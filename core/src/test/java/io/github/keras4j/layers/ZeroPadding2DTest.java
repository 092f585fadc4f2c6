package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroPadding2DTest {
  @Test
  void passesTheLayerTestKitWithSymmetricPadding() {
    LayerTestKit.of(() -> new ZeroPadding2D(1), 3, 4, 2)
        .reference((x, shape, w) -> ImageReference.pad(x, shape, 1, 1, 1, 1))
        .run();
  }

  @Test
  void passesTheLayerTestKitWithRowsAndColumns() {
    LayerTestKit.of(() -> new ZeroPadding2D(2, 1), 3, 3, 2)
        .reference((x, shape, w) -> ImageReference.pad(x, shape, 2, 2, 1, 1))
        .run();
  }

  @Test
  void passesTheLayerTestKitWithMobileNetsBottomRightPadding() {
    LayerTestKit.of(() -> new ZeroPadding2D(0, 1, 0, 1), 4, 4, 3)
        .reference((x, shape, w) -> ImageReference.pad(x, shape, 0, 1, 0, 1))
        .run();
  }

  @Test
  void addsThePaddingToTheShape() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new ZeroPadding2D().computeOutputShape(Shapes.batchOf(5, 6, 3)).asArray())
          .containsExactly(-1, 7, 8, 3);
      assertThat(new ZeroPadding2D(0, 1, 0, 1).computeOutputShape(Shapes.batchOf(112, 112, 64)).asArray())
          .containsExactly(-1, 113, 113, 64);
      assertThat(new ZeroPadding2D(0, 1, 0, 1).padding()).isDeepEqualTo(new int[][] {{0, 1}, {0, 1}});
    }
  }

  @Test
  void writesAndReadsKerasPaddingConfigs() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new ZeroPadding2D(0, 1, 0, 1).name("conv_pad_2").getConfig())
          .containsEntry("padding", List.of(List.of(0, 1), List.of(0, 1)));
      Map<String, Object> pair = new HashMap<>(Map.of("name", "p", "padding", List.of(2, 3)));
      assertThat(((ZeroPadding2D) LayerRegistry.fromConfig("ZeroPadding2D", pair)).padding())
          .isDeepEqualTo(new int[][] {{2, 2}, {3, 3}});
      Map<String, Object> single = new HashMap<>(Map.of("name", "q", "padding", 1));
      assertThat(((ZeroPadding2D) LayerRegistry.fromConfig("ZeroPadding2D", single)).padding())
          .isDeepEqualTo(new int[][] {{1, 1}, {1, 1}});
    }
  }

  @Test
  void rejectsNegativePaddingAndRank2Input() {
    assertThatThrownBy(() -> new ZeroPadding2D(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding must be >= 0");
    assertThatThrownBy(() -> new ZeroPadding2D(1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1, 2 or 4 integers");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new ZeroPadding2D().computeOutputShape(Shapes.batchOf(4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'zero_padding2d'")
          .hasMessageContaining("expected ndim=4, found ndim=2");
    }
  }
}
