package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerNormalizationTest {

  /** Normalizes each group of {@code group} consecutive values (the trailing normalized axes). */
  static double[] reference(float[] x, int group, float[] gamma, float[] beta, double eps) {
    double[] out = new double[x.length];
    for (int g = 0; g < x.length / group; g++) {
      double mean = 0;
      for (int i = 0; i < group; i++) {
        mean += x[g * group + i];
      }
      mean /= group;
      double var = 0;
      for (int i = 0; i < group; i++) {
        var += (x[g * group + i] - mean) * (x[g * group + i] - mean);
      }
      var /= group;
      for (int i = 0; i < group; i++) {
        double y = (x[g * group + i] - mean) / Math.sqrt(var + eps);
        out[g * group + i] = y * (gamma == null ? 1 : gamma[i]) + (beta == null ? 0 : beta[i]);
      }
    }
    return out;
  }

  @Test
  void passesTheLayerTestKitOverTheLastAxis() {
    LayerTestKit.of(LayerNormalization::new, 2, 4)
        .expectWeights(trainable("gamma", 4), trainable("beta", 4))
        .reference((x, s, w) -> reference(x, 4, w.get(0), w.get(1), 1e-3)).forwardTolerance(1e-4)
        .run();
  }

  @Test
  void passesTheLayerTestKitOverSeveralAxes() {
    LayerTestKit.of(() -> new LayerNormalization(1, 2).epsilon(1e-6), 2, 3)
        .expectWeights(trainable("gamma", 2, 3), trainable("beta", 2, 3))
        .reference((x, s, w) -> reference(x, 6, w.get(0), w.get(1), 1e-6)).forwardTolerance(1e-4)
        .run();
  }

  @Test
  void passesTheLayerTestKitWithoutScaleOrCenter() {
    LayerTestKit.of(() -> new LayerNormalization().scale(false), 3)
        .expectWeights(trainable("beta", 3))
        .reference((x, s, w) -> reference(x, 3, null, w.get(0), 1e-3)).forwardTolerance(1e-4)
        .runWithoutTrainingStep();
    LayerTestKit.of(() -> new LayerNormalization().center(false), 3)
        .expectWeights(trainable("gamma", 3))
        .reference((x, s, w) -> reference(x, 3, w.get(0), null, 1e-3)).forwardTolerance(1e-4)
        .runWithoutTrainingStep();
  }

  /** Hand values: [1, 3] has mean 2, variance 1 → [-1, 1] / sqrt(1 + 1e-3). */
  @Test
  void normalizesByHand() {
    try (var scope = KerasContext.isolated()) {
      LayerNormalization ln = new LayerNormalization();
      ln.ensureBuilt(Shapes.batchOf(2));
      float v = (float) (1 / Math.sqrt(1.001));
      assertThat(LayerTestKit.forward(ln, new float[] {1, 3}, new long[] {1, 2}, false, 1).values())
          .containsExactly(new float[] {-v, v}, within(1e-6f));
    }
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new LayerNormalization().getConfig()).containsEntry("axis", -1).containsEntry("epsilon", 1e-3)
          .containsEntry("center", true).containsEntry("scale", true).containsEntry("name", "layer_normalization");
      LayerNormalization ln = (LayerNormalization) LayerRegistry.fromConfig("LayerNormalization",
          Map.of("axis", List.of(-1), "epsilon", 1e-6));
      assertThat(ln.axis()).containsExactly(-1);
      assertThat(ln.epsilon()).isEqualTo(1e-6);
    }
    assertThatThrownBy(() -> new LayerNormalization().epsilon(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LayerNormalization: epsilon must be a positive number, but got epsilon=0.0.");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new LayerNormalization(2).computeOutputShape(Shapes.batchOf(4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("axis=2 is out of range for an input of rank 2");
    }
  }
}
