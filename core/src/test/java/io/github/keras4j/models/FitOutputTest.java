package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.optimizers.Adam;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What fit, evaluate and predict print for each verbosity. */
class FitOutputTest {
  private static final float[][] X = TestData.normal(30, 2, 1);
  private static final int[] Y = TestData.labels(30, 2, 2);
  private static final String NUMBER = "\\d+\\.\\d{4}(e[-+]\\d{2})?";

  private static Sequential model(TestData.Capture out) {
    Keras.setRandomSeed(3);
    Sequential model = new Sequential(new Dense(2).inputShape(2).activation("softmax"));
    model.compile(new Adam(), "sparse_categorical_crossentropy", "accuracy");
    model.setOutput(out.stream());
    return model;
  }

  /** Returns the lines as a reader of the console sees them: what follows the last carriage return. */
  private static List<String> visibleLines(String text) {
    return Arrays.stream(text.split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1).stripTrailing())
        .toList();
  }

  @Test
  void printsNothingWithVerbose0() {
    TestData.Capture out = new TestData.Capture();
    try (var scope = KerasContext.isolated(); Sequential model = model(out)) {
      model.fit(X, Y, new FitOptions().batchSize(10).epochs(3).validationSplit(0.2).verbose(0).seed(1));
      model.evaluate(X, Y, new EvaluateOptions().verbose(0));
      model.predict(X, new PredictOptions().verbose(0));
      assertThat(out.text()).isEmpty();
    }
  }

  @Test
  void printsOneLinePerEpochWithVerbose2() {
    TestData.Capture out = new TestData.Capture();
    try (var scope = KerasContext.isolated(); Sequential model = model(out)) {
      model.fit(X, Y, new FitOptions().batchSize(10).epochs(3).validationSplit(0.2).verbose(2).seed(1));
      List<String> lines = visibleLines(out.text());
      assertThat(lines).hasSize(6);
      for (int epoch = 0; epoch < 3; epoch++) {
        assertThat(lines.get(2 * epoch)).isEqualTo("Epoch " + (epoch + 1) + "/3");
        assertThat(lines.get(2 * epoch + 1)).matches("3/3 - \\d+s - loss: " + NUMBER + " - accuracy: " + NUMBER
            + " - val_loss: " + NUMBER + " - val_accuracy: " + NUMBER);
      }
    }
  }

  @Test
  void printsNoEpochHeaderForASingleEpoch() {
    TestData.Capture out = new TestData.Capture();
    try (var scope = KerasContext.isolated(); Sequential model = model(out)) {
      model.fit(X, Y, new FitOptions().batchSize(10).verbose(2).seed(1));
      assertThat(visibleLines(out.text())).singleElement().asString()
          .matches("3/3 - \\d+s - loss: " + NUMBER + " - accuracy: " + NUMBER);
    }
  }

  @Test
  void endsEachEpochWithAFinishedBarWithVerbose1() {
    TestData.Capture out = new TestData.Capture();
    try (var scope = KerasContext.isolated(); Sequential model = model(out)) {
      model.fit(X, Y, new FitOptions().batchSize(10).epochs(2).verbose(1).seed(1));
      List<String> lines = visibleLines(out.text());
      assertThat(lines).hasSize(4);
      assertThat(lines.get(0)).isEqualTo("Epoch 1/2");
      assertThat(lines.get(2)).isEqualTo("Epoch 2/2");
      for (String bar : List.of(lines.get(1), lines.get(3))) {
        assertThat(bar).matches("3/3 \\[==============================\\] - \\d+s \\d+(s|ms|us)/step - loss: "
            + NUMBER + " - accuracy: " + NUMBER);
      }
    }
  }

  @Test
  void evaluatePrintsAFinishedBarByDefault() {
    TestData.Capture out = new TestData.Capture();
    try (var scope = KerasContext.isolated(); Sequential model = model(out)) {
      model.evaluate(X, Y, new EvaluateOptions().batchSize(10));
      assertThat(visibleLines(out.text())).singleElement().asString()
          .matches("3/3 \\[==============================\\] - \\d+s \\d+(s|ms|us)/step - loss: " + NUMBER
              + " - accuracy: " + NUMBER);
    }
  }
}
