package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AveragePooling2DTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("default 2x2", (Supplier<Pooling2D>) AveragePooling2D::new, new long[] {4, 6, 2}),
        Arguments.of("2x2 valid odd input", (Supplier<Pooling2D>) () -> new AveragePooling2D(2), new long[] {5, 7, 2}),
        Arguments.of("2x2 same odd input",
            (Supplier<Pooling2D>) () -> new AveragePooling2D(2).padding("same"), new long[] {5, 7, 2}),
        Arguments.of("3x3 strides 2 valid",
            (Supplier<Pooling2D>) () -> new AveragePooling2D(3).strides(2), new long[] {7, 6, 2}),
        Arguments.of("3x3 strides 2 same",
            (Supplier<Pooling2D>) () -> new AveragePooling2D(3).strides(2).padding("same"), new long[] {6, 7, 2}),
        Arguments.of("2x3 strides 1 same",
            (Supplier<Pooling2D>) () -> new AveragePooling2D(2, 3).strides(1).padding("same"), new long[] {4, 4, 1}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<Pooling2D> factory, long[] sampleShape) {
    Pooling2D t = factory.get();
    LayerTestKit.of(factory, sampleShape).batch(2)
        .reference((x, shape, w) -> ImageReference.pool(x, shape, t.poolSize(), t.strides(), t.padding(), false))
        .run();
  }

  @Test
  void infersKerasOutputShapes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new AveragePooling2D().computeOutputShape(Shapes.batchOf(224, 224, 64)).asArray())
          .containsExactly(-1, 112, 112, 64);
      assertThat(new AveragePooling2D(2).computeOutputShape(Shapes.batchOf(5, 7, 3)).asArray())
          .containsExactly(-1, 2, 3, 3);
      assertThat(new AveragePooling2D(2).padding("same").computeOutputShape(Shapes.batchOf(5, 7, 3)).asArray())
          .containsExactly(-1, 3, 4, 3);
      assertThat(new AveragePooling2D(3).strides(2).computeOutputShape(Shapes.batchOf(7, 8, 3)).asArray())
          .containsExactly(-1, 3, 3, 3);
      assertThat(new AveragePooling2D(3).strides(1).computeOutputShape(Shapes.batchOf(7, 8, 3)).asArray())
          .containsExactly(-1, 5, 6, 3);
    }
  }

  @Test
  void usesThePoolSizeAsDefaultStridesAndWritesBothToItsConfig() {
    try (var scope = KerasContext.isolated()) {
      AveragePooling2D pool = new AveragePooling2D(3);
      assertThat(pool.strides()).containsExactly(3, 3);
      assertThat(pool.getConfig())
          .containsEntry("name", "average_pooling2d")
          .containsEntry("pool_size", List.of(3, 3))
          .containsEntry("strides", List.of(3, 3))
          .containsEntry("padding", "valid")
          .containsEntry("data_format", "channels_last");
    }
  }

  @Test
  void isCreatedFromAKerasConfigWithoutStrides() {
    try (var scope = KerasContext.isolated()) {
      Layer layer = LayerRegistry.fromConfig(
          "AveragePooling2D", new java.util.HashMap<>(java.util.Map.of("name", "pool", "pool_size", List.of(2, 2))));
      assertThat(((AveragePooling2D) layer).strides()).containsExactly(2, 2);
      assertThat(layer.name()).isEqualTo("pool");
    }
  }

  @Test
  void rejectsAnInputThatIsNotRank4() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new AveragePooling2D().computeOutputShape(Shapes.batchOf(8, 8)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("Input 0 of layer 'average_pooling2d' is incompatible with the layer")
          .hasMessageContaining("expected ndim=4, found ndim=3")
          .hasMessageContaining("(None, 8, 8)");
    }
  }

  /** Keras: a 3x3 pool with stride 1 on a 1x1 image has output length 1 - 3 + 1 = -1, an error. */
  @Test
  void rejectsAnInputSmallerThanThePool() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new AveragePooling2D(2).computeOutputShape(Shapes.batchOf(1, 1, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 1, 1, 3)");
      assertThatThrownBy(() -> new AveragePooling2D(3).strides(1).computeOutputShape(Shapes.batchOf(1, 1, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 1, 1, 3)");
    }
  }

  @Test
  void validatesPoolSizeAndPadding() {
    assertThatThrownBy(() -> new AveragePooling2D(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize must be positive");
    assertThatThrownBy(() -> new AveragePooling2D(2).padding("full"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding must be \"valid\" or \"same\"");
  }
}
