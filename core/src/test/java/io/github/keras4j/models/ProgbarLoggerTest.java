package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress output {@code fit} adds by itself (Keras's {@code ProgbarLogger}). */
class ProgbarLoggerTest {
  @Test
  void printsEpochHeadersOnlyForMoreThanOneEpoch() {
    TestData.Capture many = new TestData.Capture();
    ProgbarLogger logger = new ProgbarLogger(2, 3, 4, many.stream(), false);
    logger.onEpochBegin(0, Map.of());
    logger.onEpochEnd(0, Map.of("loss", 0.5));
    assertThat(many.text()).isEqualTo("Epoch 1/3\n4/4 - 0s - loss: 0.5000\n");

    TestData.Capture one = new TestData.Capture();
    ProgbarLogger single = new ProgbarLogger(2, 1, 4, one.stream(), false);
    single.onEpochBegin(0, Map.of());
    single.onEpochEnd(0, Map.of("loss", 0.5));
    assertThat(one.text()).isEqualTo("4/4 - 0s - loss: 0.5000\n");
  }
}
