package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code data_format="channels_first"} on the 2-D convolution, pooling, padding and flatten layers: each passes
 * the kit against its channels_last reference applied to the transposed input (Keras's definition of the format).
 */
class ChannelsFirstTest {
  private static final String FIRST = "channels_first";

  @Test
  void conv2dPassesTheLayerTestKit() {
    Conv2D t = new Conv2D(3, 3).padding("same").strides(2).dataFormat(FIRST);
    LayerTestKit.of(() -> new Conv2D(3, 3).padding("same").strides(2).dataFormat(FIRST), 2, 5, 6).batch(2)
        .expectWeights(trainable("kernel", 3, 3, 2, 3), trainable("bias", 3))
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> Conv2DTest.reference(t, x, s, w)))
        .run();
  }

  @Test
  void depthwiseConv2dPassesTheLayerTestKit() {
    DepthwiseConv2D t = new DepthwiseConv2D(3).depthMultiplier(2).dataFormat(FIRST);
    LayerTestKit.of(() -> new DepthwiseConv2D(3).depthMultiplier(2).dataFormat(FIRST), 2, 5, 4).batch(2)
        .expectWeights(trainable("depthwise_kernel", 3, 3, 2, 2), trainable("bias", 4))
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> ImageReference.depthwise(
            x, s, w.get(0), 3, 3, 2, w.get(1), new int[] {1, 1}, "valid")))
        .run();
  }

  @Test
  void poolingPassesTheLayerTestKit() {
    MaxPooling2D max = new MaxPooling2D(2).dataFormat(FIRST);
    LayerTestKit.of(() -> new MaxPooling2D(2).dataFormat(FIRST), 2, 5, 4).batch(2)
        .reference(SequenceReference.channelsFirst(max, (x, s, w) -> ImageReference.pool(
            x, s, new int[] {2, 2}, new int[] {2, 2}, "valid", true)))
        .run();
    AveragePooling2D avg = new AveragePooling2D(3).strides(2).padding("same").dataFormat(FIRST);
    LayerTestKit.of(() -> new AveragePooling2D(3).strides(2).padding("same").dataFormat(FIRST), 2, 5, 4).batch(2)
        .reference(SequenceReference.channelsFirst(avg, (x, s, w) -> ImageReference.pool(
            x, s, new int[] {3, 3}, new int[] {2, 2}, "same", false)))
        .run();
  }

  @Test
  void globalPoolingPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new GlobalAveragePooling2D().dataFormat(FIRST), 3, 4, 2)
        .reference((x, s, w) -> ImageReference.global(
            SequenceReference.toChannelsLast(x, s), SequenceReference.lastShape(s), false))
        .run();
    GlobalMaxPooling2D keep = (GlobalMaxPooling2D) new GlobalMaxPooling2D().dataFormat(FIRST).keepDims(true);
    LayerTestKit.of(() -> new GlobalMaxPooling2D().dataFormat(FIRST).keepDims(true), 3, 4, 2)
        .reference((x, s, w) -> ImageReference.global(
            SequenceReference.toChannelsLast(x, s), SequenceReference.lastShape(s), true))
        .run();
    try (var scope = KerasContext.isolated()) {
      assertThat(keep.computeOutputShape(Shapes.batchOf(3, 4, 2)).asArray()).containsExactly(-1, 3, 1, 1);
    }
  }

  @Test
  void zeroPadding2dPassesTheLayerTestKit() {
    ZeroPadding2D t = new ZeroPadding2D(0, 1, 2, 0).dataFormat(FIRST);
    LayerTestKit.of(() -> new ZeroPadding2D(0, 1, 2, 0).dataFormat(FIRST), 2, 3, 3)
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> ImageReference.pad(x, s, 0, 1, 2, 0)))
        .run();
  }

  @Test
  void flattenMovesChannelsLastFirst() {
    LayerTestKit.of(() -> new Flatten().dataFormat(FIRST), 2, 3, 2)
        .reference((x, s, w) -> ImageReference.identity(SequenceReference.toChannelsLast(x, s)))
        .run();
  }

  @Test
  void infersChannelsFirstShapesAndWritesTheFormat() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Conv2D(8, 3).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 28, 20)).asArray())
          .containsExactly(-1, 8, 26, 18);
      assertThat(new MaxPooling2D().dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 28, 20)).asArray())
          .containsExactly(-1, 3, 14, 10);
      assertThat(new DepthwiseConv2D(3).depthMultiplier(2).dataFormat(FIRST)
          .computeOutputShape(Shapes.batchOf(3, 8, 8)).asArray()).containsExactly(-1, 6, 6, 6);
      assertThat(new ZeroPadding2D(1).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 8, 8)).asArray())
          .containsExactly(-1, 3, 10, 10);
      assertThat(new Conv2D(8, 3).dataFormat(FIRST).getConfig()).containsEntry("data_format", FIRST);
    }
  }

  @Test
  void everyConvolutionAndPoolingLayerReadsChannelsFirstFromItsConfig() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Map<String, Object>> configs = Map.of(
          "Conv2D", Map.of("filters", 2, "kernel_size", List.of(3, 3)),
          "DepthwiseConv2D", Map.of("kernel_size", List.of(3, 3)),
          "MaxPooling2D", Map.of(), "AveragePooling2D", Map.of(), "GlobalAveragePooling2D", Map.of(),
          "GlobalMaxPooling2D", Map.of(), "ZeroPadding2D", Map.of(), "Flatten", Map.of(),
          "Conv1D", Map.of("filters", 2, "kernel_size", List.of(3)), "MaxPooling1D", Map.of());
      for (var e : configs.entrySet()) {
        Map<String, Object> config = new HashMap<>(e.getValue());
        config.put("data_format", FIRST);
        Layer layer = LayerRegistry.fromConfig(e.getKey(), config);
        assertThat(layer.getConfig()).as(e.getKey()).containsEntry("data_format", FIRST);
        config.put("data_format", "channels_middle");
        assertThatThrownBy(() -> LayerRegistry.fromConfig(e.getKey(), config)).as(e.getKey())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("dataFormat=\"channels_middle\"");
      }
    }
  }
}
