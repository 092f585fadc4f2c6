package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Weights survive closing and recompiling; trainable flags apply at the next fit; get/setWeights round-trip. */
class ModelLifecycleTest {
  private static final float[][] X = TestData.normal(40, 3, 1);
  private static final int[] Y = TestData.labels(40, 2, 2);

  private static Sequential ann() {
    Keras.setRandomSeed(5);
    Sequential model = new Sequential(new Dense(6).inputShape(3).activation("relu"),
        new Dense(2).activation("softmax"));
    model.compile(new Adam(0.05), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  private static FitOptions quiet() {
    return new FitOptions().batchSize(8).epochs(2).verbose(0).seed(1);
  }

  private static List<float[]> values(Model model) {
    return TestData.flat(model.getWeights());
  }

  private static List<float[]> values(Layer layer) {
    return TestData.flat(layer.getWeights());
  }

  private static void assertSameValues(List<float[]> actual, List<float[]> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("weight %d", i).containsExactly(expected.get(i));
    }
  }

  private static void assertSamePredictions(float[][] actual, float[][] expected) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).containsExactly(expected[i], within(1e-6f));
    }
  }

  @Test
  void keepsTrainedWeightsWhenClosedAndPredictsAgain() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      List<float[]> initial = values(model);
      model.fit(X, Y, quiet());
      List<float[]> trained = values(model);
      assertThat(trained.get(0)).isNotEqualTo(initial.get(0));
      float[][] before = model.predict(X);

      model.close();
      assertSameValues(values(model), trained);
      assertSamePredictions(model.predict(X), before);
      model.close();
      model.close();
      assertSameValues(values(model), trained);
    }
  }

  @Test
  void keepsWeightsAcrossARecompile() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      model.fit(X, Y, quiet());
      List<float[]> trained = values(model);
      float[][] before = model.predict(X);
      model.compile(new SGD(0.1), "sparse_categorical_crossentropy", "accuracy");
      assertSameValues(values(model), trained);
      assertSamePredictions(model.predict(X), before);
      model.fit(X, Y, quiet());
      assertThat(values(model).get(0)).isNotEqualTo(trained.get(0));
    }
  }

  @Test
  void appliesATrainableChangeAtTheNextFit() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      model.fit(X, Y, quiet());
      Layer first = model.getLayer(0);
      Layer second = model.getLayer(1);
      first.trainable(false);
      List<float[]> frozen = values(first);
      List<float[]> other = values(second);

      model.fit(X, Y, quiet());
      assertSameValues(values(first), frozen);
      assertThat(values(second).get(0)).isNotEqualTo(other.get(0));

      first.trainable(true);
      model.fit(X, Y, quiet());
      assertThat(values(first).get(0)).isNotEqualTo(frozen.get(0));
    }
  }

  @Test
  void countsOptimizerIterationsAcrossFits() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      model.fit(X, Y, quiet());
      assertThat(model.optimizer().iterationCount()).isEqualTo(2 * 5);
      model.getLayer(0).trainable(false);
      model.fit(X, Y, quiet());
      assertThat(model.optimizer().iterationCount()).isEqualTo(4 * 5);
    }
  }

  @Test
  void roundTripsWeightsThroughGetAndSetWeights() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      List<FloatNdArray> replacement = randomLike(model.getWeights(), 9);
      model.setWeights(replacement);
      assertSameValues(values(model), TestData.flat(replacement));

      model.fit(X, Y, quiet());
      List<FloatNdArray> trained = model.getWeights();
      model.setWeights(replacement);
      assertSameValues(values(model), TestData.flat(replacement));
      float[][] p = model.predict(X);
      List<float[]> w = TestData.flat(replacement);
      double[][] expected = TestData.softmax(TestData.affine(
          toFloat(TestData.relu(TestData.affine(X, w.get(0), w.get(1), 6))), w.get(2), w.get(3), 2));
      for (int i = 0; i < X.length; i++) {
        for (int j = 0; j < 2; j++) {
          assertThat((double) p[i][j]).isCloseTo(expected[i][j], within(1e-5));
        }
      }
      model.setWeights(trained);
      assertSameValues(values(model), TestData.flat(trained));
    }
  }

  @Test
  void rejectsAWeightOfTheWrongShapeNamingIt() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      List<FloatNdArray> weights = new ArrayList<>(model.getWeights());
      weights.set(2, NdArrays.ofFloats(Shape.of(2, 6)));
      assertThatThrownBy(() -> model.setWeights(weights))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Weight 'dense_1/kernel' has shape [6, 2], but got an array of shape [2, 6].");
    }
  }

  @Test
  void rejectsTheWrongNumberOfWeights() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      assertThatThrownBy(() -> model.setWeights(model.getWeights().subList(0, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Model 'sequential' has 4 weights, but setWeights got 3 arrays.");
    }
  }

  /** Keras checks every shape before assigning anything; a rejected setWeights leaves the model as it was. */
  @Test
  void leavesTheWeightsUnchangedWhenSetWeightsIsRejected() {
    try (var scope = KerasContext.isolated(); Sequential model = ann()) {
      List<float[]> before = values(model);
      List<FloatNdArray> weights = new ArrayList<>(randomLike(model.getWeights(), 3));
      weights.set(3, NdArrays.ofFloats(Shape.of(3)));
      assertThatThrownBy(() -> model.setWeights(weights)).isInstanceOf(IllegalArgumentException.class);
      assertSameValues(values(model), before);
    }
  }

  /** A layer shared by two models has one value: training it through one model shows in the other. */
  @Test
  void sharesTheValuesOfLayersUsedByTwoModels() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(6);
      Dense hidden = new Dense(6).inputShape(3).activation("relu");
      Dense output = new Dense(2).activation("softmax");
      try (Sequential a = new Sequential(hidden, output)) {
        a.compile(new Adam(0.05), "sparse_categorical_crossentropy");
        a.fit(X, Y, quiet());
        try (Sequential b = new Sequential(hidden, output)) {
          b.compile(new Adam(0.05), "sparse_categorical_crossentropy");
          assertSamePredictions(b.predict(X), a.predict(X));
          b.fit(X, Y, quiet());
          assertSameValues(values(a), values(b));
          assertSamePredictions(a.predict(X), b.predict(X));
        }
      }
    }
  }

  private static List<FloatNdArray> randomLike(List<FloatNdArray> weights, long seed) {
    Random random = new Random(seed);
    List<FloatNdArray> out = new ArrayList<>();
    for (FloatNdArray w : weights) {
      float[] v = new float[Math.toIntExact(w.shape().size())];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian() * 0.5f;
      }
      out.add(NdArrays.wrap(w.shape(), DataBuffers.of(v, false, false)));
    }
    return out;
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
