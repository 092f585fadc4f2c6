package io.github.keras4j.layers.custom;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LayerRegistry;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import org.junit.jupiter.api.Test;

class CustomLayerTest {
  @Test
  void isFoundThroughTheLayerFactoryService() {
    assertThat(LayerRegistry.classNames()).contains("Scale");
    try (var scope = KerasContext.isolated()) {
      Scale original = new Scale();
      original.name("my_scale");
      Layer copy = LayerRegistry.fromConfig("Scale", original.getConfig());
      assertThat(copy).isInstanceOf(Scale.class);
      assertThat(copy.name()).isEqualTo("my_scale");
      assertThat(copy.getConfig()).isEqualTo(original.getConfig());
    }
  }

  @Test
  void trainsInsideASequentialModel() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(2).inputShape(2), new Scale())) {
      model.compile(new SGD(0.1), "mse");
      float[][] x = {{1, 0}, {0, 1}, {1, 1}};
      float[][] y = {{2, 0}, {0, 2}, {2, 2}};
      float[] before = model.getLayer(1).weights().get(0).read();
      double first = model.fit(x, y, new FitOptions().epochs(1).verbose(0).seed(1)).get("loss").get(0);
      double last = model.fit(x, y, new FitOptions().epochs(30).verbose(0).seed(1)).get("loss").get(29);
      assertThat(last).isLessThan(first);
      assertThat(model.getLayer(1).weights().get(0).read()).isNotEqualTo(before);
    }
  }
}
