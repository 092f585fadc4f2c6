package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import org.junit.jupiter.api.Test;

/** GlobalAveragePooling2D and GlobalMaxPooling2D. */
class GlobalPooling2DTest {
  @Test
  void averagePassesTheLayerTestKit() {
    LayerTestKit.of(GlobalAveragePooling2D::new, 3, 4, 5)
        .reference((x, shape, w) -> ImageReference.global(x, shape, false))
        .run();
  }

  @Test
  void averageWithKeepDimsPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new GlobalAveragePooling2D().keepDims(true), 3, 4, 5)
        .reference((x, shape, w) -> ImageReference.global(x, shape, false))
        .run();
  }

  @Test
  void maxPassesTheLayerTestKit() {
    LayerTestKit.of(GlobalMaxPooling2D::new, 3, 4, 5)
        .reference((x, shape, w) -> ImageReference.global(x, shape, true))
        .run();
  }

  @Test
  void maxWithKeepDimsPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new GlobalMaxPooling2D().keepDims(true), 2, 3, 4)
        .reference((x, shape, w) -> ImageReference.global(x, shape, true))
        .run();
  }

  @Test
  void reducesRowsAndColumnsToChannels() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new GlobalAveragePooling2D().computeOutputShape(Shapes.batchOf(7, 7, 1024)).asArray())
          .containsExactly(-1, 1024);
      assertThat(new GlobalMaxPooling2D().computeOutputShape(Shapes.batchOf(-1, -1, 8)).asArray())
          .containsExactly(-1, 8);
      assertThat(new GlobalMaxPooling2D().keepDims(true).computeOutputShape(Shapes.batchOf(5, 4, 8)).asArray())
          .containsExactly(-1, 1, 1, 8);
    }
  }

  @Test
  void namesItselfAsKeras() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new GlobalAveragePooling2D().name()).isEqualTo("global_average_pooling2d");
      assertThat(new GlobalMaxPooling2D().name()).isEqualTo("global_max_pooling2d");
      assertThat(new GlobalAveragePooling2D().getConfig()).containsEntry("data_format", "channels_last");
    }
  }

  @Test
  void rejectsAnInputThatIsNotRank4() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new GlobalAveragePooling2D().computeOutputShape(Shapes.batchOf(16)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("Input 0 of layer 'global_average_pooling2d' is incompatible with the layer")
          .hasMessageContaining("expected ndim=4, found ndim=2")
          .hasMessageContaining("(None, 16)");
    }
  }
}
