package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.constraints.NonNeg;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.regularizers.L1;
import io.github.keras4j.regularizers.L2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sample and class weights, regularization penalties and constraints in {@code fit}, against Keras's definitions
 * computed by hand on {@code Dense(1)} with kernel {@code [0.5, 0.5]} and bias 0 (prediction {@code 0.5 (x0 + x1)}).
 */
class WeightedAndRegularizedFitTest {
  private static final float[][] X = {{1f, 2f}, {0.5f, -1f}, {2f, 0f}, {-1f, 1f}, {0f, 3f}};
  private static final float[][] Y = {{4f}, {0f}, {3f}, {1f}, {5f}};
  /** A learning rate too small to move the weights within the epoch, so the epoch's loss is the initial one. */
  private static final double TINY = 1e-12;

  private static double squaredError(int i) {
    double p = 0.5 * (X[i][0] + X[i][1]);
    return (p - Y[i][0]) * (p - Y[i][0]);
  }

  private static Dense dense() {
    return new Dense(1).kernelInitializer(new Constant(0.5)).inputShape(2);
  }

  @Test
  void sampleWeightsScaleEachSamplesLossWhateverTheShuffle() {
    float[] w = {1f, 0f, 2f, 0.5f, 3f};
    double expected = 0;
    for (int i = 0; i < 5; i++) {
      expected += w[i] * squaredError(i);
    }
    expected /= 5;
    try (var s = KerasContext.isolated(); Sequential model = new Sequential(dense())) {
      model.compile(new SGD(TINY), "mse");
      History h = model.fit(X, Y, new FitOptions().batchSize(2).shuffle(true).seed(9).verbose(0).sampleWeight(w));
      assertThat(h.get("loss").get(0)).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void classWeightsWeighSamplesByTheirLabel() {
    float[][] x = {{1f, 2f}, {0.5f, -1f}, {2f, 0f}};
    int[] y = {1, 0, 1};
    Map<Integer, Double> classWeight = Map.of(1, 3.0); // class 0 weighs 1 (absent), as Keras
    double expected = 0;
    double[] weights = {3, 1, 3};
    for (int i = 0; i < 3; i++) {
      double z0 = 0.5 * (x[i][0] + x[i][1]); // both units see the same kernel columns
      double p = 0.5; // softmax of two equal logits
      expected += weights[i] * -Math.log(p);
      assertThat(z0).isFinite();
    }
    expected /= 3;
    try (var s = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(2).kernelInitializer(new Constant(0.5)).activation("softmax")
            .inputShape(2))) {
      model.compile(new SGD(TINY), "sparse_categorical_crossentropy");
      History h = model.fit(x, y, new FitOptions().batchSize(3).verbose(0).classWeight(classWeight));
      assertThat(h.get("loss").get(0)).isCloseTo(expected, within(1e-5));
      assertThatThrownBy(() -> model.fit(x, y, new FitOptions().verbose(0).classWeight(Map.of(2, 1.0))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("classWeight has a weight for class 2")
          .hasMessageContaining("0 to 1");
    }
  }

  @Test
  void badWeightsAreTypedErrors() {
    assertThatThrownBy(() -> new FitOptions().sampleWeight(new float[] {1f, -1f}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleWeight[1]=-1.0");
    assertThatThrownBy(() -> new FitOptions().classWeight(Map.of(0, Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 0");
    try (var s = KerasContext.isolated(); Sequential model = new Sequential(dense())) {
      model.compile(new SGD(), "mse");
      assertThatThrownBy(() -> model.fit(X, Y, new FitOptions().verbose(0).sampleWeight(new float[] {1f})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fit: sampleWeight has 1 weights, but x has 5 samples; give one weight per sample.");
      assertThatThrownBy(() -> model.fit(X, Y, new FitOptions().verbose(0).batchSize(2).stepsPerEpoch(4)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yields only 3 batches");
    }
  }

  @Test
  void regularizationPenaltiesAreAddedToTheLossAsKerasReportsIt() {
    double mse = 0;
    for (int i = 0; i < 5; i++) {
      mse += squaredError(i);
    }
    mse /= 5;
    double kernelPenalty = 0.01 * (0.25 + 0.25);
    double activity = 0;
    for (float[] row : X) {
      activity += Math.abs(0.5 * (row[0] + row[1]));
    }
    activity *= 0.1; // L1 on the layer output, summed over the batch (Keras 3: not divided by the batch size)
    try (var s = KerasContext.isolated();
        Sequential model = new Sequential(dense().kernelRegularizer(new L2(0.01)).activityRegularizer(new L1(0.1)))) {
      model.compile(new SGD(TINY), "mse");
      // One batch of all 5 samples: the activity penalty is over the whole batch.
      double loss = model.evaluate(X, Y, new EvaluateOptions().batchSize(5).verbose(0)).get("loss");
      assertThat(loss).isCloseTo(mse + kernelPenalty + activity, within(1e-5));
      History h = model.fit(X, Y, new FitOptions().batchSize(5).verbose(0));
      assertThat(h.get("loss").get(0)).isCloseTo(mse + kernelPenalty + activity, within(1e-5));
    }
  }

  @Test
  void constraintsProjectWeightsAfterEveryUpdate() {
    List<float[]> kernels = new ArrayList<>();
    try (var s = KerasContext.isolated()) {
      Dense d = new Dense(1).kernelInitializer(new Constant(-0.1)).kernelConstraint(new NonNeg()).inputShape(2);
      try (Sequential model = new Sequential(d)) {
        model.compile(new SGD(0.5), "mse");
        float[][] x = {{1f, 1f}};
        float[][] y = {{-10f}}; // pushes the kernel negative
        model.fit(x, y, new FitOptions().epochs(3).verbose(0).callbacks(
            new LambdaCallback().onBatchEnd((b, logs) -> kernels.add(d.kernel().read()))));
        float[] k = d.kernel().read();
        assertThat(k[0] == 0f && k[1] == 0f).as("kernel %s", java.util.Arrays.toString(k)).isTrue();
      }
    }
    // NonNeg multiplies by (w >= 0): negative weights become (-)0, as in Keras.
    assertThat(kernels).hasSize(3).allSatisfy(k -> assertThat(k[0] == 0f && k[1] == 0f).isTrue());
  }

  @Test
  void validationFreqAndStepsPerEpochFollowKeras() {
    List<Set<String>> keys = new ArrayList<>();
    try (var s = KerasContext.isolated(); Sequential model = new Sequential(dense())) {
      SGD sgd = new SGD(0.01);
      model.compile(sgd, "mse");
      model.fit(X, Y, new FitOptions().epochs(4).batchSize(1).stepsPerEpoch(2).validationFreq(2)
          .validationData(X, Y).validationSteps(1).verbose(0)
          .callbacks(new LambdaCallback().onEpochEnd((e, logs) -> keys.add(Set.copyOf(logs.keySet())))));
      assertThat(sgd.iterationCount()).isEqualTo(8);
    }
    assertThat(keys).containsExactly(Set.of("loss"), Set.of("loss", "val_loss"), Set.of("loss"),
        Set.of("loss", "val_loss"));
  }
}
