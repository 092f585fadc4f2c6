package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subtract and Dot: shapes, forward values, config round trip, gradients and a training step. */
class SubtractDotTest {

  private static float[] normal(int n, long seed) {
    return MergeTest.normal(n, seed);
  }

  @Test
  void subtractComputesADifferenceWithGradients() {
    try (var scope = KerasContext.isolated()) {
      Subtract layer = new Subtract();
      assertThat(layer.ensureBuilt(List.of(Shapes.batchOf(3), Shapes.batchOf(3))).asArray()).containsExactly(-1, 3);
      float[] a = normal(6, 1);
      float[] b = normal(6, 2);
      float[] y = MergeTest.forward(layer, List.of(a, b), List.of(new long[] {2, 3}, new long[] {2, 3})).values();
      for (int i = 0; i < 6; i++) {
        assertThat(y[i]).isCloseTo(a[i] - b[i], within(1e-6f));
      }
      GradientCheck.check(layer, List.of(a, b), List.of(new long[] {2, 3}, new long[] {2, 3}), List.of(), false, 4,
          6);
      Layer copy = LayerRegistry.fromConfig("Subtract", layer.getConfig());
      assertThat(copy.getConfig()).isEqualTo(layer.getConfig());
    }
  }

  @Test
  void subtractRejectsThreeInputs() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Subtract().apply(Input.shape(2), Input.shape(2), Input.shape(2)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("A Subtract layer should be called on exactly 2 inputs")
          .hasMessageContaining("received 3 inputs");
    }
  }

  /** Per sample: out[i][j] = sum_k a[i][k] · b[j][k] for (n, d) · (m, d) with axes 2 (optionally normalized). */
  static double[] attention(float[] a, float[] b, int batch, int n, int m, int d, boolean normalize) {
    double[] out = new double[batch * n * m];
    for (int s = 0; s < batch; s++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double dot = 0;
          double na = 0;
          double nb = 0;
          for (int k = 0; k < d; k++) {
            double x = a[(s * n + i) * d + k];
            double y = b[(s * m + j) * d + k];
            dot += x * y;
            na += x * x;
            nb += y * y;
          }
          out[(s * n + i) * m + j] = normalize ? dot / Math.sqrt(Math.max(na, 1e-12)) / Math.sqrt(Math.max(nb, 1e-12))
              : dot;
        }
      }
    }
    return out;
  }

  @Test
  void dotOfSequencesGivesAttentionScores() {
    for (boolean normalize : new boolean[] {false, true}) {
      try (var scope = KerasContext.isolated()) {
        Dot layer = new Dot(2).normalize(normalize);
        Map<String, Object> config = layer.getConfig();
        assertThat(layer.ensureBuilt(List.of(Shapes.batchOf(3, 4), Shapes.batchOf(2, 4))).asArray())
            .containsExactly(-1, 3, 2);
        float[] a = normal(24, 3);
        float[] b = normal(16, 4);
        LayerTestKit.Output out =
            MergeTest.forward(layer, List.of(a, b), List.of(new long[] {2, 3, 4}, new long[] {2, 2, 4}));
        assertThat(out.staticShape()).containsExactly(-1, 3, 2);
        double[] expected = attention(a, b, 2, 3, 2, 4, normalize);
        for (int i = 0; i < expected.length; i++) {
          assertThat((double) out.values()[i]).isCloseTo(expected[i], within(1e-5));
        }
        GradientCheck.check(layer, List.of(a, b), List.of(new long[] {2, 3, 4}, new long[] {2, 2, 4}), List.of(),
            false, 4, 6);
        Dot copy = (Dot) LayerRegistry.fromConfig("Dot", config);
        assertThat(copy.getConfig()).isEqualTo(config);
      }
    }
  }

  /** Two vectors give (None, 1); axes (1, 1) on (n, d) and (n, e) give (d, e) per sample. */
  @Test
  void dotFollowsKerasBatchDotShapes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Dot(1).computeOutputShape(List.of(Shapes.batchOf(5), Shapes.batchOf(5))).asArray())
          .containsExactly(-1, 1);
      assertThat(new Dot(1, 1).computeOutputShape(List.of(Shapes.batchOf(3, 4), Shapes.batchOf(3, 2))).asArray())
          .containsExactly(-1, 4, 2);
      assertThat(new Dot(-1).computeOutputShape(List.of(Shapes.batchOf(3, 4), Shapes.batchOf(2, 4))).asArray())
          .containsExactly(-1, 3, 2);
      Dot vectors = new Dot(1);
      vectors.ensureBuilt(List.of(Shapes.batchOf(3), Shapes.batchOf(3)));
      float[] y = MergeTest.forward(vectors, List.of(new float[] {1, 2, 3}, new float[] {4, 5, 6}),
          List.of(new long[] {1, 3}, new long[] {1, 3})).values();
      assertThat(y).containsExactly(32f);
      Dot swapped = new Dot(1, 1);
      swapped.ensureBuilt(List.of(Shapes.batchOf(2, 2), Shapes.batchOf(2, 1)));
      // a = [[1, 2], [3, 4]], b = [[5], [6]]: out[d][e] = sum_n a[n][d] b[n][e] = [[1·5 + 3·6], [2·5 + 4·6]].
      float[] z = MergeTest.forward(swapped, List.of(new float[] {1, 2, 3, 4}, new float[] {5, 6}),
          List.of(new long[] {1, 2, 2}, new long[] {1, 2, 1})).values();
      assertThat(z).containsExactly(23f, 34f);
      assertThat(new Dot(1, 2).getConfig()).containsEntry("axes", List.of(1, 2)).containsEntry("normalize", false);
    }
  }

  @Test
  void dotRejectsMismatchedAxes() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Dot(1).apply(Input.shape(3), Input.shape(4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("dimension incompatibility 3 != 4");
      assertThatThrownBy(() -> new Dot(3).apply(Input.shape(3), Input.shape(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("do not fit inputs");
    }
    assertThatThrownBy(() -> new Dot(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dot: axes must not be the batch axis 0, but got axes=(0, 0).");
  }

  @Test
  void trainsBothBranchesThroughSubtractAndDot() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(3);
      KerasTensor in = Input.shape(4);
      Dense left = new Dense(3);
      Dense right = new Dense(3);
      KerasTensor l = left.apply(in);
      KerasTensor r = right.apply(in);
      KerasTensor merged = new Concatenate().apply(new Subtract().apply(l, r), new Dot(1).apply(l, r));
      try (Model model = new Model(in, new Dense(2).apply(merged))) {
        model.compile(new SGD(0.1), "mse");
        float[] l0 = left.kernel().read();
        float[] r0 = right.kernel().read();
        float[][] x = {normal(4, 1), normal(4, 2), normal(4, 3)};
        float[][] y = {normal(2, 4), normal(2, 5), normal(2, 6)};
        model.fit(x, y, new FitOptions().batchSize(3).epochs(1).verbose(0).shuffle(false));
        assertThat(left.kernel().read()).isNotEqualTo(l0);
        assertThat(right.kernel().read()).isNotEqualTo(r0);
      }
    }
  }
}
