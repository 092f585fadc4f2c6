package io.github.keras4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The {@code from_logits} / {@code label_smoothing} arguments the two crossentropies share. */
class SmoothedCrossentropyTest {
  @Test
  void configHoldsBothKeysAndDefaultsAreRecognized() {
    assertThat(new BinaryCrossentropy(true, 0.1).getConfig())
        .containsEntry("from_logits", true)
        .containsEntry("label_smoothing", 0.1);
    assertThat(new CategoricalCrossentropy().getConfig())
        .containsEntry("from_logits", false)
        .containsEntry("label_smoothing", 0.0);
    assertThat(new BinaryCrossentropy().hasDefaultConfig()).isTrue();
    assertThat(new CategoricalCrossentropy(false, 0.2).hasDefaultConfig()).isFalse();
    assertThat(new CategoricalCrossentropy(true).hasDefaultConfig()).isFalse();
    assertThat(new CategoricalCrossentropy(true, 0.3).labelSmoothing()).isEqualTo(0.3);
    assertThat(new BinaryCrossentropy(true).fromLogits()).isTrue();
  }

  @Test
  void rejectsSmoothingOutsideZeroToOneNamingTheLoss() {
    assertThatThrownBy(() -> new BinaryCrossentropy(false, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BinaryCrossentropy: label_smoothing must be in [0, 1], but got label_smoothing=1.5.");
    assertThatThrownBy(() -> new CategoricalCrossentropy(false, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CategoricalCrossentropy: label_smoothing must be in [0, 1], but got label_smoothing=-0.1.");
    assertThatThrownBy(() -> new CategoricalCrossentropy(false, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
