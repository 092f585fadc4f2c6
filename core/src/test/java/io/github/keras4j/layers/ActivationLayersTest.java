package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.constraints.NonNeg;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.regularizers.L2;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LeakyReLU, PReLU, ELU, ThresholdedReLU and Softmax through the layer test kit, with hand-written references. */
class ActivationLayersTest {

  private static LayerTestKit.Reference elementwise(java.util.function.DoubleUnaryOperator f) {
    return (x, shape, w) -> {
      double[] out = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        out[i] = f.applyAsDouble(x[i]);
      }
      return out;
    };
  }

  @Test
  void leakyReluPassesTheKit() {
    LayerTestKit.of(LeakyReLU::new, 2, 5).minInputMagnitude(0.05)
        .reference(elementwise(v -> v >= 0 ? v : 0.3 * v)).run();
    LayerTestKit.of(() -> new LeakyReLU(0.01), 4).minInputMagnitude(0.05)
        .reference(elementwise(v -> v >= 0 ? v : 0.01 * v)).runWithoutTrainingStep();
  }

  @Test
  void leakyReluReadsKeras2AndKeras3ConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      assertThat(((LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", Map.of("alpha", 0.1))).alpha()).isEqualTo(0.1);
      assertThat(((LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", Map.of("negative_slope", 0.2))).alpha())
          .isEqualTo(0.2);
      assertThat(((LeakyReLU) LayerRegistry.fromConfig("LeakyReLU", Map.of())).alpha()).isEqualTo(0.3);
      assertThat(new LeakyReLU().getConfig()).containsEntry("alpha", 0.3).containsEntry("name", "leaky_re_lu");
    }
    assertThatThrownBy(() -> new LeakyReLU(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LeakyReLU: alpha (negative_slope) must be a number >= 0, but got alpha=-1.0.");
  }

  @Test
  void preluPassesTheKitWithOneAlphaPerValue() {
    LayerTestKit.of(PReLU::new, 2, 3).minInputMagnitude(0.05)
        .expectWeights(trainable("alpha", 2, 3))
        .reference((x, shape, w) -> {
          double[] out = new double[x.length];
          float[] a = w.get(0);
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i] >= 0 ? x[i] : a[i % 6] * x[i];
          }
          return out;
        })
        .run();
  }

  @Test
  void preluSharesAlphaAlongSharedAxes() {
    LayerTestKit.of(() -> new PReLU().sharedAxes(1, 2), 3, 2, 4).batch(2).minInputMagnitude(0.05)
        .expectWeights(trainable("alpha", 1, 1, 4))
        .reference((x, shape, w) -> {
          double[] out = new double[x.length];
          float[] a = w.get(0);
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i] >= 0 ? x[i] : a[i % 4] * x[i];
          }
          return out;
        })
        .run();
  }

  @Test
  void preluWritesKerasConfigAndStartsAtZero() {
    try (var scope = KerasContext.isolated()) {
      PReLU p = new PReLU().sharedAxes(1, 2);
      Map<String, Object> config = p.getConfig();
      assertThat(config).containsEntry("shared_axes", List.of(1, 2)).containsKey("alpha_initializer")
          .containsEntry("alpha_regularizer", null).containsEntry("alpha_constraint", null);
      p.ensureBuilt(Shapes.batchOf(4, 4, 3));
      assertThat(p.alpha().read()).containsOnly(0f);
      assertThat(p.alpha().shape()).containsExactly(1, 1, 3);
      assertThat(new PReLU().getConfig()).containsEntry("shared_axes", null);
    }
    assertThatThrownBy(() -> new PReLU().sharedAxes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sharedAxes must be positive");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new PReLU().sharedAxes(3).computeOutputShape(Shapes.batchOf(4, 4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("shared axis 3 does not exist in input shape (None, 4, 4)");
    }
  }

  @Test
  void preluReadsAnInitializerFromItsConfig() {
    try (var scope = KerasContext.isolated()) {
      PReLU p = (PReLU) LayerRegistry.fromConfig("PReLU", Map.of(
          "alpha_initializer", Map.of("class_name", "Constant", "config", Map.of("value", 0.25)),
          "shared_axes", List.of(1)));
      p.ensureBuilt(Shapes.batchOf(3, 2));
      assertThat(p.alpha().shape()).containsExactly(1, 2);
    } catch (IllegalArgumentException e) {
      // Constant may be unknown to Initializers: then the message must name it.
      assertThat(e).hasMessageContaining("Constant");
    }
  }

  @Test
  void eluPassesTheKit() {
    LayerTestKit.of(ELU::new, 2, 3).minInputMagnitude(0.05)
        .reference(elementwise(v -> v > 0 ? v : Math.expm1(v))).run();
    LayerTestKit.of(() -> new ELU(0.5), 2, 3).minInputMagnitude(0.05)
        .reference(elementwise(v -> v > 0 ? v : 0.5 * Math.expm1(v))).runWithoutTrainingStep();
    try (var scope = KerasContext.isolated()) {
      assertThat(new ELU(0.5).getConfig()).containsEntry("alpha", 0.5);
    }
  }

  @Test
  void thresholdedReluPassesTheKit() {
    LayerTestKit.of(ThresholdedReLU::new, 2, 4).minInputMagnitude(0.05)
        .reference(elementwise(v -> v > 1.0 ? v : 0)).withoutGradientCheck().run();
    LayerTestKit.of(() -> new ThresholdedReLU(0.0), 4).minInputMagnitude(0.05)
        .reference(elementwise(v -> v > 0 ? v : 0)).runWithoutTrainingStep();
    assertThatThrownBy(() -> new ThresholdedReLU(-0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ThresholdedReLU: theta must be a finite number >= 0, but got theta=-0.5.");
  }

  /** Softmax over an axis of a (batch, 2, 3) input, in double precision. */
  static double[] softmax(float[] x, long[] shape, int axis) {
    int b = (int) shape[0];
    int r = (int) shape[1];
    int c = (int) shape[2];
    double[] out = new double[x.length];
    for (int n = 0; n < b; n++) {
      if (axis == 2) {
        for (int i = 0; i < r; i++) {
          double sum = 0;
          for (int j = 0; j < c; j++) {
            sum += Math.exp(x[(n * r + i) * c + j]);
          }
          for (int j = 0; j < c; j++) {
            out[(n * r + i) * c + j] = Math.exp(x[(n * r + i) * c + j]) / sum;
          }
        }
      } else if (axis == 1) {
        for (int j = 0; j < c; j++) {
          double sum = 0;
          for (int i = 0; i < r; i++) {
            sum += Math.exp(x[(n * r + i) * c + j]);
          }
          for (int i = 0; i < r; i++) {
            out[(n * r + i) * c + j] = Math.exp(x[(n * r + i) * c + j]) / sum;
          }
        }
      } else {
        double sum = 0;
        for (int i = 0; i < r * c; i++) {
          sum += Math.exp(x[n * r * c + i]);
        }
        for (int i = 0; i < r * c; i++) {
          out[n * r * c + i] = Math.exp(x[n * r * c + i]) / sum;
        }
      }
    }
    return out;
  }

  @Test
  void softmaxPassesTheKitOnEveryAxis() {
    LayerTestKit.of(Softmax::new, 2, 3).reference((x, s, w) -> softmax(x, s, 2)).run();
    LayerTestKit.of(() -> new Softmax(1), 2, 3).reference((x, s, w) -> softmax(x, s, 1)).runWithoutTrainingStep();
    LayerTestKit.of(() -> new Softmax(-2), 2, 3).reference((x, s, w) -> softmax(x, s, 1)).runWithoutTrainingStep();
    LayerTestKit.of(() -> new Softmax(1, 2), 2, 3).reference((x, s, w) -> softmax(x, s, 12)).runWithoutTrainingStep();
  }

  @Test
  void softmaxWritesItsAxisAsKerasDoes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Softmax().getConfig()).containsEntry("axis", -1);
      assertThat(new Softmax(1, 2).getConfig()).containsEntry("axis", List.of(1, 2));
      assertThatThrownBy(() -> new Softmax(3).computeOutputShape(Shapes.batchOf(2, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("axis=3 is out of range for an input of rank 3");
    }
  }

  @Test
  void preluWritesTheAlphaRegularizerAndConstraintItHolds() {
    try (var scope = KerasContext.isolated()) {
      PReLU p = new PReLU();
      p.weightRegularizer("alpha", new L2(0.01));
      p.weightConstraint("alpha", new NonNeg());
      Map<String, Object> config = p.getConfig();
      assertThat(config.get("alpha_regularizer")).isInstanceOf(Map.class);
      assertThat(((Map<?, ?>) config.get("alpha_regularizer")).get("class_name")).isEqualTo("L2");
      assertThat(((Map<?, ?>) config.get("alpha_constraint")).get("class_name")).isEqualTo("NonNeg");
      PReLU back = PReLU.fromConfig(config);
      assertThat(back.weightRegularizer("alpha")).isInstanceOf(L2.class);
      assertThat(back.weightConstraint("alpha")).isInstanceOf(NonNeg.class);
      assertThat(new PReLU().getConfig())
          .containsEntry("alpha_regularizer", null)
          .containsEntry("alpha_constraint", null);
    }
  }
}
