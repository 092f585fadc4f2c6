package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputLayerTest {

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new InputLayer(4), 4)
        .reference((x, shape, weights) -> {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
          }
          return out;
        })
        .run();
  }

  @Test
  void passesTheLayerTestKitForImageShapedSamples() {
    LayerTestKit.of(() -> new InputLayer(2, 3, 2), 2, 3, 2).batch(2).run();
  }

  @Test
  void declaresTheBatchInputShape() {
    InputLayer input = new InputLayer(224, 224, 3);
    assertThat(input.batchInputShape().asArray()).containsExactly(-1, 224, 224, 3);
    assertThat(input.declaredInputShape().asArray()).containsExactly(-1, 224, 224, 3);
  }

  @Test
  void rejectsNonPositiveDimensions() {
    assertThatThrownBy(() -> new InputLayer(3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("InputLayer: ")
        .hasMessageContaining("positive")
        .hasMessageContaining("[3, 0]");
    assertThatThrownBy(() -> new InputLayer(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[-2]");
  }

  @Test
  void acceptsUnknownDimensionsAsKerasNone() {
    assertThat(new InputLayer(-1, 3).batchInputShape().asArray()).containsExactly(-1, -1, 3);
  }

  /** Keras names input layers one-based, {@code input_1}, {@code input_2}, … (keras-reference.md). */
  @Test
  void isNamedInput1Input2LikeKeras() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new InputLayer(1).name()).isEqualTo("input_1");
      assertThat(new InputLayer(1).name()).isEqualTo("input_2");
    }
  }

  @Test
  void writesTheKerasConfig() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new InputLayer(28, 28).name("pixels").getConfig();
      assertThat(config.keySet()).containsExactly("batch_input_shape", "dtype", "sparse", "ragged", "name");
      assertThat(config.get("batch_input_shape")).isEqualTo(Arrays.asList(null, 28, 28));
      assertThat(config.get("name")).isEqualTo("pixels");
    }
  }

  @Test
  void readsKeras3BatchShape() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("batch_shape", Arrays.asList(null, 5));
    config.put("name", "input_layer");
    InputLayer input = (InputLayer) LayerRegistry.fromConfig("InputLayer", config);
    assertThat(input.batchInputShape().asArray()).containsExactly(-1, 5);
    assertThat(input.name()).isEqualTo("input_layer");
  }

  @Test
  void rejectsAConfigWithoutAShape() {
    assertThatThrownBy(() -> LayerRegistry.fromConfig("InputLayer", Map.of("name", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("InputLayer config")
        .hasMessageContaining("batch_input_shape");
  }
}
