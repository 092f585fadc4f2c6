package io.github.keras4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** "accuracy" resolves by output and labels as Keras's compile does. */
class MetricsTest {

  @Test
  void resolvesAccuracyByOutputUnitsAndLabels() {
    assertThat(((Accuracy) Metrics.get("accuracy", 2, true)).kind()).isEqualTo(Accuracy.Kind.SPARSE_CATEGORICAL);
    assertThat(((Accuracy) Metrics.get("accuracy", 2, false)).kind()).isEqualTo(Accuracy.Kind.CATEGORICAL);
    assertThat(((Accuracy) Metrics.get("accuracy", 1, false)).kind()).isEqualTo(Accuracy.Kind.BINARY);
    assertThat(((Accuracy) Metrics.get("acc", 3, true)).kind()).isEqualTo(Accuracy.Kind.SPARSE_CATEGORICAL);
  }

  @Test
  void keepsTheNameItWasAskedBy() {
    assertThat(Metrics.get("acc", 2, true).name()).isEqualTo("acc");
    assertThat(Metrics.get("accuracy", 2, true).name()).isEqualTo("accuracy");
    assertThat(Metrics.get("sparse_categorical_accuracy", 2, false).sparseLabels()).isTrue();
    assertThat(Metrics.get("categorical_accuracy", 2, true).sparseLabels()).isFalse();
    assertThat(Metrics.get("mse", 2, false).name()).isEqualTo("mse");
  }

  @Test
  void rejectsAnUnknownMetricAndListsTheValidOnes() {
    assertThatThrownBy(() -> Metrics.get("f1", 2, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown metric function: 'f1'. Valid names: " + Metrics.NAMES + ".");
  }
}
