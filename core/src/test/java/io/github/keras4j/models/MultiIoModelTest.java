package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Concatenate;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.IncompatibleShapeException;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.MeanSquaredError;
import io.github.keras4j.losses.SparseCategoricalCrossentropy;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Functional models with several inputs and outputs: fit, evaluate, predict, Keras's log names, saving, errors. */
class MultiIoModelTest {
  private static final int N = 40;
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(13);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  // ---------------------------------------------------------------- data and models

  private static float[][] gaussian(int n, int features, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][features];
    for (float[] row : x) {
      for (int j = 0; j < features; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  private static FloatNdArray nd(float[][] rows) {
    int features = rows[0].length;
    float[] flat = new float[rows.length * features];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * features, features);
    }
    return NdArrays.wrap(Shape.of(rows.length, features), DataBuffers.of(flat, true, false));
  }

  /** Two inputs (3 and 2 features) → two Dense branches → Concatenate → Dense(1) named "y". */
  private static Model twoInputs() {
    KerasTensor a = Input.shape("xa", 3);
    KerasTensor b = Input.shape("xb", 2);
    KerasTensor ha = new Dense(4).activation("tanh").name("da").apply(a);
    KerasTensor hb = new Dense(4).activation("tanh").name("db").apply(b);
    KerasTensor h = new Concatenate().name("cat").apply(ha, hb);
    return new Model(List.of(a, b), List.of(new Dense(1).name("y").apply(h))).name("two_in");
  }

  /** One input of 4 → shared trunk Dense(8) → heads "a" (3-way softmax) and "b" (sigmoid). */
  private static Model twoOutputs() {
    KerasTensor x = Input.shape("x", 4);
    KerasTensor h = new Dense(8).activation("relu").name("trunk").apply(x);
    KerasTensor a = new Dense(3).activation("softmax").name("a").apply(h);
    KerasTensor b = new Dense(1).activation("sigmoid").name("b").apply(h);
    return new Model(List.of(x), List.of(a, b)).name("two_out");
  }

  /** Two inputs and two outputs: inputs (4) and (2); outputs "a" (softmax 3) and "b" (linear 1). */
  private static Model twoByTwo() {
    KerasTensor x1 = Input.shape("x1", 4);
    KerasTensor x2 = Input.shape("x2", 2);
    KerasTensor h = new Concatenate().name("join").apply(
        new Dense(6).activation("relu").name("d1").apply(x1), new Dense(3).activation("relu").name("d2").apply(x2));
    KerasTensor a = new Dense(3).activation("softmax").name("a").apply(h);
    KerasTensor b = new Dense(1).name("b").apply(h);
    return new Model(List.of(x1, x2), List.of(a, b)).name("two_by_two");
  }

  /** Sparse class labels (one column) and binary labels for the two-output model, from the inputs. */
  private static float[][][] twoOutputLabels(float[][] x) {
    float[][] classes = new float[x.length][1];
    float[][] binary = new float[x.length][1];
    for (int i = 0; i < x.length; i++) {
      float s = x[i][0] + x[i][1];
      classes[i][0] = s < -0.5f ? 0 : s < 0.5f ? 1 : 2;
      binary[i][0] = x[i][2] - x[i][3] > 0 ? 1 : 0;
    }
    return new float[][][] {classes, binary};
  }

  /** Each layer's weights out of the model's getWeights(), by layer name. */
  private static Map<String, List<FloatNdArray>> weightsByLayer(Model model) {
    List<FloatNdArray> all = model.getWeights();
    Map<String, List<FloatNdArray>> out = new HashMap<>();
    int k = 0;
    for (Layer layer : model.layers()) {
      int count = layer.weights().size();
      out.put(layer.name(), all.subList(k, k + count));
      k += count;
    }
    assertThat(k).isEqualTo(all.size());
    return out;
  }

