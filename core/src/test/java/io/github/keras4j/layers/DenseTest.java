package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.initializers.Initializers;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.Shape;

class DenseTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("linear with bias", (Supplier<Dense>) () -> new Dense(3), new long[] {4}),
        Arguments.of("without bias", (Supplier<Dense>) () -> new Dense(3).useBias(false), new long[] {4}),
        Arguments.of("relu", (Supplier<Dense>) () -> new Dense(5).activation("relu"), new long[] {4}),
        Arguments.of("softmax", (Supplier<Dense>) () -> new Dense(3).activation("softmax"), new long[] {4}),
        Arguments.of("sigmoid", (Supplier<Dense>) () -> new Dense(1).activation("sigmoid"), new long[] {2}),
        Arguments.of("tanh without bias",
            (Supplier<Dense>) () -> new Dense(2).activation(Activations.TANH).useBias(false), new long[] {3}),
        Arguments.of("declared input shape and seeded initializers",
            (Supplier<Dense>) () -> new Dense(3).inputShape(4).kernelInitializer(Initializers.heNormal(3L))
                .biasInitializer(new Constant(0.5)).name("hidden"),
            new long[] {4}),
        Arguments.of("rank-3 input", (Supplier<Dense>) () -> new Dense(3).activation("elu"), new long[] {2, 4}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<Dense> factory, long[] sampleShape) {
    Dense template = factory.get();
    int inputDim = Math.toIntExact(sampleShape[sampleShape.length - 1]);
    LayerTestKit.ExpectedWeight kernel = trainable("kernel", inputDim, template.units());
    LayerTestKit kit = LayerTestKit.of(factory, sampleShape)
        .reference((x, shape, weights) -> reference(template, x, shape, weights));
    if (template.useBias()) {
      kit.expectWeights(kernel, trainable("bias", template.units()));
    } else {
      kit.expectWeights(kernel);
    }
    kit.run();
  }

  /** {@code activation(x · W + b)} over the last axis, in double precision. */
  private static double[] reference(Dense layer, float[] x, long[] shape, List<float[]> weights) {
    int in = Math.toIntExact(shape[shape.length - 1]);
    int units = layer.units();
    int rows = x.length / in;
    float[] kernel = weights.get(0);
    float[] bias = layer.useBias() ? weights.get(1) : null;
    double[] z = new double[rows * units];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        double s = bias == null ? 0 : bias[u];
        for (int k = 0; k < in; k++) {
          s += (double) x[r * in + k] * kernel[k * units + u];
        }
        z[r * units + u] = s;
      }
    }
    return ReferenceActivations.apply(layer.activation().name(), z, units);
  }

  @Test
  void usesKerasDefaults() {
    Dense dense = new Dense(4);
    assertThat(dense.units()).isEqualTo(4);
    assertThat(dense.activation()).isSameAs(Activations.LINEAR);
    assertThat(dense.useBias()).isTrue();
    assertThat(dense.kernelInitializer().className()).isEqualTo("GlorotUniform");
    assertThat(dense.biasInitializer().className()).isEqualTo("Zeros");
    assertThat(dense.trainable()).isTrue();
    assertThat(dense.kernel()).isNull();
    assertThat(dense.bias()).isNull();
    assertThat(dense.countParams()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3})
  void rejectsNonPositiveUnits(int units) {
    assertThatThrownBy(() -> new Dense(units))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dense: units must be a positive integer, but got units=" + units + ".");
  }

  @Test
  void initializesTheKernelGlorotUniformAndTheBiasWithZeros() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(1);
      Dense dense = new Dense(20);
      dense.ensureBuilt(Shapes.batchOf(30));
      double limit = Math.sqrt(6.0 / (30 + 20));
      float[] kernel = dense.kernel().read();
      assertThat(kernel).hasSize(600);
      for (float v : kernel) {
        assertThat((double) Math.abs(v)).isLessThanOrEqualTo(limit);
      }
      assertThat(dense.bias().read()).containsOnly(0f);
    }
  }

  @Test
  void drawsTheSameInitialWeightsForTheSameRandomSeed() {
    float[] first;
    float[] second;
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(42);
      Dense dense = new Dense(3);
      dense.ensureBuilt(Shapes.batchOf(4));
      first = dense.kernel().read();
    }
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(42);
      Dense dense = new Dense(3);
      dense.ensureBuilt(Shapes.batchOf(4));
      second = dense.kernel().read();
    }
    assertThat(second).containsExactly(first);
  }

  @Test
  void rejectsAnInputWhoseLastAxisDoesNotMatchTheKernel() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2);
      dense.ensureBuilt(Shapes.batchOf(4));
      assertThatThrownBy(() -> dense.computeOutputShape(Shapes.batchOf(5)))
          .isInstanceOfSatisfying(IncompatibleShapeException.class, e -> {
            assertThat(e.layerName()).isEqualTo("dense");
            assertThat(e.expected()).isEqualTo("(None, 4)");
            assertThat(e.received()).isEqualTo("(None, 5)");
          })
          .hasMessage("Input 0 of layer 'dense' is incompatible with the layer: expected axis -1 of input shape"
              + " to have value 4, but received input with shape (None, 5).");
      assertThatThrownBy(() -> dense.ensureBuilt(Shapes.batchOf(5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'dense'")
          .hasMessageContaining("(None, 5)");
    }
  }

  @Test
  void rejectsAnInputOfRankOne() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Dense(2).computeOutputShape(Shape.of(-1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected min_ndim=2")
          .hasMessageContaining("received input with shape (None,)");
    }
  }

  @Test
  void writesTheKerasConfigKeysInKerasOrder() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(16).inputShape(1).activation("relu");
      Map<String, Object> config = dense.getConfig();
      assertThat(config.keySet()).containsExactly(
          "name", "trainable", "batch_input_shape", "dtype", "units", "activation", "use_bias",
          "kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
          "activity_regularizer", "kernel_constraint", "bias_constraint");
      assertThat(config.get("name")).isEqualTo("dense");
      assertThat(config.get("batch_input_shape")).isEqualTo(Arrays.asList(null, 1));
      assertThat(config.get("units")).isEqualTo(16);
      assertThat(config.get("activation")).isEqualTo("relu");
      assertThat(config.get("use_bias")).isEqualTo(true);
      assertThat(config.get("kernel_initializer"))
          .isEqualTo(Map.of("class_name", "GlorotUniform", "config", mapOf("seed", null)));
      assertThat(config.get("bias_initializer")).isEqualTo(Map.of("class_name", "Zeros", "config", Map.of()));
    }
  }

  @Test
  void readsAConfigWrittenByKeras() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "dense_1");
    config.put("trainable", false);
    config.put("dtype", "float32");
    config.put("units", 32);
    config.put("activation", "relu");
    config.put("use_bias", true);
    config.put("kernel_initializer", Map.of("class_name", "GlorotUniform", "config", mapOf("seed", null)));
    config.put("bias_initializer", Map.of("class_name", "Zeros", "config", Map.of()));
    config.put("kernel_regularizer", null);

    Dense dense = (Dense) LayerRegistry.fromConfig("Dense", config);

    assertThat(dense.name()).isEqualTo("dense_1");
    assertThat(dense.units()).isEqualTo(32);
    assertThat(dense.activation()).isSameAs(Activations.RELU);
    assertThat(dense.trainable()).isFalse();
    assertThat(dense.kernelInitializer().className()).isEqualTo("GlorotUniform");
  }

  @Test
  void rejectsAConfigWithoutUnits() {
    assertThatThrownBy(() -> LayerRegistry.fromConfig("Dense", Map.of("name", "d")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dense config: missing required key 'units'.");
  }

  @Test
  void computesTheOutputShapeOfHigherRankInputs() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Dense(7).computeOutputShape(Shape.of(-1, 5, 3)).asArray()).containsExactly(-1, 5, 7);
    }
  }

  @Test
  void countsParametersAsKerasDoes() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(32);
      dense.ensureBuilt(Shapes.batchOf(16));
      assertThat(dense.countParams()).isEqualTo(16 * 32 + 32);
      Dense noBias = new Dense(32).useBias(false);
      noBias.ensureBuilt(Shapes.batchOf(16));
      assertThat(noBias.countParams()).isEqualTo(16 * 32);
      assertThat(noBias.bias()).isNull();
      assertThat(noBias.weights()).extracting(Weight::name).containsExactly("kernel");
    }
  }

  @Test
  void keepsAnExplicitConstantKernel() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2).kernelInitializer(new Constant(0.25));
      dense.ensureBuilt(Shapes.batchOf(3));
      float[] kernel = dense.kernel().read();
      for (float v : kernel) {
        assertThat(v).isCloseTo(0.25f, within(0f));
      }
    }
  }

  private static Map<String, Object> mapOf(String key, Object value) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, value);
    return map;
  }
}
