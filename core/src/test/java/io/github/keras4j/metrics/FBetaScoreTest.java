package io.github.keras4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras's {@code FBetaScore} worked by hand on four samples whose predicted classes (largest output) and labels give
 * class 0: tp 1, fp 2, fn 0 (precision 1/3, recall 1) and class 1: tp 1, fp 0, fn 2 (precision 1, recall 1/3).
 * With {@code f = (1 + b^2) p r / (b^2 p + r)}: F1 is 0.5 for both classes; F2 is 5/7 for class 0 and 5/13 for
 * class 1, so macro F2 = (5/7 + 5/13) / 2 = 50/91; micro counts tp 2, fp 2, fn 2 (p = r = 1/2, any beta: 1/2).
 */
class FBetaScoreTest {
  private static final float[][] PREDICTIONS = {{0.9f, 0.1f}, {0.8f, 0.2f}, {0.3f, 0.7f}, {0.6f, 0.4f}};
  private static final float[][] LABELS = {{1, 0}, {0, 1}, {0, 1}, {0, 1}};

  private static Map<String, Double> evaluate(List<Metric> metrics) {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Activation("linear").inputShape(2))) {
      model.compile(new SGD(), new CategoricalCrossentropy(), metrics);
      // Batches of 3 and 1: the counts add up over the epoch before the score is taken.
      return model.evaluate(PREDICTIONS, LABELS, new EvaluateOptions().batchSize(3).verbose(0));
    }
  }

  @Test
  void matchesTheHandDerivedScores() {
    Map<String, Double> logs = evaluate(List.of(
        new FBetaScore("f2", "macro", 2.0, null),
        new FBetaScore("f2_micro", "micro", 2.0, null),
        new FBetaScore("f_half", "macro", 0.5, null),
        new F1Score(),
        new FBetaScore()));
    assertThat(logs.get("f2")).isCloseTo(50.0 / 91, within(1e-6));
    assertThat(logs.get("f2_micro")).isCloseTo(0.5, within(1e-6));
    // beta = 1/2: class 0: 1.25 (1/3) / (0.25/3 + 1) = 5/13; class 1: 1.25 (1/3) / (0.25 + 1/3) = 5/7.
    assertThat(logs.get("f_half")).isCloseTo(50.0 / 91, within(1e-6));
    assertThat(logs.get("f1_score")).isCloseTo(0.5, within(1e-6));
    assertThat(logs.get("fbeta_score")).isEqualTo(logs.get("f1_score"));
  }

  @Test
  void rejectsABetaThatIsNotPositive() {
    assertThatThrownBy(() -> new FBetaScore("f", "macro", 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("f: beta must be a positive number, but got beta=0.0.");
    assertThat(new F1Score().beta()).isEqualTo(1.0);
    assertThat(new FBetaScore().average()).isEqualTo("macro");
  }
}