  private static double[] dense(List<FloatNdArray> w, double[] in, String activation) {
    FloatNdArray kernel = w.get(0);
    FloatNdArray bias = w.get(1);
    int units = (int) kernel.shape().size(1);
    double[] z = new double[units];
    for (int u = 0; u < units; u++) {
      double sum = bias.getFloat(u);
      for (int j = 0; j < in.length; j++) {
        sum += in[j] * kernel.getFloat(j, u);
      }
      z[u] = switch (activation) {
        case "relu" -> Math.max(0, sum);
        case "tanh" -> Math.tanh(sum);
        case "sigmoid" -> 1 / (1 + Math.exp(-sum));
        default -> sum;
      };
    }
    if (activation.equals("softmax")) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double total = 0;
      for (int u = 0; u < units; u++) {
        z[u] = Math.exp(z[u] - max);
        total += z[u];
      }
      for (int u = 0; u < units; u++) {
        z[u] /= total;
      }
    }
    return z;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = new double[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  // ---------------------------------------------------------------- two inputs

  @Test
  void trainsATwoInputModelAndPredictsAsAManualForwardPass() {
    float[][] xa = gaussian(N, 3, 1);
    float[][] xb = gaussian(N, 2, 2);
    float[][] y = new float[N][1];
    for (int i = 0; i < N; i++) {
      y[i][0] = xa[i][0] - 0.5f * xa[i][2] + xb[i][1];
    }
    try (Model model = twoInputs()) {
      assertThat(model.inputShapes()).extracting(Shape::asArray).containsExactly(new long[] {-1, 3}, new long[] {-1, 2});
      assertThat(model.outputShapes()).extracting(Shape::asArray).containsExactly(new long[] {-1, 1});
      assertThat(model.outputNames()).containsExactly("y");
      assertThatThrownBy(model::inputShape).isInstanceOf(IllegalStateException.class).hasMessageContaining("inputShapes()");
      assertThat(model.outputShape().asArray()).containsExactly(-1, 1);

      model.compile(new Adam(0.02), "mse");
      History history =
          model.fit(List.of(nd(xa), nd(xb)), y, new FitOptions().batchSize(8).epochs(30).verbose(0).seed(3));
      List<Double> loss = history.get("loss");
      assertThat(history.history().keySet()).containsExactly("loss");
      assertThat(loss).hasSize(30);
      assertThat(loss.get(29)).isLessThan(loss.get(0) * 0.5);

      List<float[][]> predicted = model.predict(List.of(nd(xa), nd(xb)), new PredictOptions().batchSize(7));
      assertThat(predicted).hasSize(1);
      Map<String, List<FloatNdArray>> w = weightsByLayer(model);
      double mse = 0;
      for (int i = 0; i < N; i++) {
        double[] h = concat(dense(w.get("da"), toDouble(xa[i]), "tanh"), dense(w.get("db"), toDouble(xb[i]), "tanh"));
        double out = dense(w.get("y"), h, "linear")[0];
        assertThat((double) predicted.get(0)[i][0]).as("sample %d", i).isCloseTo(out, within(1e-5));
        mse += (out - y[i][0]) * (out - y[i][0]) / N;
      }
      Map<String, Double> evaluated = model.evaluate(List.of(nd(xa), nd(xb)), List.<float[][]>of(y), new EvaluateOptions().verbose(0));
      assertThat(evaluated.keySet()).containsExactly("loss");
      assertThat(evaluated.get("loss")).isCloseTo(mse, within(1e-5));
    }
  }

  /**
   * Two inputs, two outputs and a BatchNormalization (whose moving statistics are updates of their own), trained and
   * evaluated with 4 steps per execution: 7 steps per epoch run as 4, then 2 in the same block (its last 2 steps
   * gated off: they must neither train nor move the statistics), then a single step for the partial batch — the same
   * losses and weights as single steps.
   */
  @Test
  void twoByTwoWithBatchNormTrainsInBlocksAsInSingleSteps() {
    float[][] x1 = gaussian(N, 4, 21);
    float[][] x2 = gaussian(N, 2, 22);
    float[][][] labels = twoOutputLabels(x1);
    List<Map<String, List<Double>>> histories = new ArrayList<>();
    List<List<float[]>> weights = new ArrayList<>();
    List<Double> evaluated = new ArrayList<>();
    List<FloatNdArray> initial = null;
    for (int perExecution : new int[] {1, 4}) {
      KerasTensor in1 = Input.shape("x1", 4);
      KerasTensor in2 = Input.shape("x2", 2);
      KerasTensor h = new io.github.keras4j.layers.BatchNormalization().name("bn").apply(
          new Concatenate().name("join").apply(new Dense(6).activation("relu").name("d1").apply(in1),
              new Dense(3).activation("relu").name("d2").apply(in2)));
      try (Model model = new Model(List.of(in1, in2), List.of(new Dense(3).activation("softmax").name("a").apply(h),
          new Dense(1).activation("sigmoid").name("b").apply(h)))) {
        if (initial == null) {
          initial = model.getWeights();
        } else {
          model.setWeights(initial);
        }
        model.compile(new Adam(0.02), List.of(new SparseCategoricalCrossentropy(), new BinaryCrossentropy()),
            "accuracy");
        model.stepsPerExecution(perExecution);
        histories.add(model.fit(List.of(nd(x1), nd(x2)), List.of(labels[0], labels[1]),
            new FitOptions().batchSize(6).epochs(3).seed(7).verbose(0)).history());
        assertThat(model.optimizer().iterationCount()).isEqualTo(3 * 7);
        weights.add(model.weights().stream().map(io.github.keras4j.layers.Weight::read).toList());
        evaluated.add(model.evaluate(List.of(nd(x1), nd(x2)), List.of(labels[0], labels[1]),
            new EvaluateOptions().batchSize(6).verbose(0)).get("loss"));
      }
    }
    assertThat(histories.get(1).keySet()).isEqualTo(histories.get(0).keySet());
    for (String key : histories.get(0).keySet()) {
      for (int e = 0; e < 3; e++) {
        assertThat(histories.get(1).get(key).get(e)).as("%s epoch %d", key, e)
            .isCloseTo(histories.get(0).get(key).get(e), within(1e-5));
      }
    }
    for (int i = 0; i < weights.get(0).size(); i++) {
      float[] a = weights.get(0).get(i);
      float[] b = weights.get(1).get(i);
      for (int j = 0; j < a.length; j++) {
        assertThat(b[j]).as("weight %d [%d]", i, j).isCloseTo(a[j], within(1e-5f));
      }
    }
    assertThat(evaluated.get(1)).isCloseTo(evaluated.get(0), within(1e-5));
  }

  // ---------------------------------------------------------------- two outputs

  @Test
  void twoOutputsReportKerasLogNamesAndTheTotalLossIsTheSumOfTheOutputLosses() {
    float[][] x = gaussian(N, 4, 5);
    float[][][] labels = twoOutputLabels(x);
    try (Model model = twoOutputs()) {
      model.compile(new Adam(0.02), List.of(new SparseCategoricalCrossentropy(), new BinaryCrossentropy()),
          "accuracy");
      History history = model.fit(List.of(nd(x)), List.of(labels[0], labels[1]),
          new FitOptions().batchSize(8).epochs(25).verbose(0).seed(4).validationSplit(0.25));
      assertThat(history.history().keySet()).containsExactly(
          "loss", "a_loss", "b_loss", "a_accuracy", "b_accuracy",
          "val_loss", "val_a_loss", "val_b_loss", "val_a_accuracy", "val_b_accuracy");
      for (int e = 0; e < 25; e++) {
        assertThat(history.get("loss").get(e))
            .isCloseTo(history.get("a_loss").get(e) + history.get("b_loss").get(e), within(1e-5));
        assertThat(history.get("val_loss").get(e))
            .isCloseTo(history.get("val_a_loss").get(e) + history.get("val_b_loss").get(e), within(1e-5));
      }
      assertThat(history.get("loss").get(24)).isLessThan(history.get("loss").get(0));
      // validationData with lists: the val_ logs are the evaluation of those arrays after the epoch.
      int split = N * 3 / 4;
      List<FloatNdArray> valX = List.of(nd(java.util.Arrays.copyOfRange(x, split, N)));
      List<float[][]> valY =
          List.of(java.util.Arrays.copyOfRange(labels[0], split, N), java.util.Arrays.copyOfRange(labels[1], split, N));
      History more = model.fit(List.of(nd(x)), List.of(labels[0], labels[1]),
          new FitOptions().epochs(1).verbose(0).seed(5).validationData(valX, valY));
      Map<String, Double> after = model.evaluate(valX, valY, new EvaluateOptions().verbose(0));
      for (String key : after.keySet()) {
        assertThat(more.get("val_" + key).get(0)).as(key).isCloseTo(after.get(key), within(1e-6));
      }
      assertThat(history.get("a_accuracy").get(24)).isGreaterThan(0.6);
      assertThat(history.get("b_accuracy").get(24)).isGreaterThan(0.6);

      Map<String, Double> logs = model.evaluate(List.of(nd(x)), List.of(labels[0], labels[1]),
          new EvaluateOptions().batchSize(6).verbose(0));
      assertThat(logs.keySet()).containsExactly("loss", "a_loss", "b_loss", "a_accuracy", "b_accuracy");
      assertThat(logs.get("loss")).isCloseTo(logs.get("a_loss") + logs.get("b_loss"), within(1e-5));

      // The logs against the predictions, and the predictions against a forward pass by hand.
      List<float[][]> p = model.predictOutputs(nd(x), new PredictOptions());
      assertThat(p).hasSize(2);
      assertThat(model.predict(List.of(nd(x)), new PredictOptions()).get(1)).isDeepEqualTo(p.get(1));
      Map<String, List<FloatNdArray>> w = weightsByLayer(model);
      double aLoss = 0;
      double bLoss = 0;
      double aAcc = 0;
      double bAcc = 0;
      for (int i = 0; i < N; i++) {
        double[] h = dense(w.get("trunk"), toDouble(x[i]), "relu");
        double[] a = dense(w.get("a"), h, "softmax");
        double b = dense(w.get("b"), h, "sigmoid")[0];
        for (int c = 0; c < 3; c++) {
          assertThat((double) p.get(0)[i][c]).isCloseTo(a[c], within(1e-5));
        }
        assertThat((double) p.get(1)[i][0]).isCloseTo(b, within(1e-5));
        int cls = (int) labels[0][i][0];
        float t = labels[1][i][0];
        aLoss -= Math.log(a[cls]) / N;
        bLoss -= (t * Math.log(b) + (1 - t) * Math.log(1 - b)) / N;
        int argmax = a[0] >= a[1] && a[0] >= a[2] ? 0 : a[1] >= a[2] ? 1 : 2;
        aAcc += (argmax == cls ? 1.0 : 0.0) / N;
        bAcc += ((b > 0.5 ? 1 : 0) == t ? 1.0 : 0.0) / N;
      }
      assertThat(logs.get("a_loss")).isCloseTo(aLoss, within(1e-4));
      assertThat(logs.get("b_loss")).isCloseTo(bLoss, within(1e-4));
      assertThat(logs.get("a_accuracy")).isCloseTo(aAcc, within(1e-6));
      assertThat(logs.get("b_accuracy")).isCloseTo(bAcc, within(1e-6));
    }
  }

  @Test
  void oneLossAppliesToEveryOutputAndSeveralMetricsComeOutputByOutput() {
    float[][] x = gaussian(N, 4, 6);
    float[][] ya = new float[N][3];
    float[][] yb = new float[N][1];
    for (int i = 0; i < N; i++) {
      ya[i][i % 3] = 1;
      yb[i][0] = x[i][0] > 0 ? 1 : 0;
    }
    try (Model model = twoOutputs()) {
      model.compile(new SGD(0.05), "mse", "accuracy", "mse");
      assertThat(model.losses()).hasSize(1);
      Map<String, Double> logs = model.evaluate(List.of(nd(x)), List.of(ya, yb), new EvaluateOptions().verbose(0));
      assertThat(logs.keySet()).containsExactly(
          "loss", "a_loss", "b_loss", "a_accuracy", "a_mse", "b_accuracy", "b_mse");
      assertThat(logs.get("a_mse")).isCloseTo(logs.get("a_loss"), within(1e-6));
      assertThat(logs.get("b_mse")).isCloseTo(logs.get("b_loss"), within(1e-6));
      assertThat(logs.get("loss")).isCloseTo(logs.get("a_loss") + logs.get("b_loss"), within(1e-5));
      History h = model.fit(List.of(nd(x)), List.of(ya, yb), new FitOptions().epochs(2).verbose(0).seed(1));
      assertThat(h.history().keySet()).containsExactly(
          "loss", "a_loss", "b_loss", "a_accuracy", "a_mse", "b_accuracy", "b_mse");
    }
  }

  @Test
  void splitsAndShufflesEveryArrayInUnison() {
    int n = 23;
    float[] x0 = new float[n];
    float[] x1 = new float[n * 2];
    float[] y0 = new float[n];
    for (int i = 0; i < n; i++) {
      x0[i] = i;
      x1[2 * i] = -i;
      x1[2 * i + 1] = 100 + i;
      y0[i] = 2 * i;
    }
    ArrayBatches all = new ArrayBatches(List.of(x0, x1), List.of(new long[] {1}, new long[] {2}), List.of(y0),
        new int[] {1}, false, 0, n, 32, false, 0);
    assertThat(all.sampleShapes()).hasSize(2);
    assertThat(all.labelSizes()).containsExactly(1);
    ArrayBatches tail = all.range(5, 18, 4, true, 9);
    tail.onEpochBegin(1);
    List<Integer> seen = new ArrayList<>();
    for (int step = 0; step < tail.steps(); step++) {
      BatchSource.Batch batch = tail.batch(step);
      for (int i = 0; i < batch.size(); i++) {
        int s = (int) batch.xs().get(0)[i];
        seen.add(s);
        assertThat(batch.xs().get(1)[2 * i]).isEqualTo(-s);
        assertThat(batch.xs().get(1)[2 * i + 1]).isEqualTo(100 + s);
        assertThat(batch.ys().get(0)[i]).isEqualTo(2 * s);
        assertThat(batch.y()[i]).isEqualTo(2 * s);
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(5, 23).boxed().toList());
    assertThat(seen).isNotEqualTo(java.util.stream.IntStream.range(5, 23).boxed().toList());
  }

  // ---------------------------------------------------------------- saving

  @ParameterizedTest
  @ValueSource(strings = {"multi.keras", "multi.h5"})
  void savesAndLoadsAMultiInputMultiOutputModel(String fileName) throws Exception {
    float[][] x1 = gaussian(N, 4, 7);
    float[][] x2 = gaussian(N, 2, 8);
    float[][] ya = new float[N][1];
    float[][] yb = new float[N][1];
    for (int i = 0; i < N; i++) {
      ya[i][0] = i % 3;
      yb[i][0] = x1[i][0] + x2[i][1];
    }
    List<FloatNdArray> xs = List.of(nd(x1), nd(x2));
    List<float[][]> ys = List.of(ya, yb);
    FitOptions options = new FitOptions().batchSize(8).epochs(1).shuffle(false).verbose(0).seed(2);
    try (Model model = twoByTwo()) {
      model.compile(new Adam(0.01), List.of(new SparseCategoricalCrossentropy(), new MeanSquaredError()), "accuracy");
      model.fit(xs, ys, options);
      Path file = dir.resolve(fileName);
      model.save(file);
      Map<String, Double> uninterrupted = model.evaluate(xs, ys, new EvaluateOptions().verbose(0));
      double nextLoss = model.fit(xs, ys, options).get("loss").get(0);
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.inputs()).hasSize(2);
        assertThat(loaded.outputNames()).containsExactly("a", "b");
        assertThat(loaded.losses()).extracting(Loss::name)
            .containsExactly("sparse_categorical_crossentropy", "mean_squared_error");
        assertThat(loaded.metricNames()).containsExactly("accuracy");
        assertThat(loaded.toJson()).isEqualTo(model.toJson());
        assertThat(loaded.evaluate(xs, ys, new EvaluateOptions().verbose(0))).isEqualTo(uninterrupted);
        assertThat(loaded.fit(xs, ys, options).get("loss").get(0)).isEqualTo(nextLoss);
        List<float[][]> expected = model.predict(xs, new PredictOptions());
        List<float[][]> actual = loaded.predict(xs, new PredictOptions());
        assertThat(actual).hasSize(2);
        assertThat(actual.get(0)).isDeepEqualTo(expected.get(0));
        assertThat(actual.get(1)).isDeepEqualTo(expected.get(1));
      }
    }
  }

