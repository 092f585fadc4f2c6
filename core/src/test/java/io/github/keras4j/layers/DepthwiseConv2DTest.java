package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
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

class DepthwiseConv2DTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("3x3 valid", (Supplier<DepthwiseConv2D>) () -> new DepthwiseConv2D(3), new long[] {5, 6, 3}),
        Arguments.of("depth multiplier 2",
            (Supplier<DepthwiseConv2D>) () -> new DepthwiseConv2D(3).depthMultiplier(2), new long[] {5, 5, 2}),
        Arguments.of("strides 2 valid",
            (Supplier<DepthwiseConv2D>) () -> new DepthwiseConv2D(3).strides(2), new long[] {7, 6, 2}),
        Arguments.of("same", (Supplier<DepthwiseConv2D>) () -> new DepthwiseConv2D(3).padding("same"),
            new long[] {4, 5, 3}),
        Arguments.of("same strides 2 multiplier 2 without bias (MobileNet-like)",
            (Supplier<DepthwiseConv2D>) () -> new DepthwiseConv2D(3).padding("same").strides(2).depthMultiplier(2)
                .useBias(false),
            new long[] {5, 6, 2}),
        Arguments.of("2x3 kernel relu",
            (Supplier<DepthwiseConv2D>) () -> new DepthwiseConv2D(2, 3).activation("relu"), new long[] {4, 5, 2}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<DepthwiseConv2D> factory, long[] sampleShape) {
    DepthwiseConv2D t = factory.get();
    int[] k = t.kernelSize();
    long channels = sampleShape[2];
    LayerTestKit.ExpectedWeight kernel = trainable("depthwise_kernel", k[0], k[1], channels, t.depthMultiplier());
    LayerTestKit kit = LayerTestKit.of(factory, sampleShape).batch(2)
        .reference((x, shape, w) -> {
          double[] z = ImageReference.depthwise(
              x, shape, w.get(0), k[0], k[1], t.depthMultiplier(), t.useBias() ? w.get(1) : null, t.strides(),
              t.padding());
          return t.getConfig().get("activation").equals("relu") ? ImageReference.relu(z) : z;
        });
    if (t.useBias()) {
      kit.expectWeights(kernel, trainable("bias", channels * t.depthMultiplier()));
    } else {
      kit.expectWeights(kernel);
    }
    kit.run();
  }

  /** The kit for a depthwise convolution with dilation rate 2 (Keras computes it through space_to_batch). */
  static void dilatedKit(String padding) {
    LayerTestKit.of(() -> new DepthwiseConv2D(3).dilationRate(2).padding(padding), 7, 6, 2).batch(2)
        .expectWeights(trainable("depthwise_kernel", 3, 3, 2, 1), trainable("bias", 2))
        .reference((x, shape, w) -> ImageReference.depthwise(
            x, shape, w.get(0), 3, 3, 1, w.get(1), new int[] {1, 1}, new int[] {2, 2}, padding))
        .run();
  }

  @Test
  void passesTheLayerTestKitWithDilation2AndSamePadding() {
    dilatedKit("same");
  }

  /** Runs in a child JVM: the gradient of a dilated valid DepthwiseConv2dNative crashes the process. */
  @Test
  void passesTheLayerTestKitWithDilation2AndValidPaddingWithoutCrashingTheJvm() throws Exception {
    ChildJvm.Result result = ChildJvm.run(DilatedValidKit.class);
    assertThat(result.exitCode()).as("exit code of the child JVM; its output:%n%s", result.output()).isZero();
  }

  /** The child JVM's entry point; exit code 1 on a failed check. */
  static final class DilatedValidKit {
    public static void main(String[] args) {
      try {
        dilatedKit("valid");
      } catch (AssertionError e) {
        e.printStackTrace();
        System.exit(1);
      }
      System.exit(0);
    }
  }

  @Test
  void infersKerasOutputShapes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new DepthwiseConv2D(3).padding("same").computeOutputShape(Shapes.batchOf(112, 112, 32)).asArray())
          .containsExactly(-1, 112, 112, 32);
      assertThat(new DepthwiseConv2D(3).strides(2).computeOutputShape(Shapes.batchOf(113, 113, 64)).asArray())
          .containsExactly(-1, 56, 56, 64);
      assertThat(new DepthwiseConv2D(3).depthMultiplier(3).computeOutputShape(Shapes.batchOf(5, 5, 4)).asArray())
          .containsExactly(-1, 3, 3, 12);
    }
  }

  @Test
  void writesKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      var config = new DepthwiseConv2D(3).strides(2).depthMultiplier(2).useBias(false).getConfig();
      assertThat(config).containsEntry("name", "depthwise_conv2d").containsEntry("kernel_size", List.of(3, 3))
          .containsEntry("strides", List.of(2, 2)).containsEntry("depth_multiplier", 2)
          .containsEntry("use_bias", false).containsEntry("padding", "valid");
    }
  }

  /** Keras's conv_output_length for a 5x5 kernel on a 3x3 image is -1: an error, never a shape. */
  @Test
  void rejectsAnInputMuchSmallerThanTheKernel() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new DepthwiseConv2D(5).computeOutputShape(Shapes.batchOf(3, 3, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 3, 3, 1)");
    }
  }

  @Test
  void rejectsBadShapesAndValues() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new DepthwiseConv2D(3).computeOutputShape(Shapes.batchOf(5, 5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'depthwise_conv2d'")
          .hasMessageContaining("expected ndim=4, found ndim=3");
      DepthwiseConv2D built = new DepthwiseConv2D(3);
      built.ensureBuilt(Shapes.batchOf(5, 5, 3));
      assertThatThrownBy(() -> built.ensureBuilt(Shapes.batchOf(5, 5, 4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 5, 5, 4)");
    }
    assertThatThrownBy(() -> new DepthwiseConv2D(3).depthMultiplier(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DepthwiseConv2D: depthMultiplier must be positive, but got depthMultiplier=0.");
  }
}
