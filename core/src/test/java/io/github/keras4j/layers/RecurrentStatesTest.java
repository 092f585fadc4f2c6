package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Keras's {@code return_state} and {@code initial_state} for LSTM, GRU, SimpleRNN and Bidirectional (merge_mode
 * None), checked against PyTorch ({@code rnn/state_references.json}, written by {@code generate_state_references.py})
 * and against finite differences for the gradients through the states.
 */
class RecurrentStatesTest {
  private KerasContext.Scope scope;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(3);
  }

  @AfterEach
  void restore() {
    scope.close();
    FusedLstm.enabled = !"false".equals(System.getProperty("keras4j.rnn.fused"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> references() throws IOException {
    try (InputStream in = RecurrentStatesTest.class.getResourceAsStream(
        "/io/github/keras4j/layers/rnn/state_references.json")) {
      return new ObjectMapper().readValue(in, Map.class);
    }
  }

  @SuppressWarnings("unchecked")
  static float[] floats(Object list) {
    List<Number> l = (List<Number>) list;
    float[] out = new float[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l.get(i).floatValue();
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static double[] doubles(Object list) {
    return ((List<Number>) list).stream().mapToDouble(Number::doubleValue).toArray();
  }

  static FloatNdArray nd(float[] values, long... shape) {
    FloatNdArray a = NdArrays.ofFloats(Shape.of(shape));
    a.copyFrom(DataBuffers.of(values, true, false));
    return a;
  }

  static float[][] rows(float[] values, int batch) {
    int cols = values.length / batch;
    float[][] out = new float[batch][cols];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(values, i * cols, out[i], 0, cols);
    }
    return out;
  }

  static void assertClose(String what, float[][] actual, double[] expected) {
    int cols = actual[0].length;
    assertThat(actual.length * cols).as("%s: number of values", what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double a = actual[i / cols][i % cols];
      if (!(Math.abs(a - expected[i]) <= 1e-5 * Math.max(1, Math.abs(expected[i])))) {
        fail("%s: value %d is %s, PyTorch says %s", what, i, a, expected[i]);
      }
    }
  }

  /** The case's input {@code (b, t, f)} followed by its initial states as rows. */
  @SuppressWarnings("unchecked")
  static List<Object> feeds(Map<String, Object> c, int b, int t, int f) {
    List<Object> feeds = new ArrayList<>();
    feeds.add(nd(floats(c.get("x")), b, t, f));
    for (Object s : (List<Object>) c.get("initial_state")) {
      feeds.add(rows(floats(s), b));
    }
    return feeds;
  }

  static Recurrent<?> layer(String kind, int units) {
    return switch (kind) {
      case "LSTM" -> new LSTM(units);
      case "GRU" -> new GRU(units);
      default -> new SimpleRNN(units);
    };
  }

  @SuppressWarnings("unchecked")
  private void checkSingle(String name, boolean fused) throws IOException {
    FusedLstm.enabled = fused;
    Map<String, Object> all = references();
    int b = ((Number) all.get("batch")).intValue();
    int t = ((Number) all.get("steps")).intValue();
    int f = ((Number) all.get("features")).intValue();
    int u = ((Number) all.get("units")).intValue();
    Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) all.get("cases")).get(name);
    String kind = (String) c.get("kind");
    int g = kind.equals("LSTM") ? 4 : kind.equals("GRU") ? 3 : 1;
    List<Object> init = (List<Object>) c.get("initial_state");
    Recurrent<?> rnn = layer(kind, u).returnSequences(true).returnState(true)
        .goBackwards((Boolean) c.get("go_backwards"));
    KerasTensor x = Input.shape(t, f);
    List<KerasTensor> inputs = new ArrayList<>(List.of(x));
    for (int i = 0; i < init.size(); i++) {
      inputs.add(Input.shape(u));
    }
    List<KerasTensor> outs = rnn.applyMulti(inputs);
    assertThat(outs).hasSize(kind.equals("LSTM") ? 3 : 2);
    assertThat(outs.get(1).tensorIndex()).isEqualTo(1);
    assertThat(outs.get(1).shape().asArray()).containsExactly(-1, u);
    List<Object> biasShape = (List<Object>) c.get("bias_shape");
    long[] bs = biasShape.stream().mapToLong(o -> ((Number) o).longValue()).toArray();
    rnn.setWeights(List.of(nd(floats(c.get("kernel")), f, (long) g * u),
        nd(floats(c.get("recurrent_kernel")), u, (long) g * u), nd(floats(c.get("bias")), bs)));
    try (Model model = new Model(inputs, outs)) {
      List<Object> feeds = feeds(c, b, t, f);
      List<float[][]> y = model.predict(feeds);
      assertClose(name + " sequence (fused=" + fused + ")", y.get(0), doubles(c.get("sequence")));
      List<Object> states = (List<Object>) c.get("states");
      for (int i = 0; i < states.size(); i++) {
        assertClose(name + " state " + i + " (fused=" + fused + ")", y.get(1 + i), doubles(states.get(i)));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lstm_initial_state", "lstm_zero_state_backwards", "gru_initial_state", "gru_zero_state",
      "simple_rnn_initial_state"})
  void returnStateAndInitialStateMatchPyTorch(String name) throws IOException {
    checkSingle(name, true);
    if (name.startsWith("lstm")) {
      checkSingle(name, false);
    }
  }

  @SuppressWarnings("unchecked")
  @Test
  void bidirectionalWithoutMergeReturnsBothDirectionsAndStatesAsPyTorch() throws IOException {
    Map<String, Object> all = references();
    int b = ((Number) all.get("batch")).intValue();
    int t = ((Number) all.get("steps")).intValue();
    int f = ((Number) all.get("features")).intValue();
    int u = ((Number) all.get("units")).intValue();
    Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) all.get("cases")).get("bidirectional_lstm");
    Bidirectional bi = new Bidirectional(new LSTM(u).returnSequences(true).returnState(true)).mergeMode(null);
    KerasTensor x = Input.shape(t, f);
    List<KerasTensor> inputs = new ArrayList<>(List.of(x));
    for (int i = 0; i < 4; i++) {
      inputs.add(Input.shape(u));
    }
    List<KerasTensor> outs = bi.applyMulti(inputs);
    assertThat(outs).hasSize(6);
    assertThat(outs.get(0).shape().asArray()).containsExactly(-1, t, u);
    assertThat(outs.get(1).shape().asArray()).containsExactly(-1, t, u);
    List<FloatNdArray> w = new ArrayList<>();
    for (String dir : List.of("forward", "backward")) {
      Map<String, Object> d = (Map<String, Object>) c.get(dir);
      w.add(nd(floats(d.get("kernel")), f, 4L * u));
      w.add(nd(floats(d.get("recurrent_kernel")), u, 4L * u));
      w.add(nd(floats(d.get("bias")), 4L * u));
    }
    bi.setWeights(w);
    try (Model model = new Model(inputs, outs)) {
      List<Object> feeds = feeds(c, b, t, f);
      List<float[][]> y = model.predict(feeds);
      assertClose("forward sequence", y.get(0), doubles(c.get("forward_sequence")));
      assertClose("backward sequence", y.get(1), doubles(c.get("backward_sequence")));
      List<Object> states = (List<Object>) c.get("states");
      for (int i = 0; i < 4; i++) {
        assertClose("state " + i, y.get(2 + i), doubles(states.get(i)));
      }
      // tf.keras prints output_shape, a list of tuples, cut at the column's end.
      assertThat(model.summaryString()).contains("bidirectional (Bidirectional)   [(None, 5, 4), (None 256 ");
    }
    // merge_mode concat with return_state: [concat(forward, backward), h_f, c_f, h_b, c_b]
    Bidirectional concat = new Bidirectional(new LSTM(u).returnSequences(true).returnState(true));
    List<KerasTensor> cin = new ArrayList<>(List.of(Input.shape(t, f)));
    for (int i = 0; i < 4; i++) {
      cin.add(Input.shape(u));
    }
    List<KerasTensor> couts = concat.applyMulti(cin);
    assertThat(couts).hasSize(5);
    assertThat(couts.get(0).shape().asArray()).containsExactly(-1, t, 2 * u);
    concat.setWeights(w);
    try (Model model = new Model(cin, couts)) {
      List<Object> feeds = feeds(c, b, t, f);
      List<float[][]> y = model.predict(feeds);
      double[] fs = doubles(c.get("forward_sequence"));
      double[] bs = doubles(c.get("backward_sequence"));
      double[] joined = new double[fs.length + bs.length];
      for (int row = 0; row < b * t; row++) {
        System.arraycopy(fs, row * u, joined, row * 2 * u, u);
        System.arraycopy(bs, row * u, joined, row * 2 * u + u, u);
      }
      assertClose("concatenated sequence", y.get(0), joined);
      assertClose("backward c", y.get(4), doubles(((List<Object>) c.get("states")).get(3)));
    }
    assertThatThrownBy(() -> new Bidirectional(new LSTM(u)).backwardLayer(new LSTM(u).goBackwards(true)
        .returnState(true))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("return_state");
    assertThatThrownBy(() -> new Bidirectional(new LSTM(u)).apply(x, Input.shape(u)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expects 4 initial state tensors");
    Map<String, Object> config = bi.getConfig();
    assertThat(config).containsEntry("merge_mode", null);
    Bidirectional copy = (Bidirectional) LayerRegistry.fromConfig("Bidirectional", config);
    assertThat(copy.mergeMode()).isNull();
    assertThat(copy.outputCount()).isEqualTo(6);
  }

  // ---------------------------------------------------------------- gradients through the states

  static Recurrent<?> stateLayer(String kind) {
    return layer(kind.startsWith("LSTM") ? "LSTM" : kind, 3).returnSequences(kind.equals("GRU"))
        .returnState(true);
  }

  /** The kit's checks of the layer's own output (config round trip with return_state, shapes, gradients). */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "GRU", "SimpleRNN"})
  void returnStateLayersPassTheLayerTestKit(String kind) {
    Supplier<Recurrent<?>> factory = () -> stateLayer(kind);
    int g = kind.equals("LSTM") ? 4 : kind.equals("GRU") ? 3 : 1;
    LayerTestKit.of(factory, 4, 2)
        .expectWeights(trainable("kernel", 2, g * 3), trainable("recurrent_kernel", 3, g * 3),
            trainable("bias", kind.equals("GRU") ? new long[] {2, 9} : new long[] {g * 3}))
        .runWithoutTrainingStep();
  }

  /**
   * d/d(x, initial states, weights) of {@code Σ r·[output, h, (c)]} by TensorFlow equals central differences: the
   * gradient flows into the initial states and out of the final ones (fused LSTM kernel and unrolled loop).
   */
  @ParameterizedTest
  @ValueSource(strings = {"LSTM", "LSTM-unrolled", "GRU", "SimpleRNN"})
  void gradientsFlowThroughInitialAndFinalStates(String kind) {
    FusedLstm.enabled = !kind.equals("LSTM-unrolled");
    Recurrent<?> rnn = stateLayer(kind);
    int batch = 2;
    int steps = 4;
    int states = kind.startsWith("LSTM") ? 2 : 1;
    rnn.ensureBuilt(Shapes.batchOf(steps, 2));
    Random random = new Random(11);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      List<Placeholder<TFloat32>> ph = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      List<long[]> shapes = new ArrayList<>();
      shapes.add(new long[] {batch, steps, 2});
      for (int i = 0; i < states; i++) {
        shapes.add(new long[] {batch, 3});
      }
      for (Weight w : rnn.weights()) {
        shapes.add(w.shape());
      }
      Map<Weight, Operand<TFloat32>> reads = new IdentityHashMap<>();
      for (int i = 0; i < shapes.size(); i++) {
        ph.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shapes.get(i)))));
        int n = 1;
        for (long d : shapes.get(i)) {
          n *= (int) d;
        }
        float[] v = new float[n];
        if (i <= states) {
          for (int j = 0; j < n; j++) {
            v[j] = (float) random.nextGaussian() * 0.7f;
          }
        } else {
          v = rnn.weights().get(i - 1 - states).read();
          reads.put(rnn.weights().get(i - 1 - states), ph.get(i));
        }
        values.add(v);
      }
      List<Operand<TFloat32>> ins = new ArrayList<>(ph.subList(0, 1 + states));
      List<Operand<TFloat32>> outs =
          rnn.callOutputs(tf, ins, new LayerTestKit.KitCallContext(reads, false, 1));
      assertThat(outs).hasSize(1 + states);
      Operand<TFloat64> y = null;
      for (Operand<TFloat32> o : outs) {
        Operand<TFloat64> term = tf.sum(tf.math.mul(tf.dtypes.cast(o, TFloat64.class),
            tf.dtypes.cast(tf.math.sin(tf.math.add(o, tf.constant(1f))), TFloat64.class)),
            tf.range(tf.constant(0), tf.rank(o), tf.constant(1)));
        y = y == null ? term : tf.math.add(y, term);
      }
      var grads = tf.gradients(y, new ArrayList<Operand<?>>(ph));
      List<float[]> analytic = new ArrayList<>();
      Session.Runner runner = feed(session.runner(), ph, values, shapes);
      for (int i = 0; i < ph.size(); i++) {
        runner.fetch(grads.dy(i));
      }
      try (Result r = runner.run()) {
        for (int i = 0; i < ph.size(); i++) {
          analytic.add(LayerTestKit.floats((TFloat32) r.get(i)));
        }
      }
      Random pick = new Random(5);
      for (int i = 0; i < ph.size(); i++) {
        for (int k = 0; k < 3; k++) {
          int coordinate = pick.nextInt(values.get(i).length);
          float base = values.get(i)[coordinate];
          double eps = 1e-3;
          double plus = evaluate(session, ph, values, shapes, y, i, coordinate, (float) (base + eps));
          double minus = evaluate(session, ph, values, shapes, y, i, coordinate, (float) (base - eps));
          double numeric = (plus - minus) / (2 * eps);
          double exact = analytic.get(i)[coordinate];
          if (!(Math.abs(numeric - exact) <= 1e-2 * Math.max(Math.abs(numeric), Math.abs(exact)) + 1e-3)) {
            fail("%s: d/d input %d [%d] is %s by TensorFlow but %s by central differences", kind, i, coordinate,
                exact, numeric);
          }
        }
      }
    }
  }

  private static Session.Runner feed(
      Session.Runner runner, List<Placeholder<TFloat32>> ph, List<float[]> values, List<long[]> shapes) {
    for (int i = 0; i < ph.size(); i++) {
      runner.feed(ph.get(i), LayerTestKit.tensor(shapes.get(i), values.get(i)));
    }
    return runner;
  }

  private static double evaluate(Session session, List<Placeholder<TFloat32>> ph, List<float[]> values,
      List<long[]> shapes, Operand<TFloat64> y, int target, int coordinate, float value) {
    List<float[]> changed = new ArrayList<>(values);
    float[] copy = values.get(target).clone();
    copy[coordinate] = value;
    changed.set(target, copy);
    try (Result r = feed(session.runner(), ph, changed, shapes).fetch(y).run()) {
      return ((TFloat64) r.get(0)).getDouble();
    }
  }

  // ---------------------------------------------------------------- API errors and Keras's rules

  @Test
  void singleOutputApiAndSequentialRejectMultiOutputLayersClearly() {
    LSTM lstm = new LSTM(4).returnState(true).name("enc");
    KerasTensor x = Input.shape(5, 3);
    assertThatThrownBy(() -> lstm.apply(x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LSTM 'enc' returns 3 tensors")
        .hasMessageContaining("applyMulti");
    assertThat(lstm.inboundNodes()).isEmpty();
    assertThatThrownBy(() -> new Sequential(new InputLayer(5, 3), new GRU(2).returnState(true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("All layers in a Sequential model should have a single output tensor");
    assertThatThrownBy(() -> new LSTM(4).apply(x, Input.shape(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expects 2 initial state tensor(s)");
    assertThatThrownBy(() -> new GRU(4).apply(x, Input.shape(5)))
        .isInstanceOf(IncompatibleShapeException.class)
        .hasMessageContaining("initial state 0 must have shape (batch, units=4)");
    List<KerasTensor> outs = lstm.applyMulti(x);
    assertThatThrownBy(lstm::output).isInstanceOf(IllegalStateException.class).hasMessageContaining("outputs()");
    assertThat(lstm.outputs()).isEqualTo(outs);
    assertThat(new Dense(2).applyMulti(x)).hasSize(1);
  }
}
