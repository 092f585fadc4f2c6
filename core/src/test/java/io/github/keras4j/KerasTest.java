package io.github.keras4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Sequential;
import org.junit.jupiter.api.Test;

class KerasTest {

  @Test
  void clearSessionRestartsLayerAndModelNames() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Dense(1).name()).isEqualTo("dense");
      try (Sequential model = new Sequential()) {
        assertThat(model.name()).isEqualTo("sequential");
      }
      Keras.clearSession();
      assertThat(new Dense(1).name()).isEqualTo("dense");
      try (Sequential model = new Sequential()) {
        assertThat(model.name()).isEqualTo("sequential");
      }
    }
  }

  @Test
  void setRandomSeedMakesUnseededSeedsReproducible() {
    long first;
    long second;
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(11);
      assertThat(KerasContext.current().isSeeded()).isTrue();
      first = KerasContext.current().nextSeed();
    }
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(11);
      second = KerasContext.current().nextSeed();
      Keras.clearSession();
      assertThat(KerasContext.current().isSeeded()).isFalse();
    }
    assertThat(second).isEqualTo(first);
  }
}
