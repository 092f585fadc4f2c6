package io.github.keras4j.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Constant;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer's updates against Keras 2.x's formulas, computed by hand on {@code Dense(1, use_bias=False)} with
 * kernel {@code [0.5, 0.5]}, MSE and samples whose gradient is easy to write down: for prediction
 * {@code p = w·x}, the batch-mean gradient is {@code mean(2 (p - y) x)}.
 */
class OptimizerStepTest {
  private static final float[][] X = {{1f, 2f}};
  private static final float[][] Y = {{4f}};

  /** Trains one step per fit and returns the kernel after each step. */
  private static double[][] train(Optimizer optimizer, float[][] x, float[][] y, int steps) {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(1).useBias(false).kernelInitializer(new Constant(0.5)).inputShape(2);
      try (Sequential model = new Sequential(dense)) {
        model.compile(optimizer, "mse");
        double[][] kernels = new double[steps][];
        for (int s = 0; s < steps; s++) {
          model.fit(x, y, new FitOptions().batchSize(x.length).shuffle(false).verbose(0).seed(1));
          float[] k = dense.kernel().read();
          kernels[s] = new double[] {k[0], k[1]};
        }
        assertThat(optimizer.iterationCount()).isEqualTo(steps);
        return kernels;
      }
    }
  }

  /** Returns the batch-mean MSE gradient for kernel {@code w}. */
  private static double[] gradient(double[] w, float[][] x, float[][] y) {
    double[] g = new double[2];
    for (int i = 0; i < x.length; i++) {
      double p = w[0] * x[i][0] + w[1] * x[i][1];
      for (int j = 0; j < 2; j++) {
        g[j] += 2 * (p - y[i][0]) * x[i][j] / x.length;
      }
    }
    return g;
  }

  /** Simulates {@code steps} updates; {@code rule} maps (step t from 1, gradient) to the new kernel. */
  private static double[][] simulate(int steps, float[][] x, float[][] y, BiFunction<Integer, double[], double[]> rule) {
    double[][] kernels = new double[steps][];
    double[] w = {0.5, 0.5};
    for (int t = 1; t <= steps; t++) {
      double[] g = gradient(w, x, y);
      w = rule.apply(t, g);
      kernels[t - 1] = w.clone();
    }
    return kernels;
  }

  private static void assertKernels(double[][] actual, double[][] expected) {
    for (int s = 0; s < expected.length; s++) {
      for (int j = 0; j < 2; j++) {
        assertThat(actual[s][j]).as("kernel[%d] after step %d", j, s + 1).isCloseTo(expected[s][j], within(1e-6));
      }
    }
  }

  @Test
  void adamFirstStepMatchesKerasFormula() {
    double lr = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-7;
    double[] g = {2 * (1.5 - 4) * 1, 2 * (1.5 - 4) * 2};
    double[] expected = new double[2];
    for (int j = 0; j < 2; j++) {
      double m = (1 - b1) * g[j];
      double v = (1 - b2) * g[j] * g[j];
      expected[j] = 0.5 - lr * Math.sqrt(1 - b2) / (1 - b1) * m / (Math.sqrt(v) + eps);
    }
    assertKernels(train(new Adam(lr), X, Y, 1), new double[][] {expected});
  }

  @Test
  void adamFollowsKerasFormulaOverSeveralSteps() {
    double lr = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-7;
    double[] m = new double[2];
    double[] v = new double[2];
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(3, X, Y, (t, g) -> {
      double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int j = 0; j < 2; j++) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        w[j] -= lrT * m[j] / (Math.sqrt(v[j]) + eps);
      }
      return w.clone();
    });
    assertKernels(train(new Adam(lr), X, Y, 3), expected);
  }

  @Test
  void adamWithAmsgradUsesTheLargestSecondMoment() {
    double lr = 0.01;
    double b1 = 0.8;
    double b2 = 0.9;
    double eps = 1e-7;
    double[] m = new double[2];
    double[] v = new double[2];
    double[] vhat = new double[2];
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(3, X, Y, (t, g) -> {
      double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int j = 0; j < 2; j++) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        vhat[j] = Math.max(vhat[j], v[j]);
        w[j] -= lrT * m[j] / (Math.sqrt(vhat[j]) + eps);
      }
      return w.clone();
    });
    assertKernels(train(new Adam(lr, b1, b2, eps, true), X, Y, 3), expected);
  }

  @Test
  void sgdStepsAgainstTheBatchMeanGradient() {
    float[][] x = {{1f, 2f}, {-1f, 0.5f}, {0.25f, 1f}};
    float[][] y = {{4f}, {1f}, {-2f}};
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(2, x, y, (t, g) -> {
      for (int j = 0; j < 2; j++) {
        w[j] -= 0.05 * g[j];
      }
      return w.clone();
    });
    assertKernels(train(new SGD(0.05), x, y, 2), expected);
  }

  @Test
  void sgdWithMomentumAccumulatesAVelocity() {
    double lr = 0.01;
    double momentum = 0.9;
    double[] velocity = new double[2];
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(3, X, Y, (t, g) -> {
      for (int j = 0; j < 2; j++) {
        velocity[j] = momentum * velocity[j] - lr * g[j];
        w[j] += velocity[j];
      }
      return w.clone();
    });
    assertKernels(train(new SGD(lr, momentum, false), X, Y, 3), expected);
  }

  @Test
  void sgdWithNesterovMomentumLooksAhead() {
    double lr = 0.01;
    double momentum = 0.9;
    double[] velocity = new double[2];
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(3, X, Y, (t, g) -> {
      for (int j = 0; j < 2; j++) {
        velocity[j] = momentum * velocity[j] - lr * g[j];
        w[j] += momentum * velocity[j] - lr * g[j];
      }
      return w.clone();
    });
    assertKernels(train(new SGD(lr, momentum, true), X, Y, 3), expected);
  }

  @Test
  void rmspropFirstStepMatchesKerasFormula() {
    double lr = 0.01;
    double rho = 0.9;
    double eps = 1e-7;
    double[] g = {2 * (1.5 - 4) * 1, 2 * (1.5 - 4) * 2};
    double[] expected = new double[2];
    for (int j = 0; j < 2; j++) {
      double rms = (1 - rho) * g[j] * g[j];
      expected[j] = 0.5 - lr * g[j] / (Math.sqrt(rms) + eps);
    }
    assertKernels(train(new RMSprop(lr), X, Y, 1), new double[][] {expected});
  }

  @Test
  void rmspropFollowsKerasFormulaOverSeveralSteps() {
    double lr = 0.01;
    double rho = 0.9;
    double eps = 1e-7;
    double[] rms = new double[2];
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(3, X, Y, (t, g) -> {
      for (int j = 0; j < 2; j++) {
        rms[j] = rho * rms[j] + (1 - rho) * g[j] * g[j];
        w[j] -= lr * g[j] / (Math.sqrt(rms[j]) + eps);
      }
      return w.clone();
    });
    assertKernels(train(new RMSprop(lr), X, Y, 3), expected);
  }

  @Test
  void rmspropWithMomentumAndCenteringMatchesKerasFormula() {
    double lr = 0.01;
    double rho = 0.9;
    double momentum = 0.5;
    double eps = 1e-7;
    double[] rms = new double[2];
    double[] mg = new double[2];
    double[] mom = new double[2];
    double[] w = {0.5, 0.5};
    double[][] expected = simulate(3, X, Y, (t, g) -> {
      for (int j = 0; j < 2; j++) {
        rms[j] = rho * rms[j] + (1 - rho) * g[j] * g[j];
        mg[j] = rho * mg[j] + (1 - rho) * g[j];
        mom[j] = momentum * mom[j] + lr * g[j] / Math.sqrt(rms[j] - mg[j] * mg[j] + eps);
        w[j] -= mom[j];
      }
      return w.clone();
    });
    assertKernels(train(new RMSprop(lr, rho, momentum, eps, true), X, Y, 3), expected);
  }

  @Test
  void countsIterationsAcrossStepsAndEpochs() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(1);
      Adam adam = new Adam();
      assertThat(adam.iterationCount()).isZero();
      try (Sequential model = new Sequential(new Dense(1).inputShape(2))) {
        model.compile(adam, "mse");
        float[][] x = new float[25][2];
        float[][] y = new float[25][1];
        model.fit(x, y, new FitOptions().batchSize(10).epochs(4).verbose(0).seed(1));
        assertThat(adam.iterationCount()).isEqualTo(4 * 3);
      }
    }
  }

  @Test
  void keepsSlotsNamedAfterTheirWeightInKerasOrder() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(1);
      Adam adam = new Adam();
      try (Sequential model = new Sequential(new Dense(1).inputShape(2))) {
        model.compile(adam, "mse");
        model.fit(new float[][] {{1f, 2f}}, new float[][] {{1f}}, new FitOptions().verbose(0).seed(1));
        assertThat(adam.variables()).extracting(Weight::path).containsExactly(
            "Adam/iter", "Adam/dense/kernel/m", "Adam/dense/bias/m", "Adam/dense/kernel/v", "Adam/dense/bias/v");
      }
    }
  }

  @Test
  void usesKerasDefaults() {
    Adam adam = new Adam();
    assertThat(adam.learningRate()).isEqualTo(0.001);
    assertThat(adam.beta1()).isEqualTo(0.9);
    assertThat(adam.beta2()).isEqualTo(0.999);
    assertThat(adam.epsilon()).isEqualTo(1e-7);
    assertThat(adam.amsgrad()).isFalse();
    assertThat(new SGD().learningRate()).isEqualTo(0.01);
    assertThat(new SGD().momentum()).isZero();
    assertThat(new SGD().nesterov()).isFalse();
    RMSprop rmsprop = new RMSprop();
    assertThat(rmsprop.learningRate()).isEqualTo(0.001);
    assertThat(rmsprop.rho()).isEqualTo(0.9);
    assertThat(rmsprop.momentum()).isZero();
    assertThat(rmsprop.epsilon()).isEqualTo(1e-7);
    assertThat(Optimizers.get("rmsprop")).isInstanceOf(RMSprop.class);
    assertThat(Optimizers.get("sgd")).isInstanceOf(SGD.class);
    assertThat(adam.getConfig()).containsEntry("name", "Adam").containsEntry("learning_rate", 0.001)
        .containsEntry("beta_1", 0.9).containsEntry("beta_2", 0.999);
  }

  @Test
  void rejectsBadHyperparametersNamingThem() {
    assertThatThrownBy(() -> new Adam(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Adam: learning_rate must be a positive number, but got learning_rate=0.0.");
    assertThatThrownBy(() -> new SGD(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learning_rate=-0.1");
    assertThatThrownBy(() -> new Adam(0.001, 1.0, 0.999, 1e-7, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beta_1=1.0");
    assertThatThrownBy(() -> new SGD(0.01, 1.5, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SGD: momentum must be in [0, 1], but got momentum=1.5.");
    assertThatThrownBy(() -> new RMSprop(0.01, 2, 0, 1e-7, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RMSprop: rho must be in [0, 1], but got rho=2.0.");
    assertThatThrownBy(() -> new Adam(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("learning_rate=NaN");
  }
}
