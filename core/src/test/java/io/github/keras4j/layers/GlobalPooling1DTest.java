package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GlobalAveragePooling1D and GlobalMaxPooling1D. */
class GlobalPooling1DTest {
  /** The mean or max over the steps of {@code (b, steps, c)}: the 2-D reference with one row. */
  private static double[] reduce(float[] x, long[] shape, boolean max) {
    return ImageReference.global(x, new long[] {shape[0], 1, shape[1], shape[2]}, max);
  }

  /** The same over the steps of {@code (b, c, steps)}. */
  private static double[] reduceFirst(float[] x, long[] shape, boolean max) {
    return reduce(SequenceReference.toChannelsLast(x, shape), SequenceReference.lastShape(shape), max);
  }

  @Test
  void averagePassesTheLayerTestKit() {
    LayerTestKit.of(GlobalAveragePooling1D::new, 5, 3).reference((x, s, w) -> reduce(x, s, false)).run();
  }

  @Test
  void averageWithKeepDimsPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new GlobalAveragePooling1D().keepDims(true), 5, 3)
        .reference((x, s, w) -> reduce(x, s, false)).run();
  }

  @Test
  void maxPassesTheLayerTestKit() {
    LayerTestKit.of(GlobalMaxPooling1D::new, 4, 3).reference((x, s, w) -> reduce(x, s, true)).run();
  }

  @Test
  void channelsFirstPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new GlobalAveragePooling1D().dataFormat("channels_first").keepDims(true), 3, 5)
        .reference((x, s, w) -> reduceFirst(x, s, false)).run();
    LayerTestKit.of(() -> new GlobalMaxPooling1D().dataFormat("channels_first"), 3, 5)
        .reference((x, s, w) -> reduceFirst(x, s, true)).run();
  }

  @Test
  void reducesStepsToChannels() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new GlobalAveragePooling1D().computeOutputShape(Shapes.batchOf(100, 64)).asArray())
          .containsExactly(-1, 64);
      assertThat(new GlobalMaxPooling1D().computeOutputShape(Shapes.batchOf(-1, 8)).asArray())
          .containsExactly(-1, 8);
      assertThat(new GlobalMaxPooling1D().keepDims(true).computeOutputShape(Shapes.batchOf(5, 8)).asArray())
          .containsExactly(-1, 1, 8);
      assertThat(new GlobalMaxPooling1D().keepDims(true).dataFormat("channels_first")
          .computeOutputShape(Shapes.batchOf(8, 5)).asArray()).containsExactly(-1, 8, 1);
    }
  }

  @Test
  void writesKerasConfigsAndReadsTheAliases() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new GlobalAveragePooling1D().getConfig())
          .containsEntry("name", "global_average_pooling1d").containsEntry("data_format", "channels_last")
          .doesNotContainKey("keepdims");
      assertThat(new GlobalMaxPooling1D().keepDims(true).getConfig()).containsEntry("keepdims", true);
      Map<String, Object> config = new HashMap<>(Map.of("name", "g", "keepdims", true));
      assertThat(LayerRegistry.fromConfig("GlobalAvgPool1D", config)).isInstanceOf(GlobalAveragePooling1D.class);
      assertThat(((GlobalPooling1D) LayerRegistry.fromConfig("GlobalMaxPool1D", config)).keepDims()).isTrue();
      assertThat(LayerRegistry.fromConfig("GlobalMaxPooling1D", config)).isInstanceOf(GlobalMaxPooling1D.class);
      assertThat(LayerRegistry.fromConfig("GlobalAveragePooling1D", config))
          .isInstanceOf(GlobalAveragePooling1D.class);
    }
  }

  @Test
  void rejectsAnInputThatIsNotASequence() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new GlobalAveragePooling1D().computeOutputShape(Shapes.batchOf(8)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'global_average_pooling1d'").hasMessageContaining("expected ndim=3, found ndim=2")
          .hasMessageContaining("(None, 8)");
    }
  }
}
