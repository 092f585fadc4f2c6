package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class DropoutTest {
  private static final LayerTestKit.Reference IDENTITY = (x, shape, weights) -> {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  };

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(() -> new Dropout(0.5), 6).reference(IDENTITY).run();
  }

  @Test
  void passesTheLayerTestKitWithASeedAndRank3Input() {
    LayerTestKit.of(() -> new Dropout(0.3).seed(5), 2, 3).reference(IDENTITY).run();
  }

  @Test
  void isTheIdentityInTrainingWhenTheRateIsZero() {
    LayerTestKit.of(() -> new Dropout(0.0), 5).training(true).reference(IDENTITY).run();
  }

  @Test
  void isTheIdentityAtInference() {
    try (var scope = KerasContext.isolated()) {
      Dropout dropout = new Dropout(0.5);
      dropout.ensureBuilt(Shapes.batchOf(10));
      float[] x = TestData.normal(1, 40, 3)[0];
      LayerTestKit.Output out = LayerTestKit.forward(dropout, x, new long[] {4, 10}, false, 1);
      assertThat(out.values()).containsExactly(x);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.2, 0.5, 0.8})
  void dropsAboutRateOfTheUnitsAndScalesTheRestInTraining(double rate) {
    try (var scope = KerasContext.isolated()) {
      Dropout dropout = new Dropout(rate);
      dropout.ensureBuilt(Shapes.batchOf(100));
      float[] ones = new float[200 * 100];
      Arrays.fill(ones, 1f);
      LayerTestKit.Output out = LayerTestKit.forward(dropout, ones, new long[] {200, 100}, true, 9);
      int dropped = 0;
      float scale = (float) (1.0 / (1.0 - rate));
      for (float v : out.values()) {
        if (v == 0f) {
          dropped++;
        } else {
          assertThat(v).isCloseTo(scale, within(1e-6f));
        }
      }
      assertThat(dropped / (double) ones.length).isCloseTo(rate, within(0.02));
    }
  }

  @Test
  void backpropagatesThroughTheKeptUnitsOnly() {
    try (var scope = KerasContext.isolated()) {
      Dropout dropout = new Dropout(0.4);
      dropout.ensureBuilt(Shapes.batchOf(50));
      float[] x = TestData.normal(1, 100, 4)[0];
      float[] r = TestData.normal(1, 100, 5)[0];
      float scale = (float) (1 / 0.6);
      try (Graph g = new Graph(); Session session = new Session(g);
          TFloat32 xt = TFloat32.tensorOf(Shape.of(2, 50), DataBuffers.of(x, true, false))) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 50)));
        Operand<TFloat32> out =
            dropout.call(tf, in, new LayerTestKit.KitCallContext(new IdentityHashMap<>(), true, 3));
        Operand<TFloat32> y =
            tf.sum(tf.math.mul(out, tf.constant(Shape.of(2, 50), DataBuffers.of(r, true, false))),
                tf.constant(new int[] {0, 1}));
        var grads = tf.gradients(y, List.of(in));
        try (Result result = session.runner().feed(in, xt).fetch(out).fetch(grads.dy(0)).run()) {
          float[] values = LayerTestKit.floats((TFloat32) result.get(0));
          float[] gradient = LayerTestKit.floats((TFloat32) result.get(1));
          for (int i = 0; i < x.length; i++) {
            boolean kept = values[i] != 0f;
            if (kept) {
              assertThat(values[i]).isCloseTo(x[i] * scale, within(1e-5f));
            }
            assertThat(gradient[i]).isCloseTo(kept ? r[i] * scale : 0f, within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void drawsTheSameMaskForTheSameSeed() {
    try (var scope = KerasContext.isolated()) {
      float[] ones = new float[400];
      Arrays.fill(ones, 1f);
      Dropout a = new Dropout(0.5).seed(11);
      Dropout b = new Dropout(0.5).seed(11);
      Dropout c = new Dropout(0.5).seed(12);
      for (Dropout d : List.of(a, b, c)) {
        d.ensureBuilt(Shapes.batchOf(400));
      }
      long[] shape = {1, 400};
      float[] maskA = LayerTestKit.forward(a, ones, shape, true, 1).values();
      float[] maskB = LayerTestKit.forward(b, ones, shape, true, 2).values();
      float[] maskC = LayerTestKit.forward(c, ones, shape, true, 1).values();
      assertThat(maskB).containsExactly(maskA);
      assertThat(maskC).isNotEqualTo(maskA);
    }
  }

  /** TF draws a random seed when both op seeds are 0; an explicit seed of 0 must still be reproducible. */
  @Test
  void drawsTheSameMaskForSeedZero() {
    try (var scope = KerasContext.isolated()) {
      float[] ones = new float[400];
      Arrays.fill(ones, 1f);
      Dropout a = new Dropout(0.5).seed(0);
      Dropout b = new Dropout(0.5).seed(0);
      a.ensureBuilt(Shapes.batchOf(400));
      b.ensureBuilt(Shapes.batchOf(400));
      float[] maskA = LayerTestKit.forward(a, ones, new long[] {1, 400}, true, 1).values();
      float[] maskB = LayerTestKit.forward(b, ones, new long[] {1, 400}, true, 1).values();
      assertThat(maskB).containsExactly(maskA);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
  void rejectsARateOutsideZeroToOne(double rate) {
    assertThatThrownBy(() -> new Dropout(rate))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dropout: rate must be in [0, 1), but got rate=" + rate + ".");
  }

  @Test
  void writesRateAndSeedToItsConfig() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new Dropout(0.25).seed(3).getConfig();
      assertThat(config).containsEntry("name", "dropout").containsEntry("rate", 0.25).containsEntry("seed", 3L);
      assertThat(config).containsKey("noise_shape");
      assertThat(new Dropout(0.25).getConfig().get("seed")).isNull();
    }
  }

  @Test
  void isActiveInFitAndInactiveInPredictAndEvaluate() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(5);
      float[][] x = TestData.normal(64, 4, 1);
      int[] y = TestData.labels(64, 2, 2);
      Dense hidden = new Dense(16).inputShape(4).activation("relu");
      Dense output = new Dense(2).activation("softmax");
      try (Sequential model = new Sequential(hidden, new Dropout(0.8), output)) {
        model.compile(new SGD(1e-10), "sparse_categorical_crossentropy", "accuracy");
        float[][] first = model.predict(x);
        float[][] second = model.predict(x);
        for (int i = 0; i < x.length; i++) {
          assertThat(second[i]).containsExactly(first[i]);
        }
        double[][] manual = TestData.softmax(TestData.affine(
            toFloat(TestData.relu(TestData.affine(x, hidden.kernel().read(), hidden.bias().read(), 16))),
            output.kernel().read(), output.bias().read(), 2));
        for (int i = 0; i < x.length; i++) {
          for (int j = 0; j < 2; j++) {
            assertThat((double) first[i][j]).isCloseTo(manual[i][j], within(1e-5));
          }
        }

        History history = model.fit(x, y, new FitOptions().batchSize(64).epochs(1).verbose(0).seed(1));
        double evaluated = model.evaluate(x, y, new EvaluateOptions().verbose(0)).get("loss");
        assertThat(history.get("loss").get(0)).isNotCloseTo(evaluated, within(1e-3));
      }
    }
  }

  private static float[][] toFloat(double[][] values) {
    float[][] out = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new float[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        out[i][j] = (float) values[i][j];
      }
    }
    return out;
  }
}
