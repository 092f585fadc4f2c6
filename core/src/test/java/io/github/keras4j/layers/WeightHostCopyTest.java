package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.TestData;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A compiled model's session holds its weights' values; the weights drop their Java copies meanwhile (a model's
 * weights are not held twice) and get the final values back when the model closes.
 */
class WeightHostCopyTest {
  private static final float[][] X = TestData.normal(24, 3, 1);
  private static final int[] Y = TestData.labels(24, 2, 2);

  private static FitOptions quiet() {
    return new FitOptions().batchSize(8).epochs(1).verbose(0).seed(1);
  }

  private static List<float[]> values(List<Weight> weights) {
    List<float[]> out = new ArrayList<>();
    for (Weight w : weights) {
      out.add(w.read());
    }
    return out;
  }

  @Test
  void dropsTheJavaCopyWhileACompiledModelHoldsTheValueAndGetsItBackOnClose() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(3);
      Sequential model = new Sequential(new Dense(4).inputShape(3).activation("relu"),
          new Dense(2).activation("softmax"));
      model.compile(new Adam(0.05), "sparse_categorical_crossentropy");
      List<Weight> weights = model.weights();
      assertThat(weights).hasSize(4);

      model.fit(X, Y, quiet());
      assertThat(weights).allSatisfy(w -> assertThat(w.hasHostCopy()).as(w.path()).isFalse());
      List<float[]> trained = values(weights);

      model.close();
      assertThat(weights).allSatisfy(w -> assertThat(w.hasHostCopy()).as(w.path()).isTrue());
      List<float[]> after = values(weights);
      for (int i = 0; i < weights.size(); i++) {
        assertThat(after.get(i)).as(weights.get(i).path()).containsExactly(trained.get(i));
      }
    }
  }

  @Test
  void aModelThatTakesBackASharedLayerDropsTheCopyAgainAndKeepsTheOtherModelsTraining() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(4);
      Dense hidden = new Dense(4).inputShape(3).activation("relu");
      Dense output = new Dense(2).activation("softmax");
      try (Sequential a = new Sequential(hidden, output); Sequential b = new Sequential(hidden, output)) {
        a.compile(new Adam(0.05), "sparse_categorical_crossentropy");
        b.compile(new Adam(0.05), "sparse_categorical_crossentropy");
        a.fit(X, Y, quiet());
        b.fit(X, Y, quiet()); // b adopts the shared weights from a
        List<float[]> trainedByB = values(hidden.weights());

        a.predict(X); // a takes them back
        assertThat(hidden.weights()).allSatisfy(w -> assertThat(w.hasHostCopy()).as(w.path()).isFalse());
        List<float[]> seenByA = values(hidden.weights());
        for (int i = 0; i < trainedByB.size(); i++) {
          assertThat(seenByA.get(i)).containsExactly(trainedByB.get(i));
        }
      }
    }
  }
}
