package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
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

class Conv1DTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("k3 valid", (Supplier<Conv1D>) () -> new Conv1D(4, 3), new long[] {7, 3}),
        Arguments.of("k3 same", (Supplier<Conv1D>) () -> new Conv1D(2, 3).padding("same"), new long[] {6, 2}),
        Arguments.of("k2 same even kernel strides 2 odd input",
            (Supplier<Conv1D>) () -> new Conv1D(3, 2).padding("same").strides(2), new long[] {7, 2}),
        Arguments.of("k3 causal", (Supplier<Conv1D>) () -> new Conv1D(2, 3).padding("causal"), new long[] {6, 2}),
        Arguments.of("k3 causal strides 2",
            (Supplier<Conv1D>) () -> new Conv1D(2, 3).padding("causal").strides(2), new long[] {7, 2}),
        Arguments.of("k2 valid strides 3", (Supplier<Conv1D>) () -> new Conv1D(2, 2).strides(3), new long[] {8, 2}),
        Arguments.of("groups 2 sigmoid",
            (Supplier<Conv1D>) () -> new Conv1D(4, 2).groups(2).activation("sigmoid"), new long[] {5, 4}),
        Arguments.of("no bias tanh",
            (Supplier<Conv1D>) () -> new Conv1D(3, 3).useBias(false).activation("tanh"), new long[] {5, 2}),
        Arguments.of("channels_first same sigmoid (the fixture's layer)",
            (Supplier<Conv1D>) () -> new Conv1D(4, 3).padding("same").dataFormat("channels_first")
                .activation("sigmoid"), new long[] {3, 6}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<Conv1D> factory, long[] sampleShape) {
    Conv1D t = factory.get();
    boolean first = t.dataFormat().equals("channels_first");
    long channels = first ? sampleShape[0] : sampleShape[1];
    LayerTestKit kit = LayerTestKit.of(factory, sampleShape).batch(2)
        .reference((x, shape, w) -> reference(t, x, shape, w));
    LayerTestKit.ExpectedWeight kernel = trainable("kernel", t.kernelSize(), channels / t.groups(), t.filters());
    if (t.useBias()) {
      kit.expectWeights(kernel, trainable("bias", t.filters()));
    } else {
      kit.expectWeights(kernel);
    }
    kit.run();
  }

  static double[] reference(Conv1D t, float[] x, long[] shape, List<float[]> w) {
    boolean first = t.dataFormat().equals("channels_first");
    long[] lastShape = first ? SequenceReference.lastShape(shape) : shape;
    float[] xl = first ? SequenceReference.toChannelsLast(x, shape) : x;
    double[] z = SequenceReference.conv1d(
        xl, lastShape, w.get(0), t.kernelSize(), t.filters(), t.useBias() ? w.get(1) : null, t.strides(),
        t.dilationRate(), t.padding(), t.groups());
    double[] y = ReferenceActivations.apply(t.activation().name(), z, t.filters());
    if (!first) {
      return y;
    }
    int out = y.length / ((int) shape[0] * t.filters());
    return SequenceReference.toChannelsFirst(y, new long[] {shape[0], out, t.filters()});
  }

  /**
   * Dilated convolutions pass the kit, in a child JVM: TensorFlow's CPU convolution kernel has aborted the
   * process on dilated kernels before (see Conv2DTest), which would take every other test of the fork down.
   */
  @Test
  void passesTheLayerTestKitWithDilationWithoutAbortingTheJvm() throws Exception {
    ChildJvm.Result result = ChildJvm.run(DilatedKit.class);
    assertThat(result.exitCode()).as("exit code of the child JVM; its output:%n%s", result.output()).isZero();
  }

  /** The child JVM's entry point: dilated valid and causal convolutions; exit code 1 on a failed check. */
  static final class DilatedKit {
    public static void main(String[] args) {
      try {
        Conv1DTest test = new Conv1DTest();
        test.passesTheLayerTestKit("dilation 2 valid", () -> new Conv1D(2, 3).dilationRate(2), new long[] {8, 2});
        test.passesTheLayerTestKit(
            "dilation 3 causal", () -> new Conv1D(2, 2).dilationRate(3).padding("causal"), new long[] {7, 2});
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
      assertThat(new Conv1D(8, 3).computeOutputShape(Shapes.batchOf(10, 2)).asArray()).containsExactly(-1, 8, 8);
      assertThat(new Conv1D(8, 3).padding("same").strides(2).computeOutputShape(Shapes.batchOf(7, 2)).asArray())
          .containsExactly(-1, 4, 8);
      assertThat(new Conv1D(8, 3).padding("causal").dilationRate(4).computeOutputShape(Shapes.batchOf(5, 2))
          .asArray()).containsExactly(-1, 5, 8);
      assertThat(new Conv1D(8, 3).dilationRate(2).computeOutputShape(Shapes.batchOf(10, 2)).asArray())
          .containsExactly(-1, 6, 8);
      assertThat(new Conv1D(8, 3).computeOutputShape(Shapes.batchOf(-1, 2)).asArray()).containsExactly(-1, -1, 8);
      assertThat(new Conv1D(4, 3).padding("same").dataFormat("channels_first")
          .computeOutputShape(Shapes.batchOf(3, 16)).asArray()).containsExactly(-1, 4, 16);
    }
  }

  @Test
  void hasKerasDefaultsAndNamesInItsConfig() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Conv1D(32, 3).getConfig())
          .containsEntry("name", "conv1d")
          .containsEntry("filters", 32)
          .containsEntry("kernel_size", List.of(3))
          .containsEntry("strides", List.of(1))
          .containsEntry("padding", "valid")
          .containsEntry("data_format", "channels_last")
          .containsEntry("dilation_rate", List.of(1))
          .containsEntry("groups", 1)
          .containsEntry("activation", "linear")
          .containsEntry("use_bias", true);
    }
  }

  @Test
  void isCreatedFromAKeras2ConfigAndItsConvolution1DAlias() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new HashMap<>(Map.of(
          "name", "conv0", "filters", 4, "kernel_size", List.of(3), "strides", List.of(1), "padding", "causal",
          "data_format", "channels_first", "dilation_rate", List.of(2), "activation", "sigmoid"));
      for (String className : List.of("Conv1D", "Convolution1D")) {
        Conv1D conv = (Conv1D) LayerRegistry.fromConfig(className, config);
        assertThat(conv.name()).isEqualTo("conv0");
        assertThat(conv.padding()).isEqualTo("causal");
        assertThat(conv.dataFormat()).isEqualTo("channels_first");
        assertThat(conv.dilationRate()).isEqualTo(2);
        assertThat(conv.activation().name()).isEqualTo("sigmoid");
      }
    }
  }

  @Test
  void rejectsBadHyperparametersNamingTheValue() {
    assertThatThrownBy(() -> new Conv1D(0, 3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("filters must be a positive integer, but got filters=0");
    assertThatThrownBy(() -> new Conv1D(2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernelSize must be positive, but got kernelSize=0");
    assertThatThrownBy(() -> new Conv1D(2, 3).padding("full")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"valid\", \"same\" or \"causal\", but got padding=\"full\"");
    assertThatThrownBy(() -> new Conv1D(4, 3).groups(3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups must be a positive divisor of filters=4, but got groups=3");
    assertThatThrownBy(() -> new Conv1D(4, 3).dataFormat("NCW")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dataFormat=\"NCW\"");
  }

  @Test
  void rejectsInputsItCannotTakeNamingLayerAndShape() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Conv1D(2, 3).computeOutputShape(Shapes.batchOf(8, 8, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'conv1d'").hasMessageContaining("expected ndim=3, found ndim=4")
          .hasMessageContaining("(None, 8, 8, 1)");
      assertThatThrownBy(() -> new Conv1D(2, 5).computeOutputShape(Shapes.batchOf(4, 1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("fewer steps than the kernel of size 5").hasMessageContaining("(None, 4, 1)");
      assertThatThrownBy(() -> new Conv1D(4, 2).groups(2).computeOutputShape(Shapes.batchOf(4, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("input channels (3) must be divisible by groups=2");
      assertThatThrownBy(() -> new Conv1D(2, 2).strides(2).dilationRate(2).ensureBuilt(Shapes.batchOf(8, 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("`strides > 1` not supported in conjunction with `dilation_rate > 1`");
    }
  }

  @Test
  void causalPaddingNeverLooksAhead() {
    // Output step t of a causal convolution depends on inputs 0..t only: changing the last input step changes the
    // last output step and no other.
    float[] a = causalOutput(1, 2, 3, 4, 5, 6);
    float[] b = causalOutput(1, 2, 3, 4, 5, 60);
    assertThat(a).hasSize(6);
    for (int t = 0; t < 5; t++) {
      assertThat(b[t]).as("step %d", t).isEqualTo(a[t]);
    }
    assertThat(b[5]).isNotEqualTo(a[5]);
  }

  /** Runs a seeded causal Conv1D(1, 3, dilation 2) without bias on one single-channel sequence. */
  private static float[] causalOutput(float... values) {
    try (var scope = KerasContext.isolated(); var g = new org.tensorflow.Graph();
        var session = new org.tensorflow.Session(g)) {
      io.github.keras4j.Keras.setRandomSeed(3);
      var tf = org.tensorflow.op.Ops.create(g);
      Conv1D conv = new Conv1D(1, 3).padding("causal").dilationRate(2).useBias(false);
      conv.ensureBuilt(Shapes.batchOf(values.length, 1));
      var x = tf.constant(org.tensorflow.ndarray.Shape.of(1, values.length, 1),
          org.tensorflow.ndarray.buffer.DataBuffers.of(values));
      var y = conv.call(tf, x, new CallContext() {
        public boolean training() {
          return false;
        }

        public org.tensorflow.Operand<org.tensorflow.types.TFloat32> read(Weight w) {
          return tf.constant(org.tensorflow.ndarray.Shape.of(w.shape()),
              org.tensorflow.ndarray.buffer.DataBuffers.of(w.read()));
        }

        public long nextSeed() {
          return 0;
        }

        public void addUpdate(Weight w, org.tensorflow.Operand<org.tensorflow.types.TFloat32> v) {}
      });
      try (var out = (org.tensorflow.types.TFloat32) session.runner().fetch(y).run().get(0)) {
        float[] result = new float[values.length];
        out.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(result, false, false));
        return result;
      }
    }
  }
}