  // ---------------------------------------------------------------- errors

  @Test
  void rejectsDataThatDoesNotFitTheInputsAndOutputs() {
    float[][] x1 = gaussian(10, 4, 1);
    float[][] x2 = gaussian(10, 2, 2);
    float[][] ya = new float[10][1];
    float[][] yb = new float[10][1];
    try (Model model = twoByTwo()) {
      model.compile(new SGD(0.1), List.of(new SparseCategoricalCrossentropy(), new MeanSquaredError()));
      FitOptions quiet = new FitOptions().verbose(0);
      assertThatThrownBy(() -> model.fit(List.of(nd(x1)), List.of(ya, yb), quiet))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expects 2 input array(s) [x1, x2], but got 1");
      assertThatThrownBy(() -> model.fit(List.of(nd(x1), nd(gaussian(9, 2, 3))), List.of(ya, yb), quiet))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Data cardinality is ambiguous: x sizes: [10, 9], y sizes: [10, 10]");
      assertThatThrownBy(() -> model.fit(List.of(nd(x1), nd(x2)), List.of(ya, new float[8][1]), quiet))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("y sizes: [10, 8]");
      assertThatThrownBy(() -> model.fit(List.of(nd(x1), nd(gaussian(10, 3, 3))), List.of(ya, yb), quiet))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("Input 1 ('x2') of model 'two_by_two'")
          .hasMessageContaining("expected shape=(None, 2), but received input with shape=(None, 3)");
      assertThatThrownBy(() -> model.fit(List.of(nd(x1), nd(x2)), ya, quiet))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has 2 output(s) [a, b] and needs one label array per output, but got 1");
      assertThatThrownBy(() -> model.fit(List.of(nd(x1), nd(x2)), List.of(ya, new float[10][2]), quiet))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("output 'b'")
          .hasMessageContaining("expects labels shaped like the output (None, 1), but the labels have 2 values");
      float[][] outOfRange = new float[10][1];
      outOfRange[4][0] = 3;
      assertThatThrownBy(() -> model.evaluate(List.of(nd(x1), nd(x2)), List.of(outOfRange, yb), new EvaluateOptions()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("output 'a'")
          .hasMessageContaining("label 3.0 at index 4 is outside the valid range [0, 3)");
      assertThatThrownBy(() -> model.predict(List.of(nd(x2), nd(x1)), new PredictOptions()))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("Input 0 ('x1')");
      assertThatThrownBy(() -> model.predict(nd(x1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("2 outputs [a, b]");
      assertThatThrownBy(() -> model.compile(new SGD(0.1), List.of(new MeanSquaredError(), new MeanSquaredError(),
              new MeanSquaredError())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("one entry per model output. The model has 2 outputs [a, b], but got 3 losses");
      assertThatThrownBy(() -> model.compile(new SGD(0.1), List.of()))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void singleInputSingleOutputModelsKeepTheirArrayApi() {
    float[][] x = gaussian(N, 3, 4);
    float[][] y = new float[N][1];
    for (int i = 0; i < N; i++) {
      y[i][0] = x[i][0];
    }
    KerasTensor in = Input.shape(3);
    try (Model model = new Model(in, new Dense(1).name("out").apply(in))) {
      model.compile(new SGD(0.1), "mse", "mse");
      Map<String, Double> listed = model.evaluate(List.of(nd(x)), y, new EvaluateOptions().verbose(0));
      Map<String, Double> plain = model.evaluate(nd(x), y, new EvaluateOptions().verbose(0));
      assertThat(listed).isEqualTo(plain).containsOnlyKeys("loss", "mse");
      assertThat(model.predict(List.of(nd(x)), new PredictOptions()).get(0)).isDeepEqualTo(model.predict(nd(x)));
      assertThat(model.predictOutputs(nd(x), new PredictOptions()).get(0)).isDeepEqualTo(model.predict(nd(x)));
    }
  }
}
