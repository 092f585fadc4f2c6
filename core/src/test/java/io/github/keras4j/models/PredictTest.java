package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 32, 50, 64})
  void returnsOneRowPerSampleInInputOrder(int batchSize) {
    float[][] x = TestData.normal(50, 3, 1);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(2);
      try (Sequential model = new Sequential(new Dense(6).inputShape(3).activation("relu"),
          new Dense(4).activation("softmax"))) {
        float[][] p = model.predict(x, new PredictOptions().batchSize(batchSize));

        List<float[]> w = TestData.flat(model.getWeights());
        double[][] expected =
            TestData.softmax(TestData.affine(toFloat(TestData.relu(TestData.affine(x, w.get(0), w.get(1), 6))),
                w.get(2), w.get(3), 4));
        assertThat(p).hasNumberOfRows(50);
        for (int i = 0; i < x.length; i++) {
          assertThat(p[i]).hasSize(4);
          for (int j = 0; j < 4; j++) {
            assertThat((double) p[i][j]).as("p[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-5));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 32})
  void givesTheSameRowsForEveryBatchSize(int batchSize) {
    float[][] x = TestData.normal(40, 2, 3);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(4);
      try (Sequential model = new Sequential(new Dense(3).inputShape(2).activation("sigmoid"))) {
        float[][] reference = model.predict(x, new PredictOptions().batchSize(40));
        float[][] p = model.predict(x, new PredictOptions().batchSize(batchSize));
        // TensorFlow multiplies a batch of one with another kernel (gemv) than a larger batch (gemm): the sums
        // round differently in the last bits, so rows agree to float32 precision, not bit for bit.
        for (int i = 0; i < x.length; i++) {
          assertThat(p[i]).containsExactly(reference[i], within(1e-6f));
        }
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
