package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Orthogonal;
import io.github.keras4j.models.Sequential;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecurrentTest {
  private static final int UNITS = 3;

  static Recurrent<?> make(String kind) {
    return switch (kind) {
      case "LSTM" -> new LSTM(UNITS);
      case "GRU" -> new GRU(UNITS);
      case "GRU0" -> new GRU(UNITS).resetAfter(false);
      default -> new SimpleRNN(UNITS);
    };
  }

  /** One configuration per cell kind, run by the default build. */
  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("LSTM", true, true),
        Arguments.of("GRU", false, false),
        Arguments.of("GRU0", true, false),
        Arguments.of("SimpleRNN", true, true));
  }

  /** The other combinations (slow profile). */
  static Stream<Arguments> moreConfigurations() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (String kind : List.of("LSTM", "GRU", "GRU0", "SimpleRNN")) {
      for (boolean[] o : new boolean[][] {{false, false}, {true, false}, {true, true}, {false, true}}) {
        if (configurations().noneMatch(a -> a.get()[0].equals(kind) && a.get()[1].equals(o[0])
            && a.get()[2].equals(o[1]))) {
          b.add(Arguments.of(kind, o[0], o[1]));
        }
      }
    }
    return b.build();
  }

  @org.junit.jupiter.api.Tag("slow")
  @ParameterizedTest(name = "{0} returnSequences={1} goBackwards={2}")
  @MethodSource("moreConfigurations")
  void otherConfigurationsPassTheLayerTestKit(String kind, boolean sequences, boolean backwards) {
    passesTheLayerTestKit(kind, sequences, backwards);
  }

  @ParameterizedTest(name = "{0} returnSequences={1} goBackwards={2}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String kind, boolean sequences, boolean backwards) {
    Supplier<Recurrent<?>> factory = () -> make(kind).returnSequences(sequences).goBackwards(backwards);
    int g = kind.equals("LSTM") ? 4 : kind.startsWith("GRU") ? 3 : 1;
    long[] biasShape = kind.equals("GRU") ? new long[] {2, g * UNITS} : new long[] {g * UNITS};
    LayerTestKit.of(factory, 4, 2)
        .expectWeights(trainable("kernel", 2, g * UNITS), trainable("recurrent_kernel", UNITS, g * UNITS),
            trainable("bias", biasShape))
        .reference((x, shape, w) -> RnnReference.run(kind, UNITS, x, shape, w, null, backwards, sequences, false))
        .run();
  }

  @ParameterizedTest(name = "unrolled LSTM returnSequences={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true})
  void theUnrolledLstmLoopPassesTheKitToo(boolean sequences) {
    FusedLstm.enabled = false;
    try {
      LayerTestKit.of(() -> new LSTM(UNITS).returnSequences(sequences).goBackwards(sequences), 4, 2)
          .expectWeights(trainable("kernel", 2, 4 * UNITS), trainable("recurrent_kernel", UNITS, 4 * UNITS),
              trainable("bias", 4 * UNITS))
          .reference((x, shape, w) -> RnnReference.run("LSTM", UNITS, x, shape, w, null, sequences, sequences, false))
          .run();
    } finally {
      FusedLstm.enabled = true;
    }
  }

  @org.junit.jupiter.api.Tag("slow")
  @Test
  void withoutBiasPassesTheKit() {
    LayerTestKit.of(() -> new LSTM(2).useBias(false), 3, 2)
        .expectWeights(trainable("kernel", 2, 8), trainable("recurrent_kernel", 2, 8))
        .reference((x, shape, w) -> RnnReference.run("LSTM", 2, x, shape, w, null, false, false, false))
        .run();
  }

  @Test
  void usesKerasDefaults() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(3);
      LSTM lstm = new LSTM(4);
      assertThat(lstm.activation().name()).isEqualTo("tanh");
      assertThat(lstm.unitForgetBias()).isTrue();
      assertThat(lstm.returnSequences()).isFalse();
      lstm.ensureBuilt(Shapes.batchOf(5, 3));
      float[] bias = lstm.bias().read();
      assertThat(bias).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0);
      // The recurrent kernel (4, 16) is orthogonal by rows: R·Rᵀ = I.
      float[] r = lstm.recurrentKernel().read();
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          double dot = 0;
          for (int k = 0; k < 16; k++) {
            dot += r[i * 16 + k] * r[j * 16 + k];
          }
          assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-5));
        }
      }
      Map<String, Object> config = lstm.getConfig();
      assertThat(config).containsEntry("recurrent_activation", "sigmoid").containsEntry("units", 4)
          .containsEntry("unit_forget_bias", true).containsEntry("return_state", false);
      assertThat(((Map<?, ?>) config.get("recurrent_initializer")).get("class_name")).isEqualTo("Orthogonal");
      assertThat(new GRU(2).resetAfter()).isTrue();
    }
  }

  @Test
  void orthogonalIsOrthogonalForTallAndWideShapes() {
    for (long[] shape : new long[][] {{6, 3}, {3, 6}, {5, 5}}) {
      float[] v = new Orthogonal(2.0, 1L).generate(shape, 11);
      int rows = (int) shape[0];
      int cols = (int) shape[1];
      int m = Math.min(rows, cols);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          double dot = 0;
          for (int k = 0; k < Math.max(rows, cols); k++) {
            dot += rows >= cols ? v[k * cols + i] * v[k * cols + j] : v[i * cols + k] * v[j * cols + k];
          }
          assertThat(dot).as("shape %sx%s (%d,%d)", rows, cols, i, j).isCloseTo(i == j ? 4 : 0, within(1e-4));
        }
      }
    }
  }

  @Test
  void readsKerasConfigs() {
    Map<String, Object> config = new HashMap<>();
    config.put("name", "gru_7");
    config.put("units", 5);
    config.put("return_sequences", true);
    config.put("go_backwards", true);
    config.put("reset_after", false);
    config.put("recurrent_activation", "hard_sigmoid");
    config.put("dropout", 0.25);
    config.put("recurrent_initializer", Map.of("class_name", "OrthogonalInitializer",
        "config", Map.of("gain", 1.0)));
    GRU gru = (GRU) LayerRegistry.fromConfig("GRU", config);
    assertThat(gru.name()).isEqualTo("gru_7");
    assertThat(gru.units()).isEqualTo(5);
    assertThat(gru.returnSequences()).isTrue();
    assertThat(gru.goBackwards()).isTrue();
    assertThat(gru.resetAfter()).isFalse();
    assertThat(gru.dropout()).isEqualTo(0.25);
    assertThat(gru.getConfig()).containsEntry("recurrent_activation", "hard_sigmoid");
  }

  @Test
  void rejectsUnsupportedOptionsAndBadValuesClearly() {
    assertThatThrownBy(() -> new LSTM(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units must be a positive integer");
    assertThatThrownBy(() -> new LSTM(2).dropout(1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout must be in [0, 1]");
    Map<String, Object> stateful = new HashMap<>(Map.of("units", 2, "stateful", true, "name", "s"));
    assertThatThrownBy(() -> LayerRegistry.fromConfig("LSTM", stateful))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stateful=true is not supported");
    Map<String, Object> state = new HashMap<>(Map.of("units", 2, "return_state", true, "name", "s"));
    assertThat(((GRU) LayerRegistry.fromConfig("GRU", state)).returnState()).isTrue();
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new LSTM(2).ensureBuilt(Shapes.batchOf(4)))
          .isInstanceOf(IncompatibleShapeException.class).hasMessageContaining("expected ndim=3");
    }
  }

  /** The layer's weights as constants of their current values, for a graph built by hand. */
  static Map<Weight, org.tensorflow.Operand<org.tensorflow.types.TFloat32>> constantReads(
      org.tensorflow.op.Ops tf, Layer layer) {
    Map<Weight, org.tensorflow.Operand<org.tensorflow.types.TFloat32>> reads = new java.util.IdentityHashMap<>();
    for (Weight w : layer.weights()) {
      reads.put(w, tf.constant(org.tensorflow.ndarray.Shape.of(w.shape()),
          org.tensorflow.ndarray.buffer.DataBuffers.of(w.read(), true, false)));
    }
    return reads;
  }

  @Test
  void unknownTimeStepsGetAProgramPerLengthOrFailClearlyOutsideAModel() {
    try (var scope = KerasContext.isolated()) {
      GRU gru = new GRU(2);
      try (Sequential model = new Sequential(new InputLayer(-1, 3), gru)) {
        // A model builds a program for the data's number of steps (as tf.function retraces per shape) ...
        for (int steps : new int[] {4, 6, 4}) {
          float[] xs = new float[2 * steps * 3];
          for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) Math.cos(0.7 * i);
          }
          org.tensorflow.ndarray.FloatNdArray nd =
              org.tensorflow.ndarray.NdArrays.ofFloats(org.tensorflow.ndarray.Shape.of(2, steps, 3));
          nd.copyFrom(org.tensorflow.ndarray.buffer.DataBuffers.of(xs, true, false));
          float[][] y = model.predict(nd);
          double[] expected = RnnReference.run("GRU", 2, xs, new long[] {2, steps, 3},
              gru.weights().stream().map(Weight::read).toList(), null, false, false, false);
          for (int i = 0; i < 4; i++) {
            assertThat((double) y[i / 2][i % 2]).as("steps=%d", steps).isCloseTo(expected[i], within(1e-5));
          }
        }
        model.compile("sgd", "mse");
        org.tensorflow.ndarray.FloatNdArray x5 =
            org.tensorflow.ndarray.NdArrays.ofFloats(org.tensorflow.ndarray.Shape.of(4, 5, 3));
        model.fit(x5, new float[4][2], new io.github.keras4j.models.FitOptions().epochs(1).verbose(0));
        org.tensorflow.ndarray.FloatNdArray x7 =
            org.tensorflow.ndarray.NdArrays.ofFloats(org.tensorflow.ndarray.Shape.of(2, 7, 3));
        assertThatThrownBy(() -> model.fit(x5, new float[4][2], new io.github.keras4j.models.FitOptions().epochs(1)
            .verbose(0).validationData(List.of(x7), List.<float[][]>of(new float[2][2]))))
            .hasMessageContaining("pad both to one length");
      }
      // ... while a graph built by hand with unknown steps gets a clear message.
      GRU direct = new GRU(2).name("direct");
      direct.ensureBuilt(Shapes.batchOf(-1, 3));
      try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
        org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
        var in = tf.placeholder(org.tensorflow.types.TFloat32.class,
            org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, -1, 3)));
        Map<Weight, org.tensorflow.Operand<org.tensorflow.types.TFloat32>> reads = constantReads(tf, direct);
        assertThatThrownBy(() -> direct.call(tf, in, new LayerTestKit.KitCallContext(reads, false, 1)))
            .hasMessageContaining("number of time steps must be known");
      }
      // The fused LSTM kernel takes the number of steps at run time.
      LSTM lstm = new LSTM(2);
      lstm.ensureBuilt(Shapes.batchOf(-1, 3));
      float[] x = new float[2 * 4 * 3];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(i);
      }
      try (org.tensorflow.Graph g = new org.tensorflow.Graph();
          org.tensorflow.Session session = new org.tensorflow.Session(g);
          var xt = org.tensorflow.types.TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(2, 4, 3),
              org.tensorflow.ndarray.buffer.DataBuffers.of(x, true, false))) {
        org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
        var in = tf.placeholder(org.tensorflow.types.TFloat32.class,
            org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, -1, 3)));
        Map<Weight, org.tensorflow.Operand<org.tensorflow.types.TFloat32>> reads = constantReads(tf, lstm);
        var out = lstm.call(tf, in, new LayerTestKit.KitCallContext(reads, false, 1));
        try (var result = session.runner().feed(in, xt).fetch(out).run()) {
          float[] y = new float[4];
          ((org.tensorflow.types.TFloat32) result.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(y,
              false, false));
          double[] expected = RnnReference.run("LSTM", 2, x, new long[] {2, 4, 3},
              lstm.weights().stream().map(Weight::read).toList(), null, false, false, false);
          for (int i = 0; i < 4; i++) {
            assertThat((double) y[i]).isCloseTo(expected[i], within(1e-5));
          }
        }
      }
    }
  }

  @Test
  void dropoutChangesTrainingOutputsOnly() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(5);
      LSTM lstm = new LSTM(3).dropout(0.5).recurrentDropout(0.5).returnSequences(true);
      lstm.ensureBuilt(Shapes.batchOf(4, 2));
      float[] x = new float[2 * 4 * 2];
      Random random = new Random(1);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      long[] shape = {2, 4, 2};
      float[] inference = LayerTestKit.forward(lstm, x, shape, false, 1).values();
      float[] training = LayerTestKit.forward(lstm, x, shape, true, 1).values();
      double[] expected = RnnReference.run("LSTM", 3, x, shape,
          lstm.weights().stream().map(Weight::read).toList(), null, false, true, false);
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) inference[i]).isCloseTo(expected[i], within(1e-5));
      }
      assertThat(training).isNotEqualTo(inference);
      for (float v : training) {
        assertThat(Float.isFinite(v)).isTrue();
      }
    }
  }
}
