package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PermuteRepeatVectorTest {

  @Test
  void permutePassesTheLayerTestKit() {
    // (b, 2, 3, 4) with dims (3, 1, 2) → (b, 4, 2, 3): out[n][c][i][j] = x[n][i][j][c].
    LayerTestKit.of(() -> new Permute(3, 1, 2), 2, 3, 4).batch(2)
        .reference((x, s, w) -> {
          double[] out = new double[x.length];
          for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 2; i++) {
              for (int j = 0; j < 3; j++) {
                for (int c = 0; c < 4; c++) {
                  out[((n * 4 + c) * 2 + i) * 3 + j] = x[((n * 2 + i) * 3 + j) * 4 + c];
                }
              }
            }
          }
          return out;
        })
        .run();
  }

  @Test
  void permuteWritesKerasConfigAndRejectsNonPermutations() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Permute(2, 1).getConfig()).containsEntry("dims", List.of(2, 1)).containsEntry("name", "permute");
      assertThat(new Permute(2, 1).computeOutputShape(Shapes.batchOf(10, 64)).asArray()).containsExactly(-1, 64, 10);
      assertThat(((Permute) LayerRegistry.fromConfig("Permute", Map.of("dims", List.of(2, 1)))).dims())
          .containsExactly(2, 1);
      assertThatThrownBy(() -> new Permute(2, 1).computeOutputShape(Shapes.batchOf(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected ndim=3, found ndim=2");
    }
    assertThatThrownBy(() -> new Permute(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Permute: dims must be a permutation of the non-batch axes 1..2, but got dims=[0, 1].");
  }

  @Test
  void repeatVectorPassesTheLayerTestKit() {
    LayerTestKit.of(() -> new RepeatVector(3), 4)
        .reference((x, s, w) -> {
          int b = (int) s[0];
          double[] out = new double[b * 3 * 4];
          for (int n = 0; n < b; n++) {
            for (int r = 0; r < 3; r++) {
              for (int k = 0; k < 4; k++) {
                out[(n * 3 + r) * 4 + k] = x[n * 4 + k];
              }
            }
          }
          return out;
        })
        .run();
  }

  @Test
  void repeatVectorWritesKerasConfigAndRejectsBadInput() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new RepeatVector(3).getConfig()).containsEntry("n", 3).containsEntry("name", "repeat_vector");
      assertThat(new RepeatVector(3).computeOutputShape(Shapes.batchOf(5)).asArray()).containsExactly(-1, 3, 5);
      assertThatThrownBy(() -> new RepeatVector(2).computeOutputShape(Shapes.batchOf(5, 5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected ndim=2, found ndim=3");
    }
    assertThatThrownBy(() -> new RepeatVector(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RepeatVector: n must be a positive integer, but got n=0.");
  }
}
