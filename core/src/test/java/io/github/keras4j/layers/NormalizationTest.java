package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.nonTrainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizationTest {

  /** (x - mean[c]) / max(sqrt(var[c]), 1e-7) with channel c = i % channels. */
  static double[] reference(float[] x, float[] mean, float[] var, int channels, boolean invert) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % channels;
      double std = Math.max(Math.sqrt(var[c]), 1e-7);
      out[i] = invert ? mean[c] + x[i] * std : (x[i] - mean[c]) / std;
    }
    return out;
  }

  @Test
  void passesTheLayerTestKitWithAdaptableWeights() {
    LayerTestKit.of(Normalization::new, 2, 3)
        .expectWeights(nonTrainable("mean", 3), nonTrainable("variance", 3), nonTrainable("count"))
        .withoutGradientFor("count")
        .reference((x, s, w) -> reference(x, w.get(0), w.get(1), 3, false))
        .run();
  }

  @Test
  void passesTheLayerTestKitInverted() {
    LayerTestKit.of(() -> new Normalization().invert(true), 2, 3)
        .expectWeights(nonTrainable("mean", 3), nonTrainable("variance", 3), nonTrainable("count"))
        .withoutGradientFor("count")
        .reference((x, s, w) -> reference(x, w.get(0), w.get(1), 3, true))
        .run();
  }

  @Test
  void passesTheLayerTestKitWithGivenStatistics() {
    float[] mean = {0.485f, 0.456f, 0.406f};
    float[] var = {0.052441f, 0.050176f, 0.050625f};
    LayerTestKit.of(() -> new Normalization(new int[] {-1}, new double[] {0.485, 0.456, 0.406},
            new double[] {0.052441, 0.050176, 0.050625}), 2, 2, 3)
        .reference((x, s, w) -> reference(x, mean, var, 3, false))
        .run();
  }

  /** Hand-derived: columns [1, 3, 5] and [2, 4, 9] have means 3 and 5, population variances 8/3 and 26/3. */
  @Test
  void adaptComputesKerasStatistics() {
    try (var scope = KerasContext.isolated()) {
      Normalization n = new Normalization();
      n.adapt(new float[] {1, 2, 3, 4, 5, 9}, 3, 2);
      assertThat(n.isBuilt()).isTrue();
      assertThat(n.meanWeight().read()).containsExactly(new float[] {3f, 5f}, within(1e-6f));
      assertThat(n.varianceWeight().read()).containsExactly(new float[] {8f / 3, 26f / 3}, within(1e-6f));
      assertThat(n.count().read()).containsExactly(3f);
      float[] y = LayerTestKit.forward(n, new float[] {3, 5, 5, 9}, new long[] {2, 2}, false, 1).values();
      assertThat(y).containsExactly(new float[] {0f, 0f, (float) (2 / Math.sqrt(8.0 / 3)),
          (float) (4 / Math.sqrt(26.0 / 3))}, within(1e-5f));
    }
  }

  /** Hand-derived: a (2, 2, 2) input adapted on axis 1 reduces axes 0 and 2. */
  @Test
  void adaptReducesEveryAxisButTheKeptOnes() {
    try (var scope = KerasContext.isolated()) {
      Normalization n = new Normalization(1);
      // x[b][r][c]: row 0 holds 0, 1, 4, 5; row 1 holds 2, 3, 6, 7.
      n.adapt(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2);
      assertThat(n.meanWeight().read()).containsExactly(2.5f, 4.5f);
      assertThat(n.varianceWeight().read()).containsExactly(4.25f, 4.25f);
      assertThat(n.count().read()).containsExactly(4f);
      Normalization scalar = new Normalization(new int[0]);
      scalar.adapt(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 2, 2, 2);
      assertThat(scalar.meanWeight().shape()).isEmpty();
      assertThat(scalar.meanWeight().read()).containsExactly(3.5f);
      assertThat(scalar.varianceWeight().read()).containsExactly(5.25f);
    }
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Normalization().getConfig()).containsEntry("axis", List.of(-1)).containsEntry("mean", null)
          .containsEntry("variance", null).doesNotContainKey("invert");
      Normalization given = (Normalization) LayerRegistry.fromConfig("Normalization",
          Map.of("axis", List.of(-1), "mean", List.of(1, 2), "variance", List.of(4, 9), "name", "n"));
      given.ensureBuilt(Shapes.batchOf(2));
      assertThat(given.weights()).isEmpty();
      assertThat(LayerTestKit.forward(given, new float[] {3, 8}, new long[] {1, 2}, false, 1).values())
          .containsExactly(1f, 2f);
      Normalization none = (Normalization) LayerRegistry.fromConfig("Normalization",
          new java.util.HashMap<>(Map.of("name", "m")) {{ put("axis", null); }});
      assertThat(none.axis()).isEmpty();
      assertThat(none.getConfig()).containsEntry("axis", List.of());
    }
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> new Normalization(new int[] {-1}, new double[] {1}, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both mean and variance must be given");
    assertThatThrownBy(() -> new Normalization(new int[] {-1}, new double[] {1}, new double[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Normalization: variance must be finite and >= 0, but got variance=[-1.0].");
    try (var scope = KerasContext.isolated()) {
      Normalization given = new Normalization(new int[] {-1}, new double[] {1}, new double[] {1});
      assertThatThrownBy(() -> given.adapt(new float[] {1, 2}, 2, 1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("was created with a given mean and variance");
      assertThatThrownBy(() -> new Normalization().adapt(new float[] {1, 2, 3}, 2, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Normalization.adapt: data has 3 values, but shape [2, 2] holds 4.");
      assertThatThrownBy(() -> new Normalization().computeOutputShape(org.tensorflow.ndarray.Shape.of(-1, -1)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("must have known shape");
      Normalization three = new Normalization(new int[] {-1}, new double[] {1, 2}, new double[] {1, 1});
      assertThatThrownBy(() -> three.ensureBuilt(Shapes.batchOf(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("do not broadcast to the kept shape [3]");
    }
  }
}
