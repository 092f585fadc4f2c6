package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.activations.Activations;
import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.Shape;

class ActivationTest {

  static List<String> activationNames() {
    return Activations.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activationNames")
  void passesTheLayerTestKit(String name) {
    LayerTestKit.of(() -> new Activation(name), 2, 3)
        .minInputMagnitude(0.05)
        .reference((x, shape, weights) -> {
          double[] z = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            z[i] = x[i];
          }
          return ReferenceActivations.apply(name, z, Math.toIntExact(shape[shape.length - 1]));
        })
        .run();
  }

  @Test
  void coversEveryBuiltInActivation() {
    assertThat(Activations.names())
        .containsSequence("linear", "relu", "relu6", "softmax", "log_softmax", "sigmoid", "tanh", "elu", "selu",
            "softplus", "softsign", "exponential", "swish", "silu", "gelu", "gelu_approximate", "hard_sigmoid",
            "hard_swish", "hard_silu", "leaky_relu", "mish");
  }

  @Test
  void keepsTheShapeOfItsInput() {
    try (var scope = KerasContext.isolated()) {
      Shape shape = Shape.of(-1, 7, 5);
      assertThat(new Activation("relu").computeOutputShape(shape).asArray()).containsExactly(-1, 7, 5);
    }
  }

  @Test
  void rejectsAnUnknownActivationAndListsTheValidOnes() {
    assertThatThrownBy(() -> new Activation("relux"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'relux'")
        .hasMessageContaining("[linear, relu, relu6, softmax, log_softmax, sigmoid, tanh, elu, selu, softplus,")
        .hasMessageContaining("ActivationProvider");
  }

  @Test
  void acceptsActivationNamesInAnyCase() {
    assertThat(new Activation("ReLU").activation()).isSameAs(Activations.RELU);
    assertThat(Activations.get(null)).isSameAs(Activations.LINEAR);
  }

  @Test
  void isNamedAfterItsClass() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Activation("relu").name()).isEqualTo("activation");
      assertThat(new Activation("relu").name()).isEqualTo("activation_1");
    }
  }

  @Test
  void writesTheActivationNameToItsConfig() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new Activation("softmax").getConfig();
      assertThat(config).containsEntry("activation", "softmax").containsEntry("name", "activation");
      assertThat(config.keySet()).containsExactly("name", "trainable", "dtype", "activation");
    }
  }

  @Test
  void hasNoWeights() {
    try (var scope = KerasContext.isolated()) {
      Activation layer = new Activation("tanh");
      layer.ensureBuilt(Shapes.batchOf(3));
      assertThat(layer.weights()).isEmpty();
      assertThat(layer.countParams()).isZero();
    }
  }
}
