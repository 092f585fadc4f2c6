package io.github.keras4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Keras#VERSION} comes from the build (a filtered resource), not from a constant in the source. */
class KerasVersionTest {
  @Test
  void versionIsTheMavenProjectVersion() {
    String expected = System.getProperty("keras4j.projectVersion");
    assertThat(Keras.VERSION).matches("\\d+\\.\\d+\\.\\d+([-.][A-Za-z0-9.]+)?");
    if (expected != null && !expected.startsWith("${")) {
      assertThat(Keras.VERSION).isEqualTo(expected);
    }
  }
}
