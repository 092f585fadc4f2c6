package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeparableConv2DTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("3x3 valid", (Supplier<SeparableConv2D>) () -> new SeparableConv2D(4, 3), new long[] {5, 6, 3}),
        Arguments.of("same strides 2 no bias (Xception-like)",
            (Supplier<SeparableConv2D>) () -> new SeparableConv2D(3, 3).padding("same").strides(2).useBias(false),
            new long[] {5, 6, 2}),
        Arguments.of("depth multiplier 2 relu",
            (Supplier<SeparableConv2D>) () -> new SeparableConv2D(2, 2, 3).depthMultiplier(2).activation("relu"),
            new long[] {4, 5, 2}),
        Arguments.of("dilation 2 same",
            (Supplier<SeparableConv2D>) () -> new SeparableConv2D(2, 3).dilationRate(2).padding("same"),
            new long[] {6, 6, 2}));
  }

  /** Depthwise (ImageReference) then a 1x1 pointwise matrix product, bias, activation. */
  static double[] reference(SeparableConv2D t, float[] x, long[] shape, List<float[]> w) {
    int[] k = t.kernelSize();
    int m = t.depthMultiplier();
    double[] dw = ImageReference.depthwise(x, shape, w.get(0), k[0], k[1], m, null, t.strides(), t.dilationRate(),
        t.padding());
    int mid = (int) shape[3] * m;
    int f = t.filters();
    int pixels = dw.length / mid;
    double[] out = new double[pixels * f];
    for (int p = 0; p < pixels; p++) {
      for (int o = 0; o < f; o++) {
        double s = t.useBias() ? w.get(2)[o] : 0;
        for (int c = 0; c < mid; c++) {
          s += dw[p * mid + c] * w.get(1)[c * f + o];
        }
        out[p * f + o] = t.activation().name().equals("relu") ? Math.max(0, s) : s;
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<SeparableConv2D> factory, long[] sampleShape) {
    SeparableConv2D t = factory.get();
    int[] k = t.kernelSize();
    long c = sampleShape[2];
    var depthwise = trainable("depthwise_kernel", k[0], k[1], c, t.depthMultiplier());
    var pointwise = trainable("pointwise_kernel", 1, 1, c * t.depthMultiplier(), t.filters());
    LayerTestKit kit = LayerTestKit.of(factory, sampleShape).batch(2)
        .reference((x, shape, w) -> reference(t, x, shape, w));
    if (t.useBias()) {
      kit.expectWeights(depthwise, pointwise, trainable("bias", t.filters()));
    } else {
      kit.expectWeights(depthwise, pointwise);
    }
    if (description.equals("3x3 valid") || description.equals("same strides 2 no bias (Xception-like)")) {
      kit.run();
    } else {
      kit.runWithoutTrainingStep(); // the training step is covered by the configurations above
    }
  }

  @Test
  void infersKerasOutputShapes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new SeparableConv2D(128, 3).padding("same").computeOutputShape(Shapes.batchOf(147, 147, 64))
          .asArray()).containsExactly(-1, 147, 147, 128);
      assertThat(new SeparableConv2D(8, 3).strides(2).computeOutputShape(Shapes.batchOf(9, 9, 4)).asArray())
          .containsExactly(-1, 4, 4, 8);
    }
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new SeparableConv2D(8, 3).padding("same").useBias(false).name("block2_sepconv1")
          .getConfig();
      assertThat(config).containsEntry("filters", 8).containsEntry("kernel_size", List.of(3, 3))
          .containsEntry("padding", "same").containsEntry("use_bias", false).containsEntry("depth_multiplier", 1)
          .containsKeys("depthwise_initializer", "pointwise_initializer", "pointwise_regularizer");
      Layer alias = LayerRegistry.fromConfig("SeparableConvolution2D",
          Map.of("filters", 4, "kernel_size", List.of(3, 3), "name", "sep"));
      assertThat(alias).isInstanceOf(SeparableConv2D.class);
      assertThat(alias.className()).isEqualTo("SeparableConv2D");
    }
  }

  @Test
  void rejectsBadValuesAndShapes() {
    assertThatThrownBy(() -> new SeparableConv2D(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SeparableConv2D: filters must be a positive integer, but got filters=0.");
    assertThatThrownBy(() -> new SeparableConv2D(2, 3).depthMultiplier(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depthMultiplier must be positive");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new SeparableConv2D(2, 3).computeOutputShape(Shapes.batchOf(5, 5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected ndim=4, found ndim=3");
      assertThatThrownBy(() -> new SeparableConv2D(2, 3).strides(2).dilationRate(2).ensureBuilt(
          Shapes.batchOf(9, 9, 2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dilation_rate > 1");
    }
  }
}
