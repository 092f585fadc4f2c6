package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import org.junit.jupiter.api.Test;

class FlattenTest {
  @Test
  void passesTheLayerTestKitOnImages() {
    LayerTestKit.of(Flatten::new, 3, 2, 4).reference((x, shape, w) -> ImageReference.identity(x)).run();
  }

  @Test
  void passesTheLayerTestKitOnRank3Input() {
    LayerTestKit.of(Flatten::new, 5, 2).reference((x, shape, w) -> ImageReference.identity(x)).run();
  }

  @Test
  void multipliesAllSampleDimensions() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Flatten().computeOutputShape(Shapes.batchOf(7, 7, 512)).asArray()).containsExactly(-1, 25088);
      assertThat(new Flatten().computeOutputShape(Shapes.batchOf(6)).asArray()).containsExactly(-1, 6);
      assertThat(new Flatten().getConfig()).containsEntry("name", "flatten")
          .containsEntry("data_format", "channels_last");
    }
  }

  @Test
  void rejectsAnUnknownSampleDimensionNamingLayerAndShape() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Flatten().computeOutputShape(Shapes.batchOf(-1, 4, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'flatten'")
          .hasMessageContaining("(None, None, 4, 3)");
    }
  }
}
