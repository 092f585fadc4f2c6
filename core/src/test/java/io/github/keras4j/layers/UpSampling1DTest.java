package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpSampling1DTest {
  /** {@code out[t] = in[t / size]}. */
  static double[] repeat(float[] x, long[] shape, int size) {
    int b = (int) shape[0];
    int n = (int) shape[1];
    int c = (int) shape[2];
    double[] y = new double[b * n * size * c];
    for (int s = 0; s < b; s++) {
      for (int t = 0; t < n * size; t++) {
        for (int ch = 0; ch < c; ch++) {
          y[(s * n * size + t) * c + ch] = x[(s * n + t / size) * c + ch];
        }
      }
    }
    return y;
  }

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(UpSampling1D::new, 3, 2).reference((x, s, w) -> repeat(x, s, 2)).run();
    LayerTestKit.of(() -> new UpSampling1D(3), 2, 3).reference((x, s, w) -> repeat(x, s, 3)).run();
  }

  @Test
  void hasKerasShapesAndConfig() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new UpSampling1D().name()).isEqualTo("up_sampling1d");
      assertThat(new UpSampling1D(3).computeOutputShape(Shapes.batchOf(4, 2)).asArray()).containsExactly(-1, 12, 2);
      assertThat(new UpSampling1D().getConfig()).containsEntry("size", 2);
      assertThat(((UpSampling1D) LayerRegistry.fromConfig("UpSampling1D", new HashMap<>(Map.of("size", 4)))).size())
          .isEqualTo(4);
    }
    assertThatThrownBy(() -> new UpSampling1D(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("size must be positive, but got size=0");
  }
}
