package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReshapeTest {
  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new Reshape(3, 4), 12).reference((x, shape, w) -> ImageReference.identity(x)).run();
  }

  @Test
  void passesTheLayerTestKitWithAnInferredDimension() {
    LayerTestKit.of(() -> new Reshape(-1, 2), 3, 2, 2).reference((x, shape, w) -> ImageReference.identity(x)).run();
  }

  @Test
  void passesTheLayerTestKitAsMobileNetsReshape1() {
    LayerTestKit.of(() -> new Reshape(1, 1, 8), 8).reference((x, shape, w) -> ImageReference.identity(x)).run();
  }

  @Test
  void infersTheMinusOneDimension() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Reshape(-1, 2).computeOutputShape(Shapes.batchOf(3, 2, 2)).asArray())
          .containsExactly(-1, 6, 2);
      assertThat(new Reshape(2, -1, 3).computeOutputShape(Shapes.batchOf(12)).asArray())
          .containsExactly(-1, 2, 2, 3);
      assertThat(new Reshape(1, 1, 256).computeOutputShape(Shapes.batchOf(256)).asArray())
          .containsExactly(-1, 1, 1, 256);
    }
  }

  @Test
  void writesItsTargetShapeToItsConfig() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new Reshape(1, 1, 1024).name("reshape_1").getConfig();
      assertThat(config).containsEntry("name", "reshape_1").containsEntry("target_shape", List.of(1, 1, 1024));
    }
  }

  @Test
  void rejectsATargetOfADifferentSize() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Reshape(3, 3).computeOutputShape(Shapes.batchOf(8)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'reshape'")
          .hasMessageContaining("total size of new array must be unchanged")
          .hasMessageContaining("(None, 8)");
      assertThatThrownBy(() -> new Reshape(-1, 3).computeOutputShape(Shapes.batchOf(8)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 8)");
    }
  }

  @Test
  void rejectsTwoUnknownOrNonPositiveSizes() {
    assertThatThrownBy(() -> new Reshape(-1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Reshape: at most one targetShape size may be -1, but got targetShape=[-1, -1].");
    assertThatThrownBy(() -> new Reshape(0, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Reshape: targetShape sizes must be positive or -1, but got targetShape=[0, 2].");
  }
}
