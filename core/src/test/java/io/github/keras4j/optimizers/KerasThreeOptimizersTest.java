package io.github.keras4j.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.schedules.ExponentialDecay;
import io.github.keras4j.optimizers.schedules.LearningRateSchedule;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The optimizers added for Keras 3 parity, each against its Keras formula simulated by hand in double precision on
 * {@code Dense(1, use_bias=False)} with kernel {@code [0.5, 0.5]}, MSE and one sample {@code x = [1, 2], y = 4}
 * (batch-mean gradient {@code 2 (w·x - y) x}), over three steps.
 */
class KerasThreeOptimizersTest {
  private static final float[][] X = {{1f, 2f}};
  private static final float[][] Y = {{4f}};

  private static double[][] train(Optimizer optimizer, int steps) {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(1).useBias(false).kernelInitializer(new Constant(0.5)).inputShape(2);
      try (Sequential model = new Sequential(dense)) {
        model.compile(optimizer, "mse");
        double[][] kernels = new double[steps][];
        for (int s = 0; s < steps; s++) {
          model.fit(X, Y, new FitOptions().batchSize(1).shuffle(false).verbose(0).seed(1));
          float[] k = dense.kernel().read();
          kernels[s] = new double[] {k[0], k[1]};
        }
        assertThat(optimizer.iterationCount()).isEqualTo(steps);
        return kernels;
      }
    }
  }

  private static double[] gradient(double[] w) {
    double p = w[0] * X[0][0] + w[1] * X[0][1];
    return new double[] {2 * (p - Y[0][0]) * X[0][0], 2 * (p - Y[0][0]) * X[0][1]};
  }

  /** {@code rule} maps (t from 1, w, g) to the new w. */
  private static double[][] simulate(int steps, Rule rule) {
    double[][] kernels = new double[steps][];
    double[] w = {0.5, 0.5};
    for (int t = 1; t <= steps; t++) {
      w = rule.apply(t, w.clone(), gradient(w));
      kernels[t - 1] = w.clone();
    }
    return kernels;
  }

  private interface Rule {
    double[] apply(int t, double[] w, double[] g);
  }

  private static void assertKernels(double[][] actual, double[][] expected) {
    for (int s = 0; s < expected.length; s++) {
      for (int j = 0; j < 2; j++) {
        assertThat(actual[s][j]).as("kernel[%d] after step %d", j, s + 1).isCloseTo(expected[s][j], within(2e-6));
      }
    }
  }

  @Test
  void adamWDecaysWeightsBeforeTheAdamUpdate() {
    double lr = 0.01;
    double wd = 0.1;
    double[] m = new double[2];
    double[] v = new double[2];
    double[][] expected = simulate(3, (t, w, g) -> {
      double lrT = lr * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
      for (int j = 0; j < 2; j++) {
        w[j] -= w[j] * wd * lr;
        m[j] = 0.9 * m[j] + 0.1 * g[j];
        v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
        w[j] -= lrT * m[j] / (Math.sqrt(v[j]) + 1e-7);
      }
      return w;
    });
    AdamW adamW = new AdamW(lr, wd);
    assertKernels(train(adamW, 3), expected);
    assertThat(adamW.getConfig()).containsEntry("name", "AdamW").containsEntry("weight_decay", 0.1)
        .doesNotContainKey("decay");
  }

  @Test
  void adamaxUsesTheInfinityNorm() {
    double lr = 0.01;
    double[] m = new double[2];
    double[] u = new double[2];
    double[][] expected = simulate(3, (t, w, g) -> {
      for (int j = 0; j < 2; j++) {
        m[j] = 0.9 * m[j] + 0.1 * g[j];
        u[j] = Math.max(0.999 * u[j], Math.abs(g[j]));
        w[j] -= lr * m[j] / ((1 - Math.pow(0.9, t)) * (u[j] + 1e-7));
      }
      return w;
    });
    assertKernels(train(new Adamax(lr), 3), expected);
  }

  @Test
  void nadamKeepsTheMomentumScheduleProduct() {
    double lr = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double[] m = new double[2];
    double[] v = new double[2];
    double[] uProduct = {1};
    double[][] expected = simulate(3, (t, w, g) -> {
      double uT = b1 * (1 - 0.5 * Math.pow(0.96, t));
      double uT1 = b1 * (1 - 0.5 * Math.pow(0.96, t + 1));
      uProduct[0] *= uT;
      double uProductT1 = uProduct[0] * uT1;
      for (int j = 0; j < 2; j++) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        double mHat = uT1 * m[j] / (1 - uProductT1) + (1 - uT) * g[j] / (1 - uProduct[0]);
        double vHat = v[j] / (1 - Math.pow(b2, t));
        w[j] -= lr * mHat / (Math.sqrt(vHat) + 1e-7);
      }
      return w;
    });
    Nadam nadam = new Nadam(lr);
    assertKernels(train(nadam, 3), expected);
    assertThat(nadam.globalVariables().get(0).read()[0]).isCloseTo((float) uProduct[0], within(1e-6f));
  }

  @Test
  void adagradAccumulatesSquaredGradientsFromPointOne() {
    double lr = 0.1;
    double[] acc = {0.1, 0.1};
    double[][] expected = simulate(3, (t, w, g) -> {
      for (int j = 0; j < 2; j++) {
        acc[j] += g[j] * g[j];
        w[j] -= lr * g[j] / Math.sqrt(acc[j] + 1e-7);
      }
      return w;
    });
    assertKernels(train(new Adagrad(lr), 3), expected);
  }

  @Test
  void adadeltaScalesByTheRatioOfRunningRoots() {
    double lr = 1.0;
    double rho = 0.95;
    double eps = 1e-7;
    double[] accGrad = new double[2];
    double[] accVar = new double[2];
    double[][] expected = simulate(3, (t, w, g) -> {
      for (int j = 0; j < 2; j++) {
        accGrad[j] = rho * accGrad[j] + (1 - rho) * g[j] * g[j];
        double delta = -Math.sqrt(accVar[j] + eps) * g[j] / Math.sqrt(accGrad[j] + eps);
        accVar[j] = rho * accVar[j] + (1 - rho) * delta * delta;
        w[j] += lr * delta;
      }
      return w;
    });
    assertKernels(train(new Adadelta(lr), 3), expected);
  }

  @Test
  void ftrlFollowsTheRegularizedLeader() {
    double lr = 0.1;
    double l1 = 0.01;
    double l2 = 0.02;
    double shrink = 0.05;
    double beta = 0.3;
    double[] n = {0.1, 0.1};
    double[] z = new double[2];
    double[][] expected = simulate(3, (t, w, g) -> {
      double l2Reg = l2 + beta / (2 * lr);
      for (int j = 0; j < 2; j++) {
        double gUse = g[j] + 2 * shrink * w[j];
        double nNew = n[j] + g[j] * g[j];
        z[j] += gUse - (Math.pow(nNew, 0.5) - Math.pow(n[j], 0.5)) / lr * w[j];
        double quadratic = Math.pow(nNew, 0.5) / lr + 2 * l2Reg;
        double clipped = Math.max(-l1, Math.min(l1, z[j]));
        w[j] = (clipped - z[j]) / quadratic;
        n[j] = nNew;
      }
      return w;
    });
    assertKernels(train(new Ftrl(lr, -0.5, 0.1, l1, l2, shrink, beta), 3), expected);
  }

  @Test
  void lionStepsBySignOfInterpolatedMomentum() {
    double lr = 0.01;
    double[] m = new double[2];
    double[][] expected = simulate(3, (t, w, g) -> {
      for (int j = 0; j < 2; j++) {
        w[j] -= lr * Math.signum(0.9 * m[j] + 0.1 * g[j]);
        m[j] = 0.99 * m[j] + 0.01 * g[j];
      }
      return w;
    });
    assertKernels(train(new Lion(lr), 3), expected);
  }

  @Test
  void clipnormScalesEachGradientToTheNorm() {
    double c = 1.0;
    double[][] expected = simulate(2, (t, w, g) -> {
      double norm = Math.hypot(g[0], g[1]);
      for (int j = 0; j < 2; j++) {
        w[j] -= 0.1 * g[j] * c / Math.max(norm, c);
      }
      return w;
    });
    assertKernels(train(new SGD(0.1).clipnorm(c), 2), expected);
  }

  @Test
  void globalClipnormAndClipvalueMatchKeras() {
    double[][] global = simulate(2, (t, w, g) -> {
      double norm = Math.hypot(g[0], g[1]);
      for (int j = 0; j < 2; j++) {
        w[j] -= 0.1 * g[j] * 2.0 / Math.max(norm, 2.0);
      }
      return w;
    });
    assertKernels(train(new SGD(0.1).globalClipnorm(2.0), 2), global);
    double[][] byValue = simulate(2, (t, w, g) -> {
      for (int j = 0; j < 2; j++) {
        w[j] -= 0.1 * Math.max(-3, Math.min(3, g[j]));
      }
      return w;
    });
    assertKernels(train(new SGD(0.1).clipvalue(3.0), 2), byValue);
  }

  @Test
  void scheduleIsEvaluatedAtEachStepsIterationsFromZero() {
    LearningRateSchedule schedule = new ExponentialDecay(0.1, 1, 0.5);
    double[][] expected = simulate(3, (t, w, g) -> {
      double lr = 0.1 * Math.pow(0.5, t - 1);
      for (int j = 0; j < 2; j++) {
        w[j] -= lr * g[j];
      }
      return w;
    });
    SGD sgd = (SGD) new SGD().learningRate(schedule);
    assertKernels(train(sgd, 3), expected);
    assertThat(sgd.learningRate()).isCloseTo(0.1 * Math.pow(0.5, 3), within(1e-12));
    @SuppressWarnings("unchecked")
    Map<String, Object> lrConfig = (Map<String, Object>) sgd.getConfig().get("learning_rate");
    assertThat(lrConfig).containsEntry("class_name", "ExponentialDecay");
  }

  @Test
  void learningRateSetBetweenFitsTakesEffectWithoutRecompiling() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(1).useBias(false).kernelInitializer(new Constant(0.5)).inputShape(2);
      SGD sgd = new SGD(0.1);
      try (Sequential model = new Sequential(dense)) {
        model.compile(sgd, "mse");
        FitOptions once = new FitOptions().batchSize(1).shuffle(false).verbose(0).seed(1);
        model.fit(X, Y, once);
        sgd.learningRate(0.01);
        model.fit(X, Y, once);
        double[][] expected = simulate(2, (t, w, g) -> {
          double lr = t == 1 ? 0.1 : 0.01;
          for (int j = 0; j < 2; j++) {
            w[j] -= lr * g[j];
          }
          return w;
        });
        float[] k = dense.kernel().read();
        assertKernels(new double[][] {{k[0], k[1]}}, new double[][] {expected[1]});
      }
    }
  }

  @Test
  void scheduleReturningNanIsATypedError() {
    LearningRateSchedule bad = new LearningRateSchedule() {
      @Override
      public String className() {
        return "Bad";
      }

      @Override
      public double at(long step) {
        return Double.NaN;
      }

      @Override
      public Map<String, Object> getConfig() {
        return Map.of();
      }
    };
    assertThatThrownBy(() -> train(new SGD().learningRate(bad), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schedule Bad")
        .hasMessageContaining("returned NaN at step 0");
  }

  @Test
  void rejectsBadOptionsNamingThem() {
    assertThatThrownBy(() -> new SGD().clipnorm(1).clipvalue(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only one of clipnorm, clipvalue and global_clipnorm");
    assertThatThrownBy(() -> new Adam().clipnorm(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adam: clipnorm must be a positive number, but got clipnorm=-1.0.");
    assertThatThrownBy(() -> new Adam().weightDecay(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight_decay=NaN");
    assertThatThrownBy(() -> new Adam().learningRate(new ExponentialDecay(0.1, 10, 0.9)).learningRate(0.1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("schedule ExponentialDecay");
    assertThatThrownBy(() -> Optimizers.get("adamm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown optimizer: 'adamm'").hasMessageContaining("lion");
    assertThatThrownBy(() -> new Lion(0.001, 0, 0.99)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beta_1=0.0");
  }

  @Test
  void namesResolveWithKerasDefaults() {
    for (String name : Optimizers.NAMES) {
      assertThat(Optimizers.get(name).name().toLowerCase()).isEqualTo(name);
    }
    assertThat(new AdamW().weightDecay()).isEqualTo(0.004);
    assertThat(new Adagrad().getConfig()).containsEntry("initial_accumulator_value", 0.1);
    assertThat(new Ftrl().getConfig()).containsEntry("learning_rate_power", -0.5);
  }
}
