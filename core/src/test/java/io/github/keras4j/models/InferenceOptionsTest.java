package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.callbacks.Callback;
import org.junit.jupiter.api.Test;

/** The options {@code evaluate} and {@code predict} share: Keras's defaults and messages naming each class. */
class InferenceOptionsTest {
  @Test
  void evaluateAndPredictKeepKerasDefaults() {
    assertThat(new EvaluateOptions().batchSize()).isEqualTo(32);
    assertThat(new EvaluateOptions().verbose()).isEqualTo(1);
    assertThat(new PredictOptions().batchSize()).isEqualTo(32);
    assertThat(new PredictOptions().verbose()).isZero();
    assertThat(new PredictOptions().callbacks()).isEmpty();
  }

  @Test
  void settersChainOnTheConcreteTypeAndKeepTheirValues() {
    Callback c = new Callback() {};
    EvaluateOptions e = new EvaluateOptions().batchSize(7).verbose(2).callbacks(c);
    PredictOptions p = new PredictOptions().verbose(1).batchSize(3);
    assertThat(e.batchSize()).isEqualTo(7);
    assertThat(e.verbose()).isEqualTo(2);
    assertThat(e.callbacks()).containsExactly(c);
    assertThat(p.batchSize()).isEqualTo(3);
    assertThat(p.verbose()).isEqualTo(1);
  }

  @Test
  void errorsNameTheOptionsClassAndTheValue() {
    assertThatThrownBy(() -> new EvaluateOptions().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EvaluateOptions: batchSize must be a positive integer, but got batchSize=0.");
    assertThatThrownBy(() -> new PredictOptions().batchSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PredictOptions: batchSize must be a positive integer, but got batchSize=-1.");
    assertThatThrownBy(() -> new PredictOptions().verbose(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PredictOptions: verbose must be 0, 1 or 2, but got verbose=3.");
    assertThatThrownBy(() -> new EvaluateOptions().verbose(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EvaluateOptions: verbose must be 0, 1 or 2, but got verbose=-1.");
  }
}
