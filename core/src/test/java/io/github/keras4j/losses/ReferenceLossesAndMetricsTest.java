package io.github.keras4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every new loss and the epoch-exact metrics against NumPy references of Keras 3's formulas
 * ({@code reference_losses_metrics.py}, output committed beside it). The model is the identity, so the loss and
 * metrics see the reference predictions; batches of 3 over 8 samples check that metrics are exact over the epoch,
 * not averages of batch values.
 */
class ReferenceLossesAndMetricsTest {
  private static final Map<String, double[]> REF = new HashMap<>();
  private static final EvaluateOptions BATCHES_OF_3 = new EvaluateOptions().batchSize(3).verbose(0);

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ReferenceLossesAndMetricsTest.class.getResourceAsStream("reference_losses_metrics.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.trim().split(" ");
        double[] values = new double[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
          values[i - 1] = Double.parseDouble(parts[i]);
        }
        REF.put(parts[0], values);
      }
    }
  }

  private static float[][] matrix(String name) {
    double[] v = REF.get(name);
    float[][] out = new float[8][3];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 3; j++) {
        out[i][j] = (float) v[i * 3 + j];
      }
    }
    return out;
  }

  private static double ref(String name) {
    return REF.get(name)[0];
  }

  /** Evaluates the identity model: predictions = x. */
  private static Map<String, Double> evaluate(Loss loss, float[][] x, float[][] y, String... metrics) {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Activation("linear").inputShape(3))) {
      model.compile(new SGD(), loss, metrics);
      return model.evaluate(x, y, BATCHES_OF_3);
    }
  }

  private static Map<String, Double> evaluate(Loss loss, float[][] x, int[] y, String... metrics) {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Activation("linear").inputShape(3))) {
      model.compile(new SGD(), loss, metrics);
      return model.evaluate(x, y, BATCHES_OF_3);
    }
  }

  private static void assertLoss(Loss loss, String pred, String truth, String key) {
    assertThat(evaluate(loss, matrix(pred), matrix(truth)).get("loss")).as(key).isCloseTo(ref(key), within(
        Math.abs(ref(key)) * 2e-6 + 2e-6));
  }

  @Test
  void regressionLossesMatchKeras() {
    assertLoss(new MeanAbsoluteError(), "reg_pred", "reg_true", "mean_absolute_error");
    assertLoss(new MeanAbsolutePercentageError(), "reg_pred", "reg_true", "mean_absolute_percentage_error");
    assertLoss(new Huber(), "reg_pred", "reg_true", "huber");
    assertLoss(new Huber(2.0), "reg_pred", "reg_true", "huber_delta_2");
    assertLoss(new LogCosh(), "reg_pred", "reg_true", "log_cosh");
    assertLoss(new CosineSimilarity(), "reg_pred", "reg_true", "cosine_similarity");
    assertLoss(new MeanSquaredLogarithmicError(), "pos_pred", "pos_true", "mean_squared_logarithmic_error");
    assertLoss(new Poisson(), "pos_pred", "pos_true", "poisson");
  }

  @Test
  void hingeLossesMatchKerasWithSignedAndBinaryLabels() {
    float[][] truth = matrix("reg_true");
    float[][] signs = new float[8][3];
    float[][] bits = new float[8][3];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 3; j++) {
        signs[i][j] = truth[i][j] > 0 ? 1f : -1f;
        bits[i][j] = truth[i][j] > 0 ? 1f : 0f;
      }
    }
    float[][] pred = matrix("reg_pred");
    assertThat(evaluate(new Hinge(), pred, signs).get("loss")).isCloseTo(ref("hinge"), within(1e-6));
    assertThat(evaluate(new SquaredHinge(), pred, signs).get("loss")).isCloseTo(ref("squared_hinge"), within(1e-6));
    assertThat(evaluate(new Hinge(), pred, bits).get("loss")).isCloseTo(ref("hinge_binary_labels"), within(1e-6));
  }

  @Test
  void probabilisticLossesMatchKeras() {
    assertLoss(new CategoricalHinge(), "probs", "onehot", "categorical_hinge");
    assertLoss(new KLDivergence(), "probs", "onehot", "kl_divergence");
    assertLoss(new CategoricalCrossentropy(false, 0.1), "probs", "onehot", "categorical_crossentropy_smoothing_0.1");
    assertLoss(new BinaryCrossentropy(true, 0.2), "logits", "onehot",
        "binary_crossentropy_from_logits_smoothing_0.2");
    int[] labels = {0, 1, 2, 1, 0, 2, 2, 1};
    assertThat(evaluate(new SparseCategoricalCrossentropy(true), matrix("logits"), labels).get("loss"))
        .isCloseTo(ref("sparse_categorical_crossentropy_from_logits"), within(2e-6));
  }

  @Test
  void statefulMetricsAreExactOverTheEpoch() {
    Map<String, Double> logs = evaluate(new CategoricalCrossentropy(), matrix("probs"), matrix("onehot"),
        "precision", "recall", "auc", "f1_score", "top_k_categorical_accuracy");
    assertThat(logs.get("precision")).isCloseTo(ref("precision"), within(1e-9));
    assertThat(logs.get("recall")).isCloseTo(ref("recall"), within(1e-9));
    assertThat(logs.get("auc")).isCloseTo(ref("auc"), within(1e-9));
    assertThat(logs.get("f1_score")).isCloseTo(ref("f1_score"), within(1e-6));
    assertThat(logs.get("top_k_categorical_accuracy")).isEqualTo(1.0); // k = 5 > 3 classes
    Map<String, Double> regression = evaluate(new MeanSquaredError(), matrix("reg_pred"), matrix("reg_true"),
        "root_mean_squared_error", "mae");
    assertThat(regression.get("root_mean_squared_error")).isCloseTo(ref("root_mean_squared_error"), within(2e-6));
    assertThat(regression.get("mae")).isCloseTo(ref("mean_absolute_error"), within(2e-6));
  }

  @Test
  void prAucMatchesKerasInterpolation() {
    io.github.keras4j.metrics.AUC pr =
        new io.github.keras4j.metrics.AUC("pr_auc", io.github.keras4j.metrics.AUC.curve("PR"), 200);
    // The ROC test above fills the same state; PR only changes result(): rebuild the counts here.
    float[][] probs = matrix("probs");
    float[][] onehot = matrix("onehot");
    double[] state = new double[800];
    for (int t = 0; t < 200; t++) {
      float threshold = t == 0 ? (float) -1e-7 : t == 199 ? (float) (1 + 1e-7) : (float) (t * 1.0 / 199);
      for (int i = 0; i < 8; i++) {
        for (int j = 0; j < 3; j++) {
          boolean above = probs[i][j] > threshold;
          boolean positive = onehot[i][j] == 1f;
          int kind = above ? (positive ? 0 : 1) : (positive ? 3 : 2);
          state[kind * 200 + t]++;
        }
      }
    }
    assertThat(pr.result(state, 8)).isCloseTo(ref("pr_auc"), within(1e-9));
  }

  @Test
  void metricObjectsGivenToCompileReportUnderTheirNames() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Activation("linear").inputShape(3))) {
      model.compile(new SGD(), new CategoricalCrossentropy(), java.util.List.of(
          new io.github.keras4j.metrics.AUC("pr_auc", io.github.keras4j.metrics.AUC.Curve.PR, 200),
          io.github.keras4j.metrics.TopKCategoricalAccuracy.categorical("top2", 2),
          new io.github.keras4j.metrics.F1Score("f1_micro", "micro", null)));
      Map<String, Double> logs = model.evaluate(matrix("probs"), matrix("onehot"), BATCHES_OF_3);
      assertThat(logs.get("pr_auc")).isCloseTo(ref("pr_auc"), within(1e-9));
      assertThat(logs.get("top2")).isEqualTo(ref("top_2_accuracy"));
      assertThat(logs).containsKey("f1_micro");
      assertThat(model.metricNames()).containsExactly("pr_auc", "top2", "f1_micro");
    }
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> Losses.get("mean_abs_error"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown loss function: 'mean_abs_error'")
        .hasMessageContaining("huber");
    assertThatThrownBy(() -> io.github.keras4j.metrics.Metrics.get("presicion", 3, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown metric function: 'presicion'")
        .hasMessageContaining("precision");
    assertThatThrownBy(() -> new Huber(0)).hasMessage("Huber: delta must be a positive number, but got delta=0.0.");
    assertThatThrownBy(() -> new CategoricalCrossentropy(false, 1.5))
        .hasMessageContaining("label_smoothing=1.5");
  }

  @Test
  void lossesResolveByKerasNamesAndClassNames() {
    assertThat(Losses.get("mae")).isInstanceOf(MeanAbsoluteError.class);
    assertThat(Losses.get("Huber")).isInstanceOf(Huber.class);
    assertThat(Losses.get("kld")).isInstanceOf(KLDivergence.class);
    assertThat(Losses.fromConfig("CategoricalCrossentropy", Map.of("label_smoothing", 0.1)))
        .isInstanceOfSatisfying(CategoricalCrossentropy.class, l -> assertThat(l.labelSmoothing()).isEqualTo(0.1));
  }
}
