package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Sequential;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.StdArrays;

/** GlobalAveragePooling1D averages a masked sequence over its unmasked steps only, as Keras. */
class MaskedGlobalPooling1DTest {
  @Test
  void averagesOverUnmaskedStepsOnly() {
    float[][][] x = {
      {{1, 2}, {3, 4}, {0, 0}, {0, 0}},   // two real steps, then padding masked by Masking(0)
      {{0, 0}, {5, 7}, {1, 1}, {3, 1}},   // leading padding
    };
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new InputLayer(4, 2), new Masking(0.0), new GlobalAveragePooling1D())) {
      float[][] y = model.predict(StdArrays.ndCopyOf(x));
      assertThat(y[0][0]).isCloseTo(2f, within(1e-6f));
      assertThat(y[0][1]).isCloseTo(3f, within(1e-6f));
      assertThat(y[1][0]).isCloseTo(3f, within(1e-6f));
      assertThat(y[1][1]).isCloseTo(3f, within(1e-6f));
    }
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new InputLayer(4, 2), new GlobalAveragePooling1D())) {
      float[][] y = model.predict(StdArrays.ndCopyOf(x));
      assertThat(y[0][0]).as("without a mask every step counts").isCloseTo(1f, within(1e-6f));
    }
  }
}
