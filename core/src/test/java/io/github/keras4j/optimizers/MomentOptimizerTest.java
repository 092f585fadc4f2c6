package io.github.keras4j.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The betas and epsilon Adam, Adamax and Nadam share: checks naming each optimizer, Keras's config order. */
class MomentOptimizerTest {
  @Test
  void rejectsBadBetasAndEpsilonNamingTheOptimizer() {
    assertThatThrownBy(() -> new Adamax(0.001, 1.0, 0.999, 1e-7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adamax: beta_1 and beta_2 must be in [0, 1), but got beta_1=1.0, beta_2=0.999.");
    assertThatThrownBy(() -> new Nadam(0.001, 0.9, -0.1, 1e-7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Nadam: beta_1 and beta_2 must be in [0, 1), but got beta_1=0.9, beta_2=-0.1.");
    assertThatThrownBy(() -> new Adam(0.001, 0.9, 0.999, -1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adam: epsilon must be >= 0, but got epsilon=-1.0.");
    assertThatThrownBy(() -> new AdamW(0.001, 0.004, 0.9, 2, 1e-7, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("AdamW: beta_1 and beta_2");
  }

  @Test
  void configListsTheMomentsInKerasOrder() {
    assertThat(List.copyOf(new Adam(0.01, 0.8, 0.99, 1e-6, true).getConfig().keySet()))
        .containsSubsequence("decay", "beta_1", "beta_2", "epsilon", "amsgrad");
    assertThat(new Nadam(0.01, 0.8, 0.99, 1e-6).getConfig())
        .containsEntry("beta_1", 0.8).containsEntry("beta_2", 0.99).containsEntry("epsilon", 1e-6);
    Adamax adamax = new Adamax(0.01, 0.7, 0.9, 1e-5);
    assertThat(List.of(adamax.beta1(), adamax.beta2(), adamax.epsilon())).containsExactly(0.7, 0.9, 1e-5);
  }
}
