package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras 2's {@code CuDNNLSTM} / {@code CuDNNGRU} configs load as LSTM / GRU and their saved weights convert as
 * Keras 2's {@code _convert_rnn_weights}; expected values from {@code rnn/generate_cudnn_conversion.py} (NumPy).
 */
class CudnnConversionTest {

  private static float[] arange(int n, int offset) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + offset;
    }
    return v;
  }

  private static Recurrent<?> load(String cls) {
    Map<String, Object> config = new HashMap<>();
    config.put("name", "cudnn");
    config.put("units", 2);
    config.put("return_sequences", false);
    config.put("kernel_initializer", Map.of("class_name", "GlorotUniform", "config", Map.of()));
    Recurrent<?> layer = (Recurrent<?>) LayerRegistry.fromConfig(cls, config);
    layer.ensureBuilt(Shapes.batchOf(5, 3));
    return layer;
  }

  @Test
  void cudnnLstmLoadsAsLstmWithKerasConvertedWeights() {
    try (var scope = KerasContext.isolated()) {
      Recurrent<?> lstm = load("CuDNNLSTM");
      assertThat(lstm).isExactlyInstanceOf(LSTM.class);
      assertThat(lstm.className()).isEqualTo("LSTM");
      LegacyWeights lw = lstm;
      assertThat(lw.savedShape(lstm.bias())).containsExactly(16);
      assertThat(lw.fromSaved(lstm.kernel(), arange(24, 0))).containsExactly(
          0, 9, 2, 11, 4, 13, 6, 15, 1, 16, 3, 18, 5, 20, 7, 22, 8, 17, 10, 19, 12, 21, 14, 23);
      assertThat(lw.fromSaved(lstm.recurrentKernel(), arange(16, 100))).containsExactly(
          100, 108, 102, 110, 104, 112, 106, 114, 101, 109, 103, 111, 105, 113, 107, 115);
      assertThat(lw.fromSaved(lstm.bias(), arange(16, 1000))).containsExactly(
          2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022);
    }
  }

  @Test
  void cudnnGruLoadsAsResetAfterGruWithKerasConvertedWeights() {
    try (var scope = KerasContext.isolated()) {
      Recurrent<?> gru = load("CuDNNGRU");
      assertThat(gru).isExactlyInstanceOf(GRU.class);
      assertThat(((GRU) gru).resetAfter()).isTrue();
      assertThat(gru.bias().shape()).containsExactly(2, 6);
      LegacyWeights lw = gru;
      assertThat(lw.savedShape(gru.bias())).containsExactly(12);
      assertThat(lw.fromSaved(gru.kernel(), arange(18, 0))).containsExactly(
          0, 7, 2, 9, 4, 11, 1, 12, 3, 14, 5, 16, 6, 13, 8, 15, 10, 17);
      assertThat(lw.fromSaved(gru.recurrentKernel(), arange(12, 100))).containsExactly(
          100, 106, 102, 108, 104, 110, 101, 107, 103, 109, 105, 111);
      assertThat(lw.fromSaved(gru.bias(), arange(12, 1000))).containsExactly(arange(12, 1000));
    }
  }

  @Test
  void portableLayersReadTheirWeightsUnchanged() {
    try (var scope = KerasContext.isolated()) {
      Recurrent<?> lstm = load("LSTM");
      assertThat(lstm.savedShape(lstm.bias())).containsExactly(8);
      float[] k = arange(24, 0);
      assertThat(lstm.fromSaved(lstm.kernel(), k)).isSameAs(k);
    }
  }
}
