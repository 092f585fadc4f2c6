package io.github.keras4j.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 3's {@code use_ema} on a one-weight model worked by hand: {@code Dense(1, use_bias=False)} with kernel
 * {@code w0 = 1}, MSE on {@code x = 1, y = 0}, so the loss is {@code w^2} and the gradient {@code 2w}; plain SGD with
 * {@code lr = 0.1} makes every step {@code w <- w - 0.1 * 2w = 0.8 w}. With {@code ema_momentum = 0.5}:
 *
 * <pre>
 * step 1 (iterations 0, so m = 0):  w1 = 0.8                  average1 = w1 = 0.8
 * step 2 (m = 0.5):                 w2 = 0.8 * 0.8 = 0.64     average2 = 0.5 * 0.8 + 0.5 * 0.64 = 0.72
 * step 3:                           w3 = 0.8 * 0.64 = 0.512   average3 = 0.5 * 0.72 + 0.5 * 0.512 = 0.616
 * step 4:                           w4 = 0.8 * 0.512 = 0.4096 average4 = 0.5 * 0.616 + 0.5 * 0.4096 = 0.5128
 * </pre>
 *
 * and at the end of {@code fit} the weight takes its average (Keras's {@code finalize_variable_values}).
 */
class MovingAverageTest {
  private static final double TOL = 1e-6;

  @TempDir Path dir;

  /** Fits {@code samples} samples of {@code x = 1, y = 0}; returns the kernel at each epoch's end, then after fit. */
  private static List<Double> fit(Sequential model, Dense dense, int samples, int epochs) {
    float[][] x = new float[samples][];
    float[][] y = new float[samples][];
    for (int i = 0; i < samples; i++) {
      x[i] = new float[] {1f};
      y[i] = new float[] {0f};
    }
    List<Double> kernels = new ArrayList<>();
    Callback atEpochEnd = new Callback() {
      @Override
      public void onEpochEnd(int epoch, Map<String, Double> logs) {
        kernels.add((double) dense.kernel().read()[0]);
      }
    };
    model.fit(x, y, new FitOptions().batchSize(1).epochs(epochs).shuffle(false).verbose(0).seed(1)
        .callbacks(atEpochEnd));
    kernels.add((double) dense.kernel().read()[0]);
    return kernels;
  }

  private static Dense oneWeight() {
    return new Dense(1).useBias(false).kernelInitializer(new Constant(1.0)).inputShape(1);
  }

  private static void assertValues(List<Double> actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).as("value %d of %s", i, actual).isCloseTo(expected[i], within(TOL));
    }
  }

  @Test
  void twoStepsOfSgdKeepTheAverageAndFitEndsOnIt() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(oneWeight())) {
      Dense dense = (Dense) model.layers().get(0);
      SGD sgd = new SGD(0.1);
      sgd.useEma(true).emaMomentum(0.5);
      model.compile(sgd, "mse");

      List<Double> kernels = fit(model, dense, 1, 2);

      // During training the weight follows SGD (0.8, 0.64); after fit it is the average 0.72.
      assertValues(kernels, 0.8, 0.64, 0.72);
      Weight average = sgd.averageFor(dense.kernel());
      assertThat(average.path()).isEqualTo("SGD/" + dense.kernel().path() + "/average");
      assertThat((double) average.read()[0]).isCloseTo(0.72, within(TOL));
      assertThat(sgd.iterationCount()).isEqualTo(2);

      // A second fit continues from the finalized weight 0.72: w3 = 0.576, average3 = 0.5*0.72 + 0.5*0.576.
      assertValues(fit(model, dense, 1, 1), 0.576, 0.648);
    }
  }

  @Test
  void overwritesTheWeightsEveryOverwriteFrequencySteps() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(oneWeight())) {
      Dense dense = (Dense) model.layers().get(0);
      model.compile(new SGD(0.1).useEma(true).emaMomentum(0.5).emaOverwriteFrequency(2), "mse");

      // step 2 ((iterations + 1) % 2 == 0): w = average2 = 0.72; step 3: w = 0.576, average = 0.5*0.72 + 0.5*0.576
      // = 0.648 (not overwritten); fit ends: w = 0.648.
      assertValues(fit(model, dense, 1, 3), 0.8, 0.72, 0.576, 0.648);
    }
  }

  @Test
  void givesTheSameValuesWithSeveralStepsPerExecution() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(oneWeight())) {
      Dense dense = (Dense) model.layers().get(0);
      model.compile(new SGD(0.1).useEma(true).emaMomentum(0.5), "mse");
      model.stepsPerExecution(4);

      // Four steps in one execution: w4 = 0.4096 at the epoch's end, the average 0.5128 after fit.
      assertValues(fit(model, dense, 4, 1), 0.4096, 0.5128);
    }
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(oneWeight())) {
      Dense dense = (Dense) model.layers().get(0);
      model.compile(new SGD(0.1).useEma(true).emaMomentum(0.5).emaOverwriteFrequency(2), "mse");
      model.stepsPerExecution(4);

      // Overwrites after steps 2 and 4: w2 -> 0.72; w3 = 0.576, average3 = 0.648; w4 = 0.4608,
      // average4 = 0.5*0.648 + 0.5*0.4608 = 0.5544 -> w4 = 0.5544.
      assertValues(fit(model, dense, 4, 1), 0.5544, 0.5544);
    }
  }

  @Test
  void savesTheSettingsAndAveragesAndLoadsThemBack() throws IOException {
    for (String file : List.of("ema.keras", "ema.h5")) {
      try (var scope = KerasContext.isolated(); Sequential model = new Sequential(oneWeight())) {
        Dense dense = (Dense) model.layers().get(0);
        SGD sgd = new SGD(0.1, 0.5, false);
        sgd.useEma(true).emaMomentum(0.75).emaOverwriteFrequency(3);
        model.compile(sgd, "mse");
        fit(model, dense, 2, 1);
        float average = sgd.averageFor(dense.kernel()).read()[0];
        float momentum = sgd.slotsFor(dense.kernel()).get(0).read()[0];
        Path path = dir.resolve(file);
        model.save(path);

        try (Model loaded = Models.load(path)) {
          Optimizer opt = loaded.optimizer();
          assertThat(opt).as(file).isInstanceOf(SGD.class);
          assertThat(opt.useEma()).isTrue();
          assertThat(opt.emaMomentum()).isEqualTo(0.75);
          assertThat(opt.emaOverwriteFrequency()).isEqualTo(3);
          assertThat(opt.getConfig()).containsEntry("use_ema", true).containsEntry("ema_momentum", 0.75)
              .containsEntry("ema_overwrite_frequency", 3);
          Weight kernel = loaded.trainableWeights().get(0);
          assertThat(opt.iterationCount()).as(file).isEqualTo(2);
          assertThat(opt.averageFor(kernel).read()[0]).as(file + " average").isEqualTo(average);
          assertThat(opt.slotsFor(kernel).get(0).read()[0]).as(file + " momentum").isEqualTo(momentum);
        }
      }
    }
  }

  @Test
  void leavesTheStateUnchangedWithoutEma() {
    SGD sgd = new SGD(0.1);
    assertThat(sgd.useEma()).isFalse();
    assertThat(sgd.emaMomentum()).isEqualTo(0.99);
    assertThat(sgd.emaOverwriteFrequency()).isNull();
    assertThat(sgd.getConfig()).doesNotContainKey("use_ema");
    Weight w = new Weight("dense", "kernel", new long[] {1, 1}, new Constant(1.0), 0, true);
    assertThat(sgd.averageFor(w)).isNull();
    assertThat(sgd.movingAverages()).isEmpty();
  }

  @Test
  void rejectsBadSettingsWithTheValue() {
    assertThatThrownBy(() -> new Adam().emaMomentum(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adam: ema_momentum must be in the range [0, 1], but got ema_momentum=1.5.");
    assertThatThrownBy(() -> new Adam().emaOverwriteFrequency(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adam: ema_overwrite_frequency must be an integer >= 1 or null, but got"
            + " ema_overwrite_frequency=0.");
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(oneWeight())) {
      Dense dense = (Dense) model.layers().get(0);
      SGD sgd = new SGD(0.1);
      model.compile(sgd, "mse");
      fit(model, dense, 1, 1);
      assertThatThrownBy(() -> sgd.useEma(true))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("SGD: set use_ema before the optimizer is used by compile/fit.");
    }
  }
}
