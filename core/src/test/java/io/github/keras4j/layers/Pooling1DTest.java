package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MaxPooling1D and AveragePooling1D. */
class Pooling1DTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("max default", (Supplier<Pooling1D>) MaxPooling1D::new, new long[] {6, 2}),
        Arguments.of("max 2 odd input", (Supplier<Pooling1D>) () -> new MaxPooling1D(2), new long[] {7, 3}),
        Arguments.of("max 3 strides 2 same",
            (Supplier<Pooling1D>) () -> new MaxPooling1D(3).strides(2).padding("same"), new long[] {8, 2}),
        Arguments.of("max 2 channels_first",
            (Supplier<Pooling1D>) () -> new MaxPooling1D(2).dataFormat("channels_first"), new long[] {3, 6}),
        Arguments.of("average default", (Supplier<Pooling1D>) AveragePooling1D::new, new long[] {6, 2}),
        Arguments.of("average 3 strides 1 same",
            (Supplier<Pooling1D>) () -> new AveragePooling1D(3).strides(1).padding("same"), new long[] {5, 2}),
        Arguments.of("average 2 strides 3 valid",
            (Supplier<Pooling1D>) () -> new AveragePooling1D(2).strides(3), new long[] {8, 2}),
        Arguments.of("average 3 same channels_first",
            (Supplier<Pooling1D>) () -> new AveragePooling1D(3).padding("same").dataFormat("channels_first"),
            new long[] {2, 7}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<Pooling1D> factory, long[] sampleShape) {
    Pooling1D t = factory.get();
    LayerTestKit.Reference last = (x, shape, w) -> SequenceReference.pool1d(
        x, shape, t.poolSize(), t.strides(), t.padding(), t instanceof MaxPooling1D);
    LayerTestKit.of(factory, sampleShape).batch(2)
        .reference(t.dataFormat().equals("channels_first") ? SequenceReference.channelsFirst(t, last) : last)
        .run();
  }

  @Test
  void infersKerasOutputShapes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new MaxPooling1D().computeOutputShape(Shapes.batchOf(100, 64)).asArray())
          .containsExactly(-1, 50, 64);
      assertThat(new MaxPooling1D(2).computeOutputShape(Shapes.batchOf(7, 3)).asArray()).containsExactly(-1, 3, 3);
      assertThat(new AveragePooling1D(2).padding("same").computeOutputShape(Shapes.batchOf(7, 3)).asArray())
          .containsExactly(-1, 4, 3);
      assertThat(new AveragePooling1D(3).strides(1).computeOutputShape(Shapes.batchOf(7, 3)).asArray())
          .containsExactly(-1, 5, 3);
      assertThat(new MaxPooling1D(2).dataFormat("channels_first").computeOutputShape(Shapes.batchOf(3, 7))
          .asArray()).containsExactly(-1, 3, 3);
      assertThat(new MaxPooling1D().computeOutputShape(Shapes.batchOf(-1, 4)).asArray()).containsExactly(-1, -1, 4);
    }
  }

  @Test
  void writesKerasConfigsAndReadsTheAliases() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new MaxPooling1D(3).getConfig())
          .containsEntry("name", "max_pooling1d")
          .containsEntry("pool_size", List.of(3))
          .containsEntry("strides", List.of(3))
          .containsEntry("padding", "valid")
          .containsEntry("data_format", "channels_last");
      assertThat(new AveragePooling1D().name()).isEqualTo("average_pooling1d");
      Map<String, Object> config = new HashMap<>(Map.of("name", "p", "pool_size", List.of(4), "padding", "same"));
      for (String alias : List.of("MaxPooling1D", "MaxPool1D")) {
        Pooling1D p = (Pooling1D) LayerRegistry.fromConfig(alias, config);
        assertThat(p).isInstanceOf(MaxPooling1D.class);
        assertThat(p.strides()).isEqualTo(4);
        assertThat(p.padding()).isEqualTo("same");
      }
      for (String alias : List.of("AveragePooling1D", "AvgPool1D")) {
        assertThat(LayerRegistry.fromConfig(alias, config)).isInstanceOf(AveragePooling1D.class);
      }
      config.put("strides", 1);
      assertThat(((Pooling1D) LayerRegistry.fromConfig("MaxPool1D", config)).strides()).isEqualTo(1);
    }
  }

  @Test
  void rejectsBadInputsAndSettings() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new MaxPooling1D().computeOutputShape(Shapes.batchOf(8, 8, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'max_pooling1d'").hasMessageContaining("expected ndim=3, found ndim=4");
      assertThatThrownBy(() -> new AveragePooling1D(4).computeOutputShape(Shapes.batchOf(3, 2)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("fewer steps than the pool of size 4").hasMessageContaining("(None, 3, 2)");
    }
    assertThatThrownBy(() -> new MaxPooling1D(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize must be positive, but got poolSize=0");
    assertThatThrownBy(() -> new MaxPooling1D().padding("causal")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding=\"causal\"");
  }
}
