package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.regularizers.L2;
import org.junit.jupiter.api.Test;

class ActivityRegularizationTest {
  @Test
  void passesTheLayerTestKitAsTheIdentity() {
    LayerTestKit.of(() -> new ActivityRegularization(0.01, 0.02), 2, 3)
        .reference((x, shape, w) -> {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
          }
          return out;
        })
        .run();
  }

  @Test
  void addsItsPenaltyOnTheInputToTheLoss() {
    float[][] x = {{1f, -2f}, {0.5f, 3f}};
    float[][] y = {{1f, -2f}, {0.5f, 3f}};
    double l1 = 0.1;
    double l2 = 0.01;
    double penalty = l1 * (1 + 2 + 0.5 + 3) + l2 * (1 + 4 + 0.25 + 9); // prediction == labels: mse 0
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new ActivityRegularization(l1, l2).inputShape(2))) {
      model.compile(new SGD(), "mse");
      double loss = model.evaluate(x, y, new EvaluateOptions().batchSize(2).verbose(0)).get("loss");
      assertThat(loss).isCloseTo(penalty, within(1e-6));
      assertThat(model.getLayer(0).getConfig()).containsEntry("l1", 0.1).containsEntry("l2", 0.01);
    }
    assertThatThrownBy(() -> new ActivityRegularization().activityRegularizer(new L2()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new ActivityRegularization(-1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("l1=-1.0");
  }
}
