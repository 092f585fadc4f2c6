package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Sequential;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new Embedding(7, 3), 4)
        .integerInputs(7)
        .expectWeights(trainable("embeddings", 7, 3))
        .reference((x, shape, w) -> {
          double[] out = new double[x.length * 3];
          for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 3; j++) {
              out[i * 3 + j] = w.get(0)[(int) x[i] * 3 + j];
            }
          }
          return out;
        })
        .run();
  }

  @Test
  void maskZeroAndRankThreeInputsPassTheKit() {
    LayerTestKit.of(() -> new Embedding(5, 2).maskZero(true), 2, 3)
        .integerInputs(5)
        .expectWeights(trainable("embeddings", 5, 2))
        .run();
  }

  @Test
  void readsKeras2ConfigsWithInputLength() {
    Map<String, Object> config = new HashMap<>();
    config.put("name", "embedding_62");
    config.put("input_dim", 1000);
    config.put("output_dim", 20);
    config.put("mask_zero", true);
    config.put("input_length", 12);
    config.put("embeddings_initializer",
        Map.of("class_name", "RandomUniform", "config", Map.of("minval", -0.05, "maxval", 0.05)));
    try (var scope = KerasContext.isolated()) {
      Embedding e = (Embedding) LayerRegistry.fromConfig("Embedding", config);
      assertThat(e.maskZero()).isTrue();
      assertThat(e.inputLength()).isEqualTo(12);
      assertThat(e.declaredInputShape().asArray()).containsExactly(-1, 12);
      assertThat(e.computeOutputShape(Shapes.batchOf(12)).asArray()).containsExactly(-1, 12, 20);
      assertThat(e.getConfig()).containsEntry("input_length", 12).containsEntry("mask_zero", true);
    }
  }

  @Test
  void outOfRangeIdsFailNamingTheLayerTheValuesAndTheFix() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(1);
      try (Sequential model = new Sequential(new InputLayer(3), new Embedding(10, 2).name("words"))) {
        assertThatThrownBy(() -> model.predict(new float[][] {{1, 2, 10}}))
            .hasMessageContaining("Embedding 'words'")
            .hasMessageContaining("[0, input_dim=10)")
            .hasMessageContaining("10")
            .hasMessageContaining("larger input_dim");
        assertThatThrownBy(() -> model.predict(new float[][] {{-1, 2, 3}}))
            .hasMessageContaining("Embedding 'words'").hasMessageContaining("-1");
        assertThat(model.predict(new float[][] {{0, 9, 3.7f}})[0]).hasSize(6);
      }
    }
  }

  @Test
  void maskZeroMakesTheLstmSkipPaddingLikeKeras() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(4);
      Embedding embedding = new Embedding(6, 2).maskZero(true);
      LSTM lstm = new LSTM(3).returnSequences(true);
      LSTM last = new LSTM(2);
      try (Sequential model = new Sequential(new InputLayer(5), embedding, lstm, last)) {
        float[][] ids = {{0, 0, 3, 4, 5}, {1, 0, 2, 0, 0}};
        float[][] y = model.predict(ids);
        float[] table = embedding.embeddings().read();
        float[] x = new float[2 * 5 * 2];
        boolean[][] mask = new boolean[2][5];
        for (int n = 0; n < 2; n++) {
          for (int t = 0; t < 5; t++) {
            int id = (int) ids[n][t];
            mask[n][t] = id != 0;
            x[(n * 5 + t) * 2] = table[id * 2];
            x[(n * 5 + t) * 2 + 1] = table[id * 2 + 1];
          }
        }
        List<float[]> w1 = lstm.weights().stream().map(Weight::read).toList();
        double[] h1 = RnnReference.run("LSTM", 3, x, new long[] {2, 5, 2}, w1, mask, false, true, false);
        float[] h1f = new float[h1.length];
        for (int i = 0; i < h1.length; i++) {
          h1f[i] = (float) h1[i];
        }
        List<float[]> w2 = last.weights().stream().map(Weight::read).toList();
        double[] expected = RnnReference.run("LSTM", 2, h1f, new long[] {2, 5, 3}, w2, mask, false, false, false);
        for (int n = 0; n < 2; n++) {
          for (int j = 0; j < 2; j++) {
            assertThat((double) y[n][j]).isCloseTo(expected[n * 2 + j], within(1e-5));
          }
        }
      }
    }
  }

  @Test
  void maskingLayerMasksStepsEqualToTheMaskValue() {
    LayerTestKit.of(() -> new Masking(0.0), 3, 2).run();
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(2);
      SimpleRNN rnn = new SimpleRNN(2);
      try (Sequential model = new Sequential(new InputLayer(3, 2), new Masking(0.0), rnn)) {
        float[] x = {0.5f, -1, 0, 0, 2, 0.25f};
        var nd = org.tensorflow.ndarray.NdArrays.ofFloats(org.tensorflow.ndarray.Shape.of(1, 3, 2));
        nd.copyFrom(org.tensorflow.ndarray.buffer.DataBuffers.of(x, true, false));
        float[][] y = model.predict(nd);
        double[] expected = RnnReference.run("SimpleRNN", 2, x, new long[] {1, 3, 2},
            rnn.weights().stream().map(Weight::read).toList(), new boolean[][] {{true, false, true}}, false, false,
            false);
        assertThat((double) y[0][0]).isCloseTo(expected[0], within(1e-5));
        assertThat((double) y[0][1]).isCloseTo(expected[1], within(1e-5));
      }
    }
  }
}
