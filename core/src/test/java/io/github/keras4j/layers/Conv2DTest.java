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

class Conv2DTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("3x3 valid", (Supplier<Conv2D>) () -> new Conv2D(4, 3), new long[] {6, 5, 3}),
        Arguments.of("3x3 same", (Supplier<Conv2D>) () -> new Conv2D(2, 3).padding("same"), new long[] {5, 4, 2}),
        Arguments.of("3x3 same strides 2 odd input",
            (Supplier<Conv2D>) () -> new Conv2D(3, 3).padding("same").strides(2), new long[] {7, 6, 2}),
        Arguments.of("2x3 valid strides 2",
            (Supplier<Conv2D>) () -> new Conv2D(2, 2, 3).strides(2), new long[] {7, 8, 2}),
        Arguments.of("dilation 2 same",
            (Supplier<Conv2D>) () -> new Conv2D(2, 3).dilationRate(2).padding("same"), new long[] {5, 6, 2}),
        Arguments.of("no bias", (Supplier<Conv2D>) () -> new Conv2D(3, 2).useBias(false), new long[] {4, 4, 2}),
        Arguments.of("relu activation",
            (Supplier<Conv2D>) () -> new Conv2D(3, 3).padding("same").activation("relu"), new long[] {4, 4, 2}),
        Arguments.of("1x1 pointwise", (Supplier<Conv2D>) () -> new Conv2D(5, 1), new long[] {3, 3, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<Conv2D> factory, long[] sampleShape) {
    Conv2D t = factory.get();
    int[] k = t.kernelSize();
    LayerTestKit.ExpectedWeight kernel = trainable("kernel", k[0], k[1], sampleShape[2], t.filters());
    LayerTestKit kit = LayerTestKit.of(factory, sampleShape).batch(2)
        .reference((x, shape, w) -> reference(t, x, shape, w));
    if (t.useBias()) {
      kit.expectWeights(kernel, trainable("bias", t.filters()));
    } else {
      kit.expectWeights(kernel);
    }
    kit.run();
  }

  static double[] reference(Conv2D t, float[] x, long[] shape, List<float[]> w) {
    int[] k = t.kernelSize();
    double[] z = ImageReference.conv2d(
        x, shape, w.get(0), k[0], k[1], t.filters(), t.useBias() ? w.get(1) : null, t.strides(), t.dilationRate(),
        t.padding());
    return ReferenceActivations.apply(t.activation().name(), z, t.filters());
  }

  /**
   * A dilated valid convolution passes the kit. It runs in a child JVM: TensorFlow's CPU kernel for a dilated
   * {@code Conv2D} aborts the process ("could not create a primitive descriptor for a convolution forward
   * propagation primitive"), which would otherwise take every other test of the fork down with it.
   */
  @Test
  void passesTheLayerTestKitWithDilation2AndValidPaddingWithoutAbortingTheJvm() throws Exception {
    ChildJvm.Result result = ChildJvm.run(DilatedValidKit.class);
    assertThat(result.exitCode()).as("exit code of the child JVM; its output:%n%s", result.output()).isZero();
  }

  /** The child JVM's entry point: runs the kit for a dilated valid convolution, exit code 1 on a failed check. */
  static final class DilatedValidKit {
    public static void main(String[] args) {
      Supplier<Conv2D> factory = () -> new Conv2D(2, 3).dilationRate(2);
      try {
        new Conv2DTest().passesTheLayerTestKit("dilation 2 valid", factory, new long[] {7, 6, 2});
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
      assertThat(new Conv2D(8, 3).computeOutputShape(Shapes.batchOf(28, 28, 1)).asArray())
          .containsExactly(-1, 26, 26, 8);
      assertThat(new Conv2D(8, 3).padding("same").computeOutputShape(Shapes.batchOf(28, 28, 1)).asArray())
          .containsExactly(-1, 28, 28, 8);
      assertThat(new Conv2D(8, 3).padding("same").strides(2).computeOutputShape(Shapes.batchOf(7, 8, 1)).asArray())
          .containsExactly(-1, 4, 4, 8);
      assertThat(new Conv2D(8, 3).strides(2).computeOutputShape(Shapes.batchOf(7, 8, 1)).asArray())
          .containsExactly(-1, 3, 3, 8);
      assertThat(new Conv2D(8, 3).dilationRate(2).computeOutputShape(Shapes.batchOf(7, 8, 1)).asArray())
          .containsExactly(-1, 3, 4, 8);
      assertThat(new Conv2D(8, 3).computeOutputShape(Shapes.batchOf(-1, -1, 3)).asArray())
          .containsExactly(-1, -1, -1, 8);
    }
  }

  @Test
  void hasKerasDefaultsInItsConfig() {
    try (var scope = KerasContext.isolated()) {
      Conv2D conv = new Conv2D(32, 3);
      assertThat(conv.getConfig())
          .containsEntry("name", "conv2d")
          .containsEntry("filters", 32)
          .containsEntry("kernel_size", List.of(3, 3))
          .containsEntry("strides", List.of(1, 1))
          .containsEntry("padding", "valid")
          .containsEntry("dilation_rate", List.of(1, 1))
          .containsEntry("activation", "linear")
          .containsEntry("use_bias", true)
          .containsEntry("data_format", "channels_last");
    }
  }

  @Test
  void rejectsAnInputThatIsNotRank4NamingLayerAndShape() {
    try (var scope = KerasContext.isolated()) {
      Conv2D conv = new Conv2D(4, 3);
      assertThatThrownBy(() -> conv.computeOutputShape(Shapes.batchOf(5, 5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("Input 0 of layer 'conv2d' is incompatible with the layer")
          .hasMessageContaining("expected ndim=4, found ndim=3")
          .hasMessageContaining("(None, 5, 5)")
          .satisfies(e -> assertThat(((IncompatibleShapeException) e).layerName()).isEqualTo("conv2d"));
    }
  }

  @Test
  void rejectsADifferentChannelCountOnceBuilt() {
    try (var scope = KerasContext.isolated()) {
      Conv2D conv = new Conv2D(4, 3);
      conv.ensureBuilt(Shapes.batchOf(5, 5, 3));
      assertThatThrownBy(() -> conv.ensureBuilt(Shapes.batchOf(5, 5, 2)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("conv2d")
          .hasMessageContaining("(None, 5, 5, 2)");
    }
  }

  @Test
  void rejectsAnInputSmallerThanTheKernelByOne() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Conv2D(2, 3).computeOutputShape(Shapes.batchOf(2, 2, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 2, 2, 1)");
    }
  }

  /** A 5x5 kernel on a 3x3 image gives Keras's conv_output_length 3 - 5 + 1 = -1: an error, never a shape. */
  @Test
  void rejectsAnInputMuchSmallerThanTheKernel() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Conv2D(2, 5).computeOutputShape(Shapes.batchOf(3, 3, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 3, 3, 1)");
      assertThatThrownBy(() -> new Conv2D(2, 5).strides(2).computeOutputShape(Shapes.batchOf(1, 1, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 1, 1, 1)");
    }
  }

  @Test
  void validatesHyperparametersWhereTheyAreSet() {
    assertThatThrownBy(() -> new Conv2D(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Conv2D: filters must be a positive integer, but got filters=0.");
    assertThatThrownBy(() -> new Conv2D(2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernelSize must be positive");
    assertThatThrownBy(() -> new Conv2D(2, 3).padding("causal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Conv2D: padding must be \"valid\" or \"same\", but got padding=\"causal\".");
    assertThatThrownBy(() -> new Conv2D(2, 3).strides(1, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strides must be one or two integers");
  }

  @Test
  void refusesChangesOnceBuilt() {
    try (var scope = KerasContext.isolated()) {
      Conv2D conv = new Conv2D(2, 3);
      conv.ensureBuilt(Shapes.batchOf(4, 4, 1));
      assertThatThrownBy(() -> conv.strides(2)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("strides");
    }
  }
}
