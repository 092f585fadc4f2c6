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
 * {@code data_format="channels_first"} on the 2-D convolution, pooling, padding, cropping, upsampling, resizing,
 * spatial dropout and flatten layers: each passes the kit against its channels_last reference applied to the transposed
 * input (Keras's definition of the format).
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
  void separableConv2dPassesTheLayerTestKit() {
    SeparableConv2D t = new SeparableConv2D(3, 3).depthMultiplier(2).padding("same").dataFormat(FIRST);
    LayerTestKit.of(() -> new SeparableConv2D(3, 3).depthMultiplier(2).padding("same").dataFormat(FIRST), 2, 5, 4)
        .batch(2)
        .expectWeights(trainable("depthwise_kernel", 3, 3, 2, 2), trainable("pointwise_kernel", 1, 1, 4, 3),
            trainable("bias", 3))
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> SeparableConv2DTest.reference(t, x, s, w)))
        .runWithoutTrainingStep();
  }

  @Test
  void conv2dTransposePassesTheLayerTestKit() {
    Conv2DTranspose t = new Conv2DTranspose(3, 3).strides(2).padding("same").dataFormat(FIRST);
    LayerTestKit.of(() -> new Conv2DTranspose(3, 3).strides(2).padding("same").dataFormat(FIRST), 2, 3, 4).batch(2)
        .expectWeights(trainable("kernel", 3, 3, 3, 2), trainable("bias", 3))
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> Conv2DTransposeTest.reference(t, x, s, w)))
        .runWithoutTrainingStep();
  }

  @Test
  void upSampling2dPassesTheLayerTestKit() {
    UpSampling2D nearest = new UpSampling2D(2, 3).dataFormat(FIRST);
    LayerTestKit.of(() -> new UpSampling2D(2, 3).dataFormat(FIRST), 2, 3, 2).batch(2)
        .reference(SequenceReference.channelsFirst(
            nearest, (x, s, w) -> UpSampling2DTest.reference(x, s, 2, 3, false)))
        .runWithoutTrainingStep();
    UpSampling2D bilinear = new UpSampling2D(2).interpolation("bilinear").dataFormat(FIRST);
    LayerTestKit.of(() -> new UpSampling2D(2).interpolation("bilinear").dataFormat(FIRST), 2, 3, 2).batch(2)
        .reference(SequenceReference.channelsFirst(
            bilinear, (x, s, w) -> UpSampling2DTest.reference(x, s, 2, 2, true)))
        .runWithoutTrainingStep();
  }

  @Test
  void cropping2dPassesTheLayerTestKit() {
    Cropping2D t = new Cropping2D(0, 1, 2, 1).dataFormat(FIRST);
    LayerTestKit.of(() -> new Cropping2D(0, 1, 2, 1).dataFormat(FIRST), 2, 4, 5).batch(2)
        .reference(SequenceReference.channelsFirst(t, (x, s, w) -> Cropping2DTest.reference(x, s, 0, 1, 2, 1)))
        .runWithoutTrainingStep();
  }

  @Test
  void spatialDropout2dPassesTheKitAndDropsWholeChannelsFirstMaps() {
    LayerTestKit.of(() -> new SpatialDropout2D(0.3).dataFormat(FIRST), 3, 2, 2)
        .reference((x, s, w) -> ImageReference.identity(x))
        .runWithoutTrainingStep();
    try (var scope = KerasContext.isolated()) {
      long[] shape = {3, 8, 4, 4};
      float[] x = new float[384];
      java.util.Random r = new java.util.Random(2);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian() + 3f; // away from 0: a kept value is never mistaken for a dropped one
      }
      Layer layer = new SpatialDropout2D(0.5).dataFormat(FIRST);
      layer.ensureBuilt(Shapes.batchOf(8, 4, 4));
      float[] y = LayerTestKit.forward(layer, x, shape, true, 5).values();
      int dropped = 0;
      for (int b = 0; b < 3; b++) {
        for (int c = 0; c < 8; c++) {
          int map = (b * 8 + c) * 16;
          boolean kept = y[map] != 0;
          dropped += kept ? 0 : 1;
          for (int p = 0; p < 16; p++) {
            assertThat(y[map + p]).as("b=%d c=%d p=%d", b, c, p)
                .isCloseTo(kept ? x[map + p] * 2 : 0f, org.assertj.core.api.Assertions.within(1e-5f));
          }
        }
      }
      assertThat(dropped).isBetween(3, 21);
    }
  }

  @Test
  void infersChannelsFirstShapesOfTheUpsamplingCroppingAndSeparableLayers() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new SeparableConv2D(5, 3).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 8, 6)).asArray())
          .containsExactly(-1, 5, 6, 4);
      assertThat(new Conv2DTranspose(5, 3).strides(2).padding("same").dataFormat(FIRST)
          .computeOutputShape(Shapes.batchOf(3, 8, 6)).asArray()).containsExactly(-1, 5, 16, 12);
      assertThat(new UpSampling2D(2, 3).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 8, 6)).asArray())
          .containsExactly(-1, 3, 16, 18);
      assertThat(new UpSampling2D(2).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, -1, 6)).asArray())
          .containsExactly(-1, 3, -1, 12);
      assertThat(new Cropping2D(1, 2, 0, 3).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 8, 6)).asArray())
          .containsExactly(-1, 3, 5, 3);
      assertThat(new SpatialDropout2D(0.1).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(3, 8, 6)).asArray())
          .containsExactly(-1, 3, 8, 6);
      assertThatThrownBy(() -> new Cropping2D(4, 4, 0, 0).dataFormat(FIRST).computeOutputShape(
          Shapes.batchOf(3, 8, 6)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("leaves nothing of input shape (None, 3, 8, 6)");
      Conv2DTranspose built = new Conv2DTranspose(5, 3).dataFormat(FIRST);
      built.ensureBuilt(Shapes.batchOf(3, 8, 6));
      assertThatThrownBy(() -> built.computeOutputShape(Shapes.batchOf(4, 8, 6)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected axis 1 of input shape to have value 3");
      assertThatThrownBy(() -> new UpSampling2D().dataFormat("channels_middle"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("UpSampling2D: dataFormat must be \"channels_last\" or \"channels_first\"");
    }
  }

  @Test
  void resizingAndCenterCropPassTheLayerTestKit() {
    Resizing resize = new Resizing(5, 3).dataFormat(FIRST);
    LayerTestKit.of(() -> new Resizing(5, 3).dataFormat(FIRST), 2, 4, 6).batch(2)
        .reference(SequenceReference.channelsFirst(
            resize, (x, s, w) -> ResizingCenterCropTest.bilinear(x, s, 0, 0, 4, 6, 5, 3)))
        .runWithoutTrainingStep();
    Resizing aspect = new Resizing(2, 2).cropToAspectRatio(true).dataFormat(FIRST);
    LayerTestKit.of(() -> new Resizing(2, 2).cropToAspectRatio(true).dataFormat(FIRST), 1, 4, 6).batch(2)
        .reference(SequenceReference.channelsFirst(
            aspect, (x, s, w) -> ResizingCenterCropTest.bilinear(x, s, 0, 1, 4, 4, 2, 2)))
        .runWithoutTrainingStep();
    CenterCrop crop = new CenterCrop(2, 3).dataFormat(FIRST);
    LayerTestKit.of(() -> new CenterCrop(2, 3).dataFormat(FIRST), 2, 5, 6).batch(2)
        .reference(SequenceReference.channelsFirst(crop, (x, s, w) -> Cropping2DTest.reference(x, s, 1, 2, 1, 2)))
        .runWithoutTrainingStep();
    try (var scope = KerasContext.isolated()) {
      assertThat(crop.computeOutputShape(Shapes.batchOf(7, 5, 6)).asArray()).containsExactly(-1, 7, 2, 3);
      assertThat(resize.computeOutputShape(Shapes.batchOf(7, -1, -1)).asArray()).containsExactly(-1, 7, 5, 3);
      assertThatThrownBy(() -> new CenterCrop(2, 3).dataFormat(FIRST).computeOutputShape(Shapes.batchOf(7, -1, 6)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("needs known rows and cols, but got input shape (None, 7, None, 6)");
    }
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
      configs = new HashMap<>(configs);
      configs.putAll(Map.of(
          "SeparableConv2D", Map.of("filters", 2, "kernel_size", List.of(3, 3)),
          "Conv2DTranspose", Map.of("filters", 2, "kernel_size", List.of(3, 3)),
          "UpSampling2D", Map.of(), "Cropping2D", Map.of(), "SpatialDropout2D", Map.of("rate", 0.2),
          "Resizing", Map.of("height", 4, "width", 4), "CenterCrop", Map.of("height", 4, "width", 4)));
      for (var e : configs.entrySet()) {
        Map<String, Object> config = new HashMap<>(e.getValue());
        config.put("data_format", FIRST);
        Layer layer = LayerRegistry.fromConfig(e.getKey(), config);
        assertThat(layer.getConfig()).as(e.getKey()).containsEntry("data_format", FIRST);
        assertThat(LayerRegistry.fromConfig(e.getKey(), layer.getConfig()).getConfig()).as(e.getKey())
            .isEqualTo(layer.getConfig());
        config.put("data_format", null); // Keras's null: the default
        // Resizing and CenterCrop leave out the default (tf.keras 2 rejects the key on preprocessing layers).
        assertThat(LayerRegistry.fromConfig(e.getKey(), config).getConfig().getOrDefault("data_format",
            "channels_last")).as(e.getKey()).isEqualTo("channels_last");
        config.put("data_format", "channels_middle");
        assertThatThrownBy(() -> LayerRegistry.fromConfig(e.getKey(), config)).as(e.getKey())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("dataFormat=\"channels_middle\"");
      }
    }
  }
}
