package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dropout's noise_shape, SpatialDropout2D, GaussianNoise, GaussianDropout and AlphaDropout. */
class NoiseLayersTest {

  private static final LayerTestKit.Reference IDENTITY = (x, s, w) -> ImageReference.identity(x);

  private static float[] normal(int n, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian() + 3f; // away from 0, so a kept value is never mistaken for a dropped one
    }
    return out;
  }

  private static float[] train(Layer layer, float[] x, long[] shape) {
    layer.ensureBuilt(Shapes.batchOf(Arrays.copyOfRange(shape, 1, shape.length)));
    return LayerTestKit.forward(layer, x, shape, true, 5).values();
  }

  @Test
  void everyNoiseLayerPassesTheKitAsTheIdentityAtInference() {
    LayerTestKit.of(() -> new Dropout(0.3).noiseShape(-1, 1, -1), 2, 3).reference(IDENTITY).run();
    LayerTestKit.of(() -> new SpatialDropout2D(0.3), 2, 2, 3).reference(IDENTITY).run();
    LayerTestKit.of(() -> new GaussianNoise(0.5), 4).reference(IDENTITY).run();
    LayerTestKit.of(() -> new GaussianDropout(0.3), 4).reference(IDENTITY).run();
    LayerTestKit.of(() -> new AlphaDropout(0.2).noiseShape(-1, 1, -1), 2, 3).reference(IDENTITY).run();
  }

  @Test
  void dropoutWithANoiseShapeDropsWholeSlices() {
    try (var scope = KerasContext.isolated()) {
      long[] shape = {4, 5, 6};
      float[] x = normal(120, 1);
      float[] y = train(new Dropout(0.5).noiseShape(-1, 1, -1), x, shape);
      int dropped = 0;
      for (int b = 0; b < 4; b++) {
        for (int c = 0; c < 6; c++) {
          boolean kept = y[(b * 5) * 6 + c] != 0;
          dropped += kept ? 0 : 1;
          for (int r = 0; r < 5; r++) {
            int i = (b * 5 + r) * 6 + c;
            assertThat(y[i]).as("value %d", i).isCloseTo(kept ? x[i] * 2 : 0f, within(1e-5f));
          }
        }
      }
      assertThat(dropped).isBetween(3, 21);
    }
  }

  @Test
  void dropoutWritesAndReadsNoiseShape() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Dropout(0.5).noiseShape(-1, 1, -1).getConfig())
          .containsEntry("noise_shape", Arrays.asList(null, 1L, null));
      Dropout d = (Dropout) LayerRegistry.fromConfig("Dropout",
          Map.of("rate", 0.5, "noise_shape", Arrays.asList(null, 1, 1, null)));
      assertThat(d.noiseShape()).containsExactly(-1, 1, 1, -1);
      assertThatThrownBy(() -> train(new Dropout(0.5).noiseShape(-1, 1), new float[6], new long[] {1, 2, 3}))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("noise_shape [-1, 1] has rank 2, but the input (None, 2, 3) has rank 3");
    }
    assertThatThrownBy(() -> new Dropout(0.5).noiseShape(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dropout: noiseShape sizes must be positive or -1 (the input's size), but got noiseShape=[0, 1].");
  }

  @Test
  void spatialDropoutDropsWholeFeatureMaps() {
    try (var scope = KerasContext.isolated()) {
      long[] shape = {3, 4, 4, 8};
      float[] x = normal(384, 2);
      float[] y = train(new SpatialDropout2D(0.5), x, shape);
      int dropped = 0;
      for (int b = 0; b < 3; b++) {
        for (int c = 0; c < 8; c++) {
          boolean kept = y[b * 128 + c] != 0;
          dropped += kept ? 0 : 1;
          for (int p = 0; p < 16; p++) {
            int i = b * 128 + p * 8 + c;
            assertThat(y[i]).isCloseTo(kept ? x[i] * 2 : 0f, within(1e-5f));
          }
        }
      }
      assertThat(dropped).isBetween(3, 21);
      assertThat(new SpatialDropout2D(0.2).getConfig()).containsEntry("rate", 0.2)
          .containsEntry("data_format", "channels_last").doesNotContainKey("noise_shape");
      assertThatThrownBy(() -> new SpatialDropout2D(0.2).computeOutputShape(Shapes.batchOf(3, 4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected ndim=4, found ndim=3");
    }
    assertThatThrownBy(() -> new SpatialDropout2D(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SpatialDropout2D: rate must be in [0, 1), but got rate=1.0.");
  }

  @Test
  void gaussianNoiseAddsNoiseOfTheGivenStddev() {
    try (var scope = KerasContext.isolated()) {
      float[] x = normal(20000, 3);
      float[] y = train(new GaussianNoise(0.5), x, new long[] {100, 200});
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < x.length; i++) {
        double d = y[i] - x[i];
        mean += d / x.length;
        sq += d * d / x.length;
      }
      assertThat(mean).isCloseTo(0, within(0.02));
      assertThat(Math.sqrt(sq - mean * mean)).isCloseTo(0.5, within(0.02));
      assertThat(new GaussianNoise(0.5).getConfig()).containsEntry("stddev", 0.5);
    }
    assertThatThrownBy(() -> new GaussianNoise(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GaussianNoise: stddev must be a finite number >= 0, but got stddev=-1.0.");
  }

  @Test
  void gaussianDropoutMultipliesByNoiseAroundOne() {
    try (var scope = KerasContext.isolated()) {
      float[] x = normal(20000, 4);
      float[] y = train(new GaussianDropout(0.2), x, new long[] {100, 200});
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < x.length; i++) {
        double f = y[i] / x[i];
        mean += f / x.length;
        sq += f * f / x.length;
      }
      assertThat(mean).isCloseTo(1, within(0.02));
      assertThat(Math.sqrt(sq - mean * mean)).isCloseTo(Math.sqrt(0.25), within(0.02));
      assertThat(new GaussianDropout(0.2).getConfig()).containsEntry("rate", 0.2);
    }
  }

  /** Keras's coefficients for rate 0.1, by hand: alpha' = -1.7580993, a = 0.9212845, b = 0.1619710
   * (evaluated once with python3 from Keras's formula). */
  @Test
  void alphaDropoutKeepsOrSetsToAlphaThenAppliesKerasAffineMap() {
    double[] c = AlphaDropout.coefficients(0.1);
    assertThat(c[2]).isCloseTo(-1.7580993408473766, within(1e-12));
    assertThat(c[0]).isCloseTo(Math.pow(0.9 * (1 + 0.1 * c[2] * c[2]), -0.5), within(1e-12));
    assertThat(c[0]).isCloseTo(0.9212845161497115, within(1e-9));
    assertThat(c[1]).isCloseTo(0.16197097005757022, within(1e-9));
    try (var scope = KerasContext.isolated()) {
      float[] x = normal(10000, 5);
      float[] y = train(new AlphaDropout(0.1), x, new long[] {100, 100});
      int dropped = 0;
      for (int i = 0; i < x.length; i++) {
        double kept = c[0] * x[i] + c[1];
        double drop = c[0] * c[2] + c[1];
        if (Math.abs(y[i] - drop) < 1e-5) {
          dropped++;
        } else {
          assertThat((double) y[i]).isCloseTo(kept, within(1e-5));
        }
      }
      assertThat(dropped).isBetween(850, 1150);
      assertThat(new AlphaDropout(0.1).getConfig()).containsEntry("rate", 0.1).containsKey("noise_shape");
      assertThat(LayerRegistry.fromConfig("AlphaDropout", Map.of("rate", 0.1, "noise_shape", List.of())))
          .isInstanceOf(AlphaDropout.class);
    }
  }
}
