package io.github.keras4j.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ActivationsTest {

  private static float[] run(ActivationFunction f, float... x) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = f.apply(tf, tf.constant(x));
      try (var result = s.runner().fetch(y).run()) {
        TFloat32 t = (TFloat32) result.get(0);
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = t.getFloat(i);
        }
        return out;
      }
    }
  }

  /** Hand values: Keras 2 clip(0.2x + 0.5, 0, 1); Keras 3 clip(x/6 + 0.5, 0, 1). */
  @Test
  void hardSigmoidFollowsTheKerasVersionOfTheScope() {
    float[] x = {-4f, -3f, -1f, 0f, 1f, 2f, 3f};
    assertThat(Activations.get("hard_sigmoid")).isSameAs(Activations.HARD_SIGMOID);
    assertThat(run(Activations.get("hard_sigmoid"), x))
        .containsExactly(new float[] {0f, 0f, 0.3f, 0.5f, 0.7f, 0.9f, 1f}, within(1e-6f));
    try (var scope = Activations.kerasVersionScope(3)) {
      assertThat(Activations.kerasMajorVersion()).isEqualTo(3);
      assertThat(Activations.get("hard_sigmoid")).isSameAs(Activations.HARD_SIGMOID_KERAS3);
      assertThat(run(Activations.get("hard_sigmoid"), x))
          .containsExactly(new float[] {0f, 0f, 1f / 3, 0.5f, 2f / 3, 5f / 6, 1f}, within(1e-6f));
      try (var inner = Activations.kerasVersionScope(2)) {
        assertThat(Activations.get("hard_sigmoid")).isSameAs(Activations.HARD_SIGMOID);
      }
      assertThat(Activations.get("hard_sigmoid")).isSameAs(Activations.HARD_SIGMOID_KERAS3);
    }
    assertThat(Activations.get("hard_sigmoid")).isSameAs(Activations.HARD_SIGMOID);
    assertThat(Activations.get("hard_sigmoid", 3)).isSameAs(Activations.HARD_SIGMOID_KERAS3);
  }

  @Test
  void theVersionScopeIsPerThread() throws Exception {
    try (var scope = Activations.kerasVersionScope(3)) {
      int other = CompletableFuture.supplyAsync(Activations::kerasMajorVersion).get();
      assertThat(other).isEqualTo(2);
    }
  }

  @Test
  void readsTheMajorVersionOfKerasVersionStrings() {
    assertThat(Activations.majorVersionOf("2.4.0")).isEqualTo(2);
    assertThat(Activations.majorVersionOf("3.11.1")).isEqualTo(3);
    assertThat(Activations.majorVersionOf("2.15.0")).isEqualTo(2);
    assertThat(Activations.majorVersionOf("1.2.2")).isEqualTo(2);
    assertThat(Activations.majorVersionOf(null)).isEqualTo(2);
    assertThat(Activations.majorVersionOf("garbage")).isEqualTo(2);
  }

  @Test
  void rejectsOtherKerasVersions() {
    assertThatThrownBy(() -> Activations.kerasVersionScope(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Activations: kerasMajorVersion must be 2 or 3, but got kerasMajorVersion=4.");
  }

  /** A model config whose keras_version is 3.x reads hard_sigmoid as Keras 3 does; 2.x as Keras 2. */
  @Test
  void modelConfigsReadHardSigmoidForTheirKerasVersion() {
    String template = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
        + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2, \"activation\": \"hard_sigmoid\","
        + " \"batch_input_shape\": [null, 3]}}]}, \"keras_version\": \"%s\", \"backend\": \"tensorflow\"}";
    try (var scope = KerasContext.isolated()) {
      Model k3 = Models.fromJson(String.format(template, "3.5.0"));
      assertThat(((Dense) k3.getLayer("d")).activation()).isSameAs(Activations.HARD_SIGMOID_KERAS3);
      Model k2 = Models.fromJson(String.format(template, "2.6.0"));
      assertThat(((Dense) k2.getLayer("d")).activation()).isSameAs(Activations.HARD_SIGMOID);
    }
    assertThat(Activations.kerasMajorVersion()).as("scope restored after loading").isEqualTo(2);
  }

  @Test
  void findsActivationsOfProviderServices() {
    assertThat(Activations.get("cube")).isSameAs(TestActivations.CUBE);
    assertThat(Activations.get("CUBE")).isSameAs(TestActivations.CUBE);
    assertThat(Activations.names()).contains("cube", "relu", "mish");
    assertThat(run(Activations.get("cube"), 2f, -1f)).containsExactly(8f, -1f);
  }

  @Test
  void rejectsUnknownNamesAndSaysHowToRegister() {
    assertThatThrownBy(() -> Activations.get("relux"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown activation function: 'relux'. Valid names: [linear, relu,")
        .hasMessageContaining("ActivationProvider");
  }

  @Test
  void nullMeansLinear() {
    assertThat(Activations.get(null)).isSameAs(Activations.LINEAR);
  }

  @Test
  void rejectsAnEmptyCustomName() {
    assertThatThrownBy(() -> Activations.of("", (tf, x) -> x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must be non-empty");
  }

  /** Hand values of gelu: 0.5·x·(1 + erf(x/√2)), erf(1/√2) = 0.682689492; approximate 0.841191990. */
  @Test
  void geluBothWays() {
    assertThat(run(Activations.GELU, 1f, 0f)).containsExactly(new float[] {0.841344746f, 0f}, within(1e-6f));
    assertThat(run(Activations.GELU_APPROXIMATE, 1f)).containsExactly(new float[] {0.841191990f}, within(1e-6f));
  }
}
