package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.nonTrainable;
import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

class BatchNormalizationTest {
  private static final double EPSILON = 1e-3;

  /**
   * {@code gamma * (x - mean) / sqrt(var + eps) + beta} per channel (last axis). With {@code batchStatistics}
   * mean and (biased) variance come from the batch, else from the moving weights.
   */
  static double[] reference(
      float[] x, long[] shape, float[] gamma, float[] beta, float[] movingMean, float[] movingVariance,
      boolean batchStatistics) {
    int c = (int) shape[shape.length - 1];
    int rows = x.length / c;
    double[] mean = new double[c];
    double[] var = new double[c];
    for (int k = 0; k < c; k++) {
      if (batchStatistics) {
        mean[k] = batchMean(x, c, k);
        var[k] = batchVariance(x, c, k, false);
      } else {
        mean[k] = movingMean[k];
        var[k] = movingVariance[k];
      }
    }
    double[] out = new double[x.length];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < c; k++) {
        double g = gamma == null ? 1 : gamma[k];
        double b = beta == null ? 0 : beta[k];
        out[r * c + k] = g * (x[r * c + k] - mean[k]) / Math.sqrt(var[k] + EPSILON) + b;
      }
    }
    return out;
  }

  static double batchMean(float[] x, int c, int k) {
    double s = 0;
    int n = x.length / c;
    for (int r = 0; r < n; r++) {
      s += x[r * c + k];
    }
    return s / n;
  }

  static double batchVariance(float[] x, int c, int k, boolean unbiased) {
    double m = batchMean(x, c, k);
    double s = 0;
    int n = x.length / c;
    for (int r = 0; r < n; r++) {
      double d = x[r * c + k] - m;
      s += d * d;
    }
    return s / (unbiased ? n - 1 : n);
  }

  /** A kit reference for the default layer (gamma, beta, moving mean, moving variance in weights() order). */
  private static LayerTestKit.Reference kitReference(boolean center, boolean scale, boolean batchStatistics) {
    return (x, shape, w) -> {
      int i = 0;
      float[] gamma = scale ? w.get(i++) : null;
      float[] beta = center ? w.get(i++) : null;
      return reference(x, shape, gamma, beta, w.get(i), w.get(i + 1), batchStatistics);
    };
  }

  /**
   * Runs every kit check but the config round trip, which {@link #roundTripsTheConfigOfABuiltLayerToAnEqualConfig}
   * checks on its own (a built layer writes {@code axis: [3]}, its unbuilt copy {@code axis: -1}), so that one
   * config bug does not hide the forward and training checks. The kit's gradient check differentiates w.r.t. every
   * weight, but TensorFlow defines no gradient for the moving statistics (FusedBatchNormV3 returns none, as
   * Python's {@code _BatchNormGrad}; in training they do not reach the output at all), so the gradients are
   * checked by {@link #matchesFiniteDifferencesForInputGammaAndBeta} instead.
   */
  private static void runAllButConfig(LayerTestKit kit) {
    kit.checkBuild();
    kit.checkOutputShape();
    kit.checkForward();
    kit.checkTrainingStep();
  }

  // The kit's training step requires non-trainable weights to stay as they were; momentum 1 keeps the moving
  // statistics fixed (moving = 1 * moving + 0 * batch). The momentum-0.99 update is checked below on its own.

  @Test
  void passesTheLayerTestKitOnImagesInInference() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().momentum(1.0), 3, 3, 4)
        .expectWeights(trainable("gamma", 4), trainable("beta", 4), nonTrainable("moving_mean", 4),
            nonTrainable("moving_variance", 4))
        .reference(kitReference(true, true, false)));
  }

  @Test
  void passesTheLayerTestKitOnImagesInTraining() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().momentum(1.0), 3, 3, 4)
        .training(true)
        .expectWeights(trainable("gamma", 4), trainable("beta", 4), nonTrainable("moving_mean", 4),
            nonTrainable("moving_variance", 4))
        .reference(kitReference(true, true, true))
        .forwardTolerance(1e-4));
  }

  @Test
  void passesTheLayerTestKitOnVectorsInInference() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().momentum(1.0), 5)
        .expectWeights(trainable("gamma", 5), trainable("beta", 5), nonTrainable("moving_mean", 5),
            nonTrainable("moving_variance", 5))
        .reference(kitReference(true, true, false)));
  }

  @Test
  void passesTheLayerTestKitOnVectorsInTraining() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().momentum(1.0), 5)
        .batch(6)
        .training(true)
        .expectWeights(trainable("gamma", 5), trainable("beta", 5), nonTrainable("moving_mean", 5),
            nonTrainable("moving_variance", 5))
        .reference(kitReference(true, true, true))
        .forwardTolerance(1e-4));
  }

  @Test
  void passesTheLayerTestKitWithoutCenter() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().center(false).momentum(1.0), 2, 2, 3)
        .expectWeights(trainable("gamma", 3), nonTrainable("moving_mean", 3), nonTrainable("moving_variance", 3))
        .reference(kitReference(false, true, false)));
  }

  @Test
  void passesTheLayerTestKitWithoutScale() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().scale(false).momentum(1.0), 2, 2, 3)
        .expectWeights(trainable("beta", 3), nonTrainable("moving_mean", 3), nonTrainable("moving_variance", 3))
        .reference(kitReference(true, false, false)));
  }

  @Test
  void passesTheLayerTestKitWithoutCenterAndScaleInTraining() {
    runAllButConfig(LayerTestKit.of(() -> new BatchNormalization().center(false).scale(false).momentum(1.0), 2, 2, 3)
        .training(true)
        .expectWeights(nonTrainable("moving_mean", 3), nonTrainable("moving_variance", 3))
        .reference(kitReference(false, false, true))
        .forwardTolerance(1e-4));
  }

  /** The kit's random weights can make the moving variance negative (NaN); here every value is controlled. */
  @Test
  void normalizesWithTheMovingStatisticsInInference() {
    for (long[] shape : List.of(new long[] {2, 3, 2, 3}, new long[] {4, 3})) {
      try (var scope = KerasContext.isolated()) {
        BatchNormalization bn = new BatchNormalization();
        long[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        bn.ensureBuilt(Shapes.batchOf(sample));
        float[] gamma = {1.5f, -0.5f, 2f};
        float[] beta = {0.1f, 0.2f, -0.3f};
        float[] mean = {0.5f, -1f, 0f};
        float[] var = {2f, 0.25f, 1f};
        assign(bn, gamma, beta, mean, var);
        float[] x = normal(size(shape), 3);
        float[] y = LayerTestKit.forward(bn, x, shape, false, 1).values();
        double[] expected = reference(x, shape, gamma, beta, mean, var, false);
        for (int i = 0; i < x.length; i++) {
          assertThat((double) y[i]).as("rank %s output %s", shape.length, i).isCloseTo(expected[i], within(1e-5));
        }
      }
    }
  }

  @Test
  void normalizesWithTheBatchStatisticsInTraining() {
    for (long[] shape : List.of(new long[] {2, 3, 2, 3}, new long[] {4, 3})) {
      try (var scope = KerasContext.isolated()) {
        BatchNormalization bn = new BatchNormalization();
        bn.ensureBuilt(Shapes.batchOf(java.util.Arrays.copyOfRange(shape, 1, shape.length)));
        float[] gamma = {1.5f, -0.5f, 2f};
        float[] beta = {0.1f, 0.2f, -0.3f};
        assign(bn, gamma, beta, new float[] {0.5f, -1f, 0f}, new float[] {2f, 0.25f, 1f});
        float[] x = normal(size(shape), 4);
        float[] y = LayerTestKit.forward(bn, x, shape, true, 1).values();
        double[] expected = reference(x, shape, gamma, beta, null, null, true);
        for (int i = 0; i < x.length; i++) {
          assertThat((double) y[i]).as("rank %s output %s", shape.length, i).isCloseTo(expected[i], within(1e-4));
        }
      }
    }
  }

  @Test
  void matchesFiniteDifferencesForInputGammaAndBeta() {
    for (boolean training : new boolean[] {false, true}) {
      for (long[] shape : List.of(new long[] {3, 3, 2, 3}, new long[] {5, 3})) {
        try (var scope = KerasContext.isolated()) {
          BatchNormalization bn = new BatchNormalization();
          bn.ensureBuilt(Shapes.batchOf(java.util.Arrays.copyOfRange(shape, 1, shape.length)));
          assign(bn, new float[] {1.5f, -0.5f, 2f}, new float[] {0.1f, 0.2f, -0.3f}, new float[] {0.5f, -1f, 0f},
              new float[] {2f, 0.25f, 1f});
          float[] x = normal(size(shape), 9);
          GradientCheck.check(bn, List.of(x), List.of(shape), bn.trainableWeights(), training, 1, 6);
        }
      }
    }
  }

  /**
   * Keras: {@code moving = momentum * moving + (1 - momentum) * batch}; for images (the fused kernel) the batch
   * variance in the update is the unbiased one, {@code n / (n - 1)} times the biased variance used to normalize.
   */
  @Test
  void updatesTheMovingStatisticsOfImagesWithTheUnbiasedVariance() {
    checkMovingAverageUpdate(new long[] {8, 3, 2, 3}, true);
  }

  /** For rank-2 inputs Keras uses {@code tf.nn.moments}: the biased variance goes into the moving average. */
  @Test
  void updatesTheMovingStatisticsOfVectorsWithTheBiasedVariance() {
    checkMovingAverageUpdate(new long[] {8, 3}, false);
  }

  private static void checkMovingAverageUpdate(long[] shape, boolean unbiased) {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(3);
      int[] sample = sampleInts(shape);
      BatchNormalization bn = new BatchNormalization();
      try (Sequential model = new Sequential(new InputLayer(sample), bn)) {
        model.compile(new SGD(0.01), "mse");
        float[] mm0 = {0.2f, -0.1f, 0.4f};
        float[] mv0 = {1.5f, 0.5f, 2f};
        bn.movingMean().assign(mm0);
        bn.movingVariance().assign(mv0);
        float[] x = normal(size(shape), 5);
        for (int i = 0; i < x.length; i++) {
          x[i] = 2 * x[i] + (i % 3);
        }
        model.fit(nd(x, shape), zeros((int) shape[0], size(shape) / (int) shape[0]),
            new FitOptions().batchSize((int) shape[0]).epochs(1).shuffle(false).verbose(0));
        float[] mm = bn.movingMean().read();
        float[] mv = bn.movingVariance().read();
        for (int k = 0; k < 3; k++) {
          double expectedMean = 0.99 * mm0[k] + 0.01 * batchMean(x, 3, k);
          double expectedVar = 0.99 * mv0[k] + 0.01 * batchVariance(x, 3, k, unbiased);
          assertThat((double) mm[k]).as("moving_mean[%d]", k).isCloseTo(expectedMean, within(1e-5));
          assertThat((double) mv[k]).as("moving_variance[%d] (%s batch variance)", k, unbiased ? "unbiased" : "biased")
              .isCloseTo(expectedVar, within(1e-5));
        }
      }
    }
  }

  @Test
  void doesNotUpdateTheMovingStatisticsInPredictOrEvaluate() {
    try (var scope = KerasContext.isolated()) {
      BatchNormalization bn = new BatchNormalization();
      try (Sequential model = new Sequential(new InputLayer(2, 2, 3), bn)) {
        model.compile(new SGD(0.01), "mse");
        long[] shape = {4, 2, 2, 3};
        float[] x = normal(size(shape), 6);
        model.predict(nd(x, shape));
        model.evaluate(nd(x, shape), zeros(4, 12), new EvaluateOptions().verbose(0));
        assertThat(bn.movingMean().read()).containsExactly(0f, 0f, 0f);
        assertThat(bn.movingVariance().read()).containsExactly(1f, 1f, 1f);
      }
    }
  }

  /**
   * Keras 2.x fine-tuning semantics: a frozen BatchNormalization runs in inference mode even inside fit, so the
   * loss fit reports equals the loss evaluate gives beforehand, and neither moving statistics nor gamma/beta move.
   */
  @Test
  void runsAFrozenLayerInInferenceModeDuringFit() {
    for (boolean frozen : new boolean[] {true, false}) {
      try (var scope = KerasContext.isolated()) {
        Keras.setRandomSeed(11);
        BatchNormalization bn = new BatchNormalization().trainable(!frozen);
        Dense head = new Dense(2);
        try (Sequential model = new Sequential(new InputLayer(2, 2, 3), bn, new Flatten(), head)) {
          model.compile(new SGD(0.1), "mse");
          float[] mm0 = {0.5f, -0.5f, 1f};
          float[] mv0 = {2f, 0.5f, 3f};
          bn.movingMean().assign(mm0);
          bn.movingVariance().assign(mv0);
          float[] gamma0 = bn.weights().get(0).read();
          long[] shape = {6, 2, 2, 3};
          FloatNdArray x = nd(normal(size(shape), 8), shape);
          float[][] y = new float[6][];
          for (int i = 0; i < 6; i++) {
            y[i] = new float[] {i % 2, 1 - i % 2};
          }
          double before = model.evaluate(x, y, new EvaluateOptions().verbose(0)).get("loss");
          History history = model.fit(x, y, new FitOptions().batchSize(6).epochs(1).shuffle(false).verbose(0));
          double fitLoss = history.get("loss").get(0);
          if (frozen) {
            assertThat(fitLoss).as("loss of fit with a frozen BatchNormalization (inference mode)")
                .isCloseTo(before, within(1e-5));
            assertThat(bn.movingMean().read()).as("moving_mean of a frozen layer").containsExactly(mm0);
            assertThat(bn.movingVariance().read()).as("moving_variance of a frozen layer").containsExactly(mv0);
            assertThat(bn.weights().get(0).read()).as("gamma of a frozen layer").containsExactly(gamma0);
          } else {
            assertThat(fitLoss).as("loss of fit with batch statistics").isNotCloseTo(before, within(1e-3));
            assertThat(bn.movingMean().read()).isNotEqualTo(mm0);
          }
        }
      }
    }
  }

  @Test
  void countsMobileNetsParameters() {
    try (var scope = KerasContext.isolated()) {
      BatchNormalization bn = new BatchNormalization().name("conv1_bn");
      try (Sequential model = new Sequential(new InputLayer(4, 4, 32), bn)) {
        assertThat(bn.countParams()).isEqualTo(128);
        assertThat(bn.trainableWeights()).extracting(Weight::name).containsExactly("gamma", "beta");
        assertThat(bn.nonTrainableWeights()).extracting(Weight::name)
            .containsExactly("moving_mean", "moving_variance");
        assertThat(model.summaryString()).contains("Total params: 128\nTrainable params: 64\nNon-trainable params: 64\n");
        bn.trainable(false);
        assertThat(model.summaryString()).contains("Total params: 128\nTrainable params: 0\nNon-trainable params: 128\n");
      }
    }
  }

  @Test
  void initializesAsKeras() {
    try (var scope = KerasContext.isolated()) {
      BatchNormalization bn = new BatchNormalization();
      bn.ensureBuilt(Shapes.batchOf(3));
      List<float[]> values = new ArrayList<>();
      bn.weights().forEach(w -> values.add(w.read()));
      assertThat(values.get(0)).containsExactly(1f, 1f, 1f);
      assertThat(values.get(1)).containsExactly(0f, 0f, 0f);
      assertThat(values.get(2)).containsExactly(0f, 0f, 0f);
      assertThat(values.get(3)).containsExactly(1f, 1f, 1f);
      assertThat(bn.getConfig()).containsEntry("momentum", 0.99).containsEntry("epsilon", 1e-3)
          .containsEntry("center", true).containsEntry("scale", true);
    }
  }

  /** An unbuilt copy made from a built layer's config must write the same config (Keras writes axis [3]). */
  @Test
  void roundTripsTheConfigOfABuiltLayerToAnEqualConfig() {
    try (var scope = KerasContext.isolated()) {
      BatchNormalization bn = new BatchNormalization().momentum(0.9).epsilon(1e-5);
      bn.ensureBuilt(Shapes.batchOf(4, 4, 3));
      var config = bn.getConfig();
      Layer copy = LayerRegistry.fromConfig("BatchNormalization", config);
      assertThat(copy.getConfig()).isEqualTo(config);
    }
  }

  @Test
  void rejectsAnotherChannelCountOnceBuiltAndBadHyperparameters() {
    try (var scope = KerasContext.isolated()) {
      BatchNormalization bn = new BatchNormalization();
      bn.ensureBuilt(Shapes.batchOf(4, 4, 3));
      assertThatThrownBy(() -> bn.computeOutputShape(Shapes.batchOf(4, 4, 5)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'batch_normalization'")
          .hasMessageContaining("expected axis -1 of input shape to have value 3")
          .hasMessageContaining("(None, 4, 4, 5)");
    }
    assertThatThrownBy(() -> new BatchNormalization().momentum(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BatchNormalization: momentum must be in [0, 1], but got momentum=1.5.");
    assertThatThrownBy(() -> new BatchNormalization().epsilon(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BatchNormalization: epsilon must be positive, but got epsilon=0.0.");
  }

  // ---------------------------------------------------------------- helpers

  private static void assign(BatchNormalization bn, float[] gamma, float[] beta, float[] mean, float[] var) {
    List<Weight> w = bn.weights();
    w.get(0).assign(gamma);
    w.get(1).assign(beta);
    w.get(2).assign(mean);
    w.get(3).assign(var);
  }

  static float[] normal(int n, long seed) {
    Random random = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  static int size(long[] shape) {
    long p = 1;
    for (long d : shape) {
      p *= d;
    }
    return Math.toIntExact(p);
  }

  static int[] sampleInts(long[] shape) {
    int[] out = new int[shape.length - 1];
    for (int i = 1; i < shape.length; i++) {
      out[i - 1] = (int) shape[i];
    }
    return out;
  }

  static FloatNdArray nd(float[] x, long[] shape) {
    return NdArrays.wrap(Shape.of(shape), DataBuffers.of(x, true, false));
  }

  static float[][] zeros(int rows, int cols) {
    return new float[rows][cols];
  }

}
