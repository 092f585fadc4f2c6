package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.constraints.Constraint;
import io.github.keras4j.constraints.Constraints;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.L2;
import io.github.keras4j.regularizers.Regularizers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared bases of the built-in layers ({@link KernelLayer}, {@link BaseConv2D}, {@link DataFormatLayer},
 * {@link BasePooling}, {@link Merge}, {@link NoiseLayer}): chained setters keep the concrete type, and every layer
 * with kernels writes the regularizers and constraints it holds back into its Keras config.
 */
class SharedLayerBasesTest {
  @Test
  void chainedSettersKeepTheConcreteLayerType() {
    Conv2D conv = new Conv2D(8, 3).name("c").activation("relu").padding("same").kernelInitializer("he_normal")
        .useBias(false).strides(2).trainable(false);
    assertThat(conv.name()).isEqualTo("c");
    assertThat(conv.padding()).isEqualTo("same");
    assertThat(conv.strides()).containsExactly(2, 2);
    assertThat(conv.useBias()).isFalse();
    assertThat(conv.trainable()).isFalse();
    assertThat(conv.kernelInitializer().className()).isEqualTo("HeNormal");

    MaxPooling2D pool = new MaxPooling2D(2).padding("same").dataFormat("channels_first").name("p");
    assertThat(pool.dataFormat()).isEqualTo("channels_first");
    GlobalAveragePooling1D global = new GlobalAveragePooling1D().keepDims(true).dataFormat("channels_first");
    assertThat(global.keepDims()).isTrue();
    Add add = new Add().name("sum");
    assertThat(add.name()).isEqualTo("sum");
    GaussianNoise noise = new GaussianNoise(0.1).seed(3).name("n");
    assertThat(noise.seed()).isEqualTo(3L);
    SeparableConv2D separable = new SeparableConv2D(4, 3).depthMultiplier(2).dataFormat("channels_first");
    assertThat(separable.depthMultiplier()).isEqualTo(2);
  }

  static Stream<Arguments> layersWithKernels() {
    return Stream.of(
        Arguments.of("Dense", (Supplier<Layer>) () -> new Dense(3), List.of("kernel", "bias")),
        Arguments.of("Conv1D", (Supplier<Layer>) () -> new Conv1D(3, 2), List.of("kernel", "bias")),
        Arguments.of("Conv2D", (Supplier<Layer>) () -> new Conv2D(3, 2), List.of("kernel", "bias")),
        Arguments.of("Conv2DTranspose", (Supplier<Layer>) () -> new Conv2DTranspose(3, 2), List.of("kernel", "bias")),
        Arguments.of("DepthwiseConv2D", (Supplier<Layer>) () -> new DepthwiseConv2D(2), List.of("depthwise", "bias")),
        Arguments.of("SeparableConv2D", (Supplier<Layer>) () -> new SeparableConv2D(3, 2),
            List.of("depthwise", "pointwise", "bias")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layersWithKernels")
  void writesTheRegularizersAndConstraintsItHoldsAndReadsThemBack(
      String className, Supplier<Layer> factory, List<String> keys) {
    Layer layer = factory.get();
    Constraint nonNeg = Constraints.deserialize("non_neg");
    for (String key : keys) {
      layer.weightRegularizer(key, new L2(0.25));
      layer.weightConstraint(key, nonNeg);
    }
    Map<String, Object> config = layer.getConfig();
    for (String key : keys) {
      assertThat(config.get(key + "_regularizer")).isEqualTo(Regularizers.serialize(new L2(0.25)));
      assertThat(config.get(key + "_constraint")).isEqualTo(Constraints.serialize(nonNeg));
    }
    assertThat(config).containsEntry("activity_regularizer", null);

    Layer again = LayerRegistry.fromConfig(className, new LinkedHashMap<>(config));
    assertThat(again.getConfig()).isEqualTo(config);
  }

  @Test
  void rejectsAKernelTheLayerDoesNotHave() {
    assertThatThrownBy(() -> new Dense(2).weightInitializer("depthwise", Initializers.zeros()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dense: no kernel weight 'depthwise'; the kernels are [kernel].");
    assertThatThrownBy(() -> new SeparableConv2D(2, 3).kernelWeight("kernel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the kernels are [depthwise, pointwise]");
  }

  @Test
  void namesTheKernelWeightsAsKeras() {
    assertThat(new SeparableConv2D(2, 3).depthwiseInitializer().className()).isEqualTo("GlorotUniform");
    assertThat(new DepthwiseConv2D(3).getConfig()).containsKeys(
        "depthwise_initializer", "depthwise_regularizer", "depthwise_constraint", "bias_initializer",
        "depth_multiplier").doesNotContainKey("kernel_initializer");
  }
}
