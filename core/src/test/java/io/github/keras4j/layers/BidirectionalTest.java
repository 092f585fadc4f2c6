package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BidirectionalTest {

  /** Forward and backward references merged as Keras does. */
  static double[] reference(String kind, int units, String mode, boolean sequences, float[] x, long[] shape,
      List<float[]> w, boolean[][] mask) {
    int half = w.size() / 2;
    double[] f = RnnReference.run(kind, units, x, shape, w.subList(0, half), mask, false, sequences, sequences);
    double[] b = RnnReference.run(kind, units, x, shape, w.subList(half, w.size()), mask, true, sequences,
        sequences);
    int n = (int) shape[0];
    int t = sequences ? (int) shape[1] : 1;
    if (sequences) { // back to input order
      double[] r = new double[b.length];
      for (int i = 0; i < n; i++) {
        for (int s = 0; s < t; s++) {
          System.arraycopy(b, (i * t + (t - 1 - s)) * units, r, (i * t + s) * units, units);
        }
      }
      b = r;
    }
    int rows = n * t;
    double[] out = new double[mode.equals("concat") ? 2 * rows * units : rows * units];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < units; j++) {
        double a = f[r * units + j];
        double c = b[r * units + j];
        switch (mode) {
          case "concat" -> {
            out[r * 2 * units + j] = a;
            out[r * 2 * units + units + j] = c;
          }
          case "sum" -> out[r * units + j] = a + c;
          case "ave" -> out[r * units + j] = (a + c) / 2;
          default -> out[r * units + j] = a * c;
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1} returnSequences={2}")
  @CsvSource({"LSTM,concat,true"})
  void passesTheLayerTestKit(String kind, String mode, boolean sequences) {
    int g = kind.equals("LSTM") ? 4 : kind.equals("GRU") ? 3 : 1;
    long[] bias = kind.equals("GRU") ? new long[] {2, 3 * 2} : new long[] {g * 2};
    String base = kind.equals("SimpleRNN") ? "simple_rnn" : kind.toLowerCase();
    LayerTestKit.of(() -> new Bidirectional(RecurrentTest.make(kind).returnSequences(sequences)).mergeMode(mode),
            3, 2)
        .expectWeights(
            trainable("forward_" + base + "/kernel", 2, g * 3L), trainable("forward_" + base + "/recurrent_kernel",
                3, g * 3L), trainable("forward_" + base + "/bias", kind.equals("GRU") ? new long[] {2, 9} :
                new long[] {g * 3L}),
            trainable("backward_" + base + "/kernel", 2, g * 3L),
            trainable("backward_" + base + "/recurrent_kernel", 3, g * 3L),
            trainable("backward_" + base + "/bias", kind.equals("GRU") ? new long[] {2, 9} : new long[] {g * 3L}))
        .reference((x, shape, w) -> reference(kind, 3, mode, sequences, x, shape, w, null))
        .run();
  }

  @org.junit.jupiter.api.Tag("slow")
  @ParameterizedTest(name = "{0} {1} returnSequences={2}")
  @CsvSource({"LSTM,concat,false", "LSTM,sum,true", "GRU,ave,true", "SimpleRNN,mul,false"})
  void otherMergeModesPassTheLayerTestKit(String kind, String mode, boolean sequences) {
    passesTheLayerTestKit(kind, mode, sequences);
  }

  @Test
  void acceptsABackwardLayerOfItsOwnAndRejectsBadOnes() {
    try (var scope = KerasContext.isolated()) {
      Bidirectional b = new Bidirectional(new LSTM(3)).backwardLayer(new LSTM(2).goBackwards(true).name("back"));
      assertThat(b.computeOutputShape(Shapes.batchOf(4, 2)).asArray()).containsExactly(-1, 5);
      b.ensureBuilt(Shapes.batchOf(4, 2));
      assertThat(b.backwardLayer().units()).isEqualTo(2);
      Map<String, Object> config = b.getConfig();
      Bidirectional copy = (Bidirectional) LayerRegistry.fromConfig("Bidirectional", config);
      assertThat(copy.getConfig()).isEqualTo(config);
      assertThatThrownBy(() -> new Bidirectional(new LSTM(3)).backwardLayer(new LSTM(3)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opposite value");
      assertThatThrownBy(() -> new Bidirectional(new LSTM(3)).mergeMode("max"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid merge_mode 'max'");
      Map<String, Object> dense = new HashMap<>();
      dense.put("layer", Map.of("class_name", "Dense", "config", Map.of("units", 2)));
      assertThatThrownBy(() -> LayerRegistry.fromConfig("Bidirectional", dense))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a recurrent layer");
    }
  }

  @Test
  void timeDistributedDensePassesTheKit() {
    LayerTestKit.of(() -> new TimeDistributed(new Dense(2).activation("tanh")), 3, 4)
        .expectWeights(trainable("kernel", 4, 2), trainable("bias", 2))
        .reference((x, shape, w) -> {
          int rows = x.length / 4;
          double[] out = new double[rows * 2];
          for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 2; j++) {
              double s = w.get(1)[j];
              for (int k = 0; k < 4; k++) {
                s += x[r * 4 + k] * (double) w.get(0)[k * 2 + j];
              }
              out[r * 2 + j] = Math.tanh(s);
            }
          }
          return out;
        })
        .run();
  }
}
