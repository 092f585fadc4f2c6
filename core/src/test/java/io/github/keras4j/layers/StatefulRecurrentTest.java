package io.github.keras4j.layers;

import static io.github.keras4j.layers.RecurrentStatesTest.nd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Keras's {@code stateful=True} for LSTM, GRU and SimpleRNN: a sequence fed in two halves over two calls equals
 * PyTorch's output over the whole sequence ({@code rnn/stateful_references.json}, written by
 * {@code generate_stateful_references.py}); {@code resetStates} starts again from zeros; the batch size is checked;
 * the states are not weights (not saved); fit updates them too.
 */
class StatefulRecurrentTest {
  private static final int HALF = 3;

  private KerasContext.Scope scope;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(5);
  }

  @AfterEach
  void restore() {
    scope.close();
    FusedLstm.enabled = !"false".equals(System.getProperty("keras4j.rnn.fused"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> references() throws IOException {
    try (InputStream in = StatefulRecurrentTest.class.getResourceAsStream(
        "/io/github/keras4j/layers/rnn/stateful_references.json")) {
      return new ObjectMapper().readValue(in, Map.class);
    }
  }

  private static int intOf(Map<String, Object> all, String key) {
    return ((Number) all.get(key)).intValue();
  }

  /** Steps {@code [from, from + n)} of a flat {@code (b, t, d)} array, flat {@code (b, n, d)}. */
  private static float[] steps(float[] flat, int b, int t, int d, int from, int n) {
    float[] out = new float[b * n * d];
    for (int i = 0; i < b; i++) {
      System.arraycopy(flat, (i * t + from) * d, out, i * n * d, n * d);
    }
    return out;
  }

  private static void assertClose(String what, float[][] actual, float[] expected) {
    int cols = actual[0].length;
    assertThat(actual.length * cols).as("%s: number of values", what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double a = actual[i / cols][i % cols];
      if (!(Math.abs(a - expected[i]) <= 1e-5 * Math.max(1, Math.abs(expected[i])))) {
        fail("%s: value %d is %s, PyTorch (whole sequence) says %s", what, i, a, expected[i]);
      }
    }
  }

  /** Builds a stateful model of {@code kind} with the reference weights, for batches of the reference's size. */
  @SuppressWarnings("unchecked")
  private static Model statefulModel(String kind, Map<String, Object> all) {
    int b = intOf(all, "batch");
    int f = intOf(all, "features");
    int u = intOf(all, "units");
    Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) all.get("cases")).get(kind);
    Recurrent<?> rnn = RecurrentStatesTest.layer(kind, u).stateful(true).returnSequences(true);
    KerasTensor in = Input.batchShape(b, HALF, f);
    Model model = new Model(in, rnn.apply(in));
    int g = rnn.gates();
    long[] biasShape = kind.equals("GRU") ? new long[] {2, (long) g * u} : new long[] {(long) g * u};
    rnn.setWeights(List.of(nd(RecurrentStatesTest.floats(c.get("kernel")), f, (long) g * u),
        nd(RecurrentStatesTest.floats(c.get("recurrent_kernel")), u, (long) g * u),
        nd(RecurrentStatesTest.floats(c.get("bias")), biasShape)));
    return model;
  }

  @SuppressWarnings("unchecked")
  private static void checkHalves(String kind, Model model, Map<String, Object> all) {
    int b = intOf(all, "batch");
    int t = intOf(all, "steps");
    int f = intOf(all, "features");
    int u = intOf(all, "units");
    Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) all.get("cases")).get(kind);
    float[] x = RecurrentStatesTest.floats(c.get("x"));
    float[] seq = RecurrentStatesTest.floats(c.get("sequence"));
    FloatNdArray first = nd(steps(x, b, t, f, 0, HALF), b, HALF, f);
    FloatNdArray second = nd(steps(x, b, t, f, HALF, t - HALF), b, t - HALF, f);
    PredictOptions options = new PredictOptions().batchSize(b);
    assertClose(kind + " first half", model.predict(first, options), steps(seq, b, t, u, 0, HALF));
    assertClose(kind + " second half (continues)", model.predict(second, options),
        steps(seq, b, t, u, HALF, t - HALF));
    model.resetStates();
    assertClose(kind + " first half after resetStates", model.predict(first, options), steps(seq, b, t, u, 0, HALF));
  }

  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "LSTM-unfused", "GRU", "SimpleRNN"})
  void twoCallsContinueTheSequenceAndResetStartsAgain(String variant) throws IOException {
    FusedLstm.enabled = !variant.endsWith("-unfused");
    String kind = variant.replace("-unfused", "");
    Map<String, Object> all = references();
    try (Model model = statefulModel(kind, all)) {
      checkHalves(kind, model, all);
    }
  }

  @Test
  void layerResetStatesAndStatesAreNotWeights() throws IOException {
    Map<String, Object> all = references();
    try (Model model = statefulModel("LSTM", all)) {
      LSTM lstm = (LSTM) model.layers().get(1);
      assertThat(lstm.stateful()).isTrue();
      assertThat(lstm.weights()).extracting(Weight::name).containsExactly("kernel", "recurrent_kernel", "bias");
      assertThat(lstm.states()).hasSize(2);
      assertThat(lstm.states().get(0).shape()).containsExactly(2, 4);
      assertThat(model.countParams()).isEqualTo(4L * (3 * 4 + 4 * 4 + 4));
      float[][] before = model.predict(nd(new float[2 * HALF * 3], 2, HALF, 3), new PredictOptions().batchSize(2));
      float[] x = new float[2 * HALF * 3];
      java.util.Arrays.fill(x, 0.7f);
      model.predict(nd(x, 2, HALF, 3), new PredictOptions().batchSize(2));
      assertThat(lstm.states().get(1).read()).as("c after a call").isNotEqualTo(new float[8]);
      lstm.resetStates();
      assertThat(lstm.states().get(0).read()).containsOnly(0f);
      assertThat(model.predict(nd(new float[2 * HALF * 3], 2, HALF, 3), new PredictOptions().batchSize(2)))
          .isDeepEqualTo(before);
    }
    try (Model model = statefulModel("LSTM", all)) {
      LSTM lstm = (LSTM) model.layers().get(1);
      float[] h = new float[8];
      float[] c = new float[8];
      for (int i = 0; i < 8; i++) {
        h[i] = 0.1f * i;
        c[i] = -0.05f * i;
      }
      lstm.resetStates(List.of(nd(h, 2, 4), nd(c, 2, 4)));
      assertThat(lstm.states().get(0).read()).containsExactly(h);
      assertThat(lstm.states().get(1).read()).containsExactly(c);
      float[][] fromGiven = model.predict(nd(new float[2 * HALF * 3], 2, HALF, 3), new PredictOptions().batchSize(2));
      lstm.resetStates();
      assertThat(java.util.Arrays.deepEquals(fromGiven,
          model.predict(nd(new float[2 * HALF * 3], 2, HALF, 3), new PredictOptions().batchSize(2)))).isFalse();
      assertThatThrownBy(() -> lstm.resetStates(List.of(nd(h, 2, 4))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 state(s) [h, c]");
      assertThatThrownBy(() -> lstm.resetStates(List.of(nd(h, 4, 2), nd(c, 2, 4))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state 0 has shape [2, 4]");
    }
    assertThatThrownBy(() -> new LSTM(3).resetStates())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not stateful");
  }

  @Test
  void batchSizeIsRequiredAndChecked() throws IOException {
    assertThatThrownBy(() -> new Sequential(new GRU(4).stateful(true).name("g").inputShape(3, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("If a RNN is stateful, it needs to know its batch size")
        .hasMessageContaining("GRU 'g'")
        .hasMessageContaining("batchSize(batch)");
    Map<String, Object> all = references();
    try (Model model = statefulModel("SimpleRNN", all)) {
      String name = model.layers().get(1).name();
      // 5 samples in batches of 2: the last batch has 1 sample.
      FloatNdArray five = nd(new float[5 * HALF * 3], 5, HALF, 3);
      assertThatThrownBy(() -> model.predict(five, new PredictOptions().batchSize(2)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SimpleRNN '" + name + "' is stateful with batch size 2")
          .hasMessageContaining("got a batch of 1 samples")
          .hasMessageContaining("feed batches of exactly 2 samples");
      assertThatThrownBy(() -> model.predict(nd(new float[4 * HALF * 3], 4, HALF, 3),
              new PredictOptions().batchSize(4)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got a batch of 4 samples");
    }
  }

  @Test
  void configRoundTripKeepsStatefulAndBatchSize() {
    Sequential model = new Sequential(new LSTM(4).stateful(true).name("l").inputShape(3, 2).batchSize(2));
    Map<String, Object> config = model.getLayer("l").getConfig();
    assertThat(config).containsEntry("stateful", true);
    assertThat((List<Object>) config.get("batch_input_shape")).containsExactly(2, 3, 2);
    LSTM copy = (LSTM) LayerRegistry.fromConfig("LSTM", config);
    assertThat(copy.stateful()).isTrue();
    assertThat(copy.declaredInputShape().asArray()).containsExactly(2, 3, 2);
    assertThat(((InputLayer) LayerRegistry.fromConfig("InputLayer",
        Map.of("batch_shape", java.util.Arrays.asList(2, 3, null), "name", "in"))).batchInputShape().asArray())
        .containsExactly(2, 3, -1);
    model.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h5", "keras"})
  void savesWithoutStatesAndLoadsBackStateful(String format, @TempDir Path dir) throws IOException {
    Map<String, Object> all = references();
    Path file = dir.resolve("stateful." + format);
    try (Model model = statefulModel("GRU", all)) {
      model.predict(nd(new float[2 * HALF * 3], 2, HALF, 3), new PredictOptions().batchSize(2));
      model.save(file);
    }
    if (format.equals("h5")) {
      String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(bytes).contains("recurrent_kernel").doesNotContain("rnn_state");
    }
    try (Model loaded = Models.load(file)) {
      GRU gru = (GRU) loaded.layers().get(1);
      assertThat(gru.stateful()).isTrue();
      assertThat(gru.weights()).hasSize(3);
      assertThat(gru.states()).hasSize(1);
      assertThat(loaded.inputShapes().get(0).asArray()).containsExactly(2, HALF, 3);
      checkHalves("GRU", loaded, all);
    }
  }

  @Test
  void fitWithoutShuffleTrainsAndCarriesStates() {
    Sequential model = new Sequential(
        new LSTM(6).stateful(true).inputShape(4, 2).batchSize(2), new Dense(1));
    model.compile(new Adam(0.05), "mse");
    java.util.Random random = new java.util.Random(7);
    float[] x = new float[4 * 4 * 2];
    float[] y = new float[4];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int s = 0; s < 4; s++) {
      y[s] = x[s * 8] > 0 ? 1f : -1f;
    }
    FitOptions options = new FitOptions().batchSize(2).epochs(15).shuffle(false).verbose(0);
    History history = model.fit(nd(x, 4, 4, 2), y, options);
    List<Double> loss = history.get("loss");
    assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0) * 0.5);
    LSTM lstm = (LSTM) model.layers().get(0);
    assertThat(lstm.states().get(0).read()).as("h after fit").isNotEqualTo(new float[12]);
    model.resetStates();
    assertThat(lstm.states().get(0).read()).containsOnly(0f);
    model.evaluate(nd(x, 4, 4, 2), y, new io.github.keras4j.models.EvaluateOptions().batchSize(2).verbose(0));
    assertThat(lstm.states().get(0).read()).as("h after evaluate").isNotEqualTo(new float[12]);
    // The Sequential's JSON keeps the batch size and stateful (Keras 2's batch_input_shape).
    Model copy = Models.fromJson(model.toJson());
    assertThat(copy.inputShapes().get(0).asArray()).containsExactly(2, 4, 2);
    assertThat(((LSTM) copy.layers().get(0)).stateful()).isTrue();
    assertThat(model.toJson()).contains("\"stateful\": true");
    model.close();
    copy.close();
  }

  /** Several steps per execution chain the states from step to step as single steps do. */
  @Test
  void stepsPerExecutionCarriesStatesAsSingleSteps() {
    assertBlocksCarryStatesAsSingleSteps(() -> new SimpleRNN(3), 8, 2);
  }

  /**
   * Executions shorter than the block (5 steps at 3 per execution: 3 + 2, in training and in evaluate) carry the
   * states as single steps: the block's steps that do not run assign no state.
   */
  @Test
  void aShorterExecutionCarriesStatesAsSingleSteps() {
    assertBlocksCarryStatesAsSingleSteps(() -> new GRU(3), 10, 3);
  }

  /**
   * Trains two copies of a stateful {@code rnn(3) → Dense(1)} model (batches of 2) on the same {@code samples}
   * sequences, one step per execution and {@code perExecution} steps per execution, then evaluates both: the
   * losses, the iteration counts and the final states agree.
   */
  private static void assertBlocksCarryStatesAsSingleSteps(
      java.util.function.Supplier<Recurrent<?>> rnn, int samples, int perExecution) {
    float[] x = new float[samples * 3 * 2];
    float[] y = new float[samples];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(0.37 * i);
    }
    for (int s = 0; s < samples; s++) {
      y[s] = (float) Math.cos(0.7 * s);
    }
    Recurrent<?> first = rnn.get();
    Recurrent<?> second = rnn.get();
    try (Sequential single = new Sequential(first.stateful(true).inputShape(3, 2).batchSize(2), new Dense(1));
        Sequential blocks = new Sequential(second.stateful(true).inputShape(3, 2).batchSize(2), new Dense(1))) {
      blocks.setWeights(single.getWeights());
      single.compile(new Adam(0.05), "mse");
      blocks.compile(new Adam(0.05), "mse");
      blocks.stepsPerExecution(perExecution);
      FitOptions options = new FitOptions().batchSize(2).epochs(2).shuffle(false).verbose(0);
      List<Double> a = single.fit(nd(x, samples, 3, 2), y, options).get("loss");
      List<Double> b = blocks.fit(nd(x, samples, 3, 2), y, options).get("loss");
      for (int e = 0; e < a.size(); e++) {
        assertThat(b.get(e)).as("epoch %d loss", e).isCloseTo(a.get(e), org.assertj.core.data.Offset.offset(1e-5));
      }
      assertThat(blocks.optimizer().iterationCount()).isEqualTo(single.optimizer().iterationCount());
      io.github.keras4j.models.EvaluateOptions once = new io.github.keras4j.models.EvaluateOptions().batchSize(2)
          .verbose(0);
      single.resetStates();
      blocks.resetStates();
      double evalSingle = single.evaluate(nd(x, samples, 3, 2), y, once).get("loss");
      double evalBlocks = blocks.evaluate(nd(x, samples, 3, 2), y, once).get("loss");
      assertThat(evalBlocks).as("evaluate with stepsPerExecution").isCloseTo(evalSingle,
          org.assertj.core.data.Offset.offset(1e-5));
      float[] h1 = first.states().get(0).read();
      float[] h2 = second.states().get(0).read();
      assertThat(h1).isNotEqualTo(new float[6]);
      assertThat(h2).containsExactly(h1, org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void bidirectionalKeepsBothDirectionsStates() {
    KerasTensor in = Input.batchShape(2, 3, 2);
    Bidirectional bi = new Bidirectional(new GRU(3).stateful(true));
    try (Model model = new Model(in, bi.apply(in))) {
      assertThat(bi.states()).hasSize(2);
      float[] x = new float[2 * 3 * 2];
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.1f * i - 0.5f;
      }
      PredictOptions options = new PredictOptions().batchSize(2);
      float[][] first = model.predict(nd(x, 2, 3, 2), options);
      float[][] again = model.predict(nd(x, 2, 3, 2), options);
      assertThat(java.util.Arrays.deepEquals(again, first)).as("second call continues").isFalse();
      model.resetStates();
      assertThat(model.predict(nd(x, 2, 3, 2), options)).isDeepEqualTo(first);
    }
  }
}
