package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.optimizers.Adam;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The sequence models of {@code ../shared/fixtures/keras/byom}: they load, predict what an independent NumPy
 * forward pass computes ({@code layers/rnn/rnn_references.json}, written by {@code generate_rnn_references.py}),
 * save as {@code .h5} and {@code .keras} and load back equal, and keep training.
 */
class SequenceFixturesTest {
  private KerasContext.Scope scope;
  @TempDir Path tmp;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(1);
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  record Case(FloatNdArray x, long[] outShape, double[] y) {}

  @SuppressWarnings("unchecked")
  static Case reference(String fixture) throws IOException {
    try (InputStream in = SequenceFixturesTest.class.getResourceAsStream(
        "/io/github/keras4j/layers/rnn/rnn_references.json")) {
      Map<String, Object> all = new ObjectMapper().readValue(in, Map.class);
      Map<String, Object> c = (Map<String, Object>) all.get(fixture);
      long[] inShape = ((List<Number>) c.get("input_shape")).stream().mapToLong(Number::longValue).toArray();
      List<Number> input = (List<Number>) c.get("input");
      float[] xs = new float[input.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = input.get(i).floatValue();
      }
      FloatNdArray x = NdArrays.ofFloats(Shape.of(inShape));
      x.copyFrom(DataBuffers.of(xs, true, false));
      long[] outShape = ((List<Number>) c.get("output_shape")).stream().mapToLong(Number::longValue).toArray();
      double[] y = ((List<Number>) c.get("output")).stream().mapToDouble(Number::doubleValue).toArray();
      return new Case(x, outShape, y);
    }
  }

  static void assertMatches(String what, float[][] actual, double[] expected) {
    int cols = actual[0].length;
    assertThat(actual.length * cols).as("%s: number of outputs", what).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i / cols][i % cols];
      if (!(Math.abs(a - e) <= 1e-5 * Math.max(1, Math.abs(e)))) {
        fail("%s: output %d is %s, the NumPy reference says %s", what, i, a, e);
      }
    }
  }

  /**
   * The Keras 2.4 Embedding(mask_zero) + Bidirectional(LSTM) classifier declares sequences of any length; the
   * unrolled, masked loop gets a program for the data's 12 steps, as tf.function retraces per shape.
   */
  @Tag("slow")
  @org.junit.jupiter.api.Test
  void bidirectionalWithMaskZeroLoadsPredictsRoundTripsAndTrains() throws Exception {
    String fixture = "embedding_bidirectional_keras2.4.0.h5";
    Path file = KerasFixtures.file("byom/" + fixture);
    Case c = reference(fixture);
    try (Model model = Models.load(file)) {
      assertThat(model.inputShape().size(1)).as("the file's input has None steps").isEqualTo(-1);
      assertThat(model.layers()).extracting(io.github.keras4j.layers.Layer::className)
          .contains("Embedding", "Bidirectional", "Dense");
      float[][] y;
      y = model.predict(c.x());
      assertMatches(fixture, y, c.y());
      for (String ext : List.of(".h5", ".keras")) {
        Path saved = tmp.resolve("copy" + ext);
        model.save(saved);
        try (Model back = Models.load(saved)) {
          float[][] again = back.predict(c.x());
          for (int i = 0; i < y.length; i++) {
            assertThat(again[i]).as("%s saved as %s and loaded back", fixture, ext).containsExactly(y[i]);
          }
        }
      }
      {
        model.compile(new Adam(1e-2), "categorical_crossentropy");
        float[][] target = new float[y.length][y[0].length];
        for (int i = 0; i < y.length; i++) {
          target[i][i % y[0].length] = 1;
        }
        History h = model.fit(c.x(), target, new FitOptions().epochs(2).batchSize(y.length).verbose(0).seed(1));
        assertThat(h.get("loss")).allMatch(Double::isFinite);
        assertThat(h.get("loss").get(1)).isLessThan(h.get("loss").get(0));
      }
    }
  }

  @Tag("slow")
  @ParameterizedTest
  @ValueSource(strings = {"lstm_speech_emotion_keras3.3.3.keras", "embedding_lstm_sentiment_keras3.1.1.h5"})
  void loadsPredictsRoundTripsAndTrains(String fixture) throws Exception {
    Path file = KerasFixtures.file("byom/" + fixture);
    Case c = reference(fixture);
    try (Model model = Models.load(file)) {
      float[][] y = model.predict(c.x());
      assertMatches(fixture, y, c.y());
      for (String ext : List.of(".h5", ".keras")) {
        Path saved = tmp.resolve("copy" + ext);
        model.save(saved);
        try (Model back = Models.load(saved)) {
          float[][] again = back.predict(c.x());
          for (int i = 0; i < y.length; i++) {
            assertThat(again[i]).as("%s saved as %s and loaded back", fixture, ext).containsExactly(y[i]);
          }
        }
      }
      // Keep training: targets are a one-hot of the prediction's argmax (or its rounding for one output).
      float[][] target = new float[y.length][y[0].length];
      for (int i = 0; i < y.length; i++) {
        int best = 0;
        for (int j = 0; j < y[i].length; j++) {
          best = y[i][j] > y[i][best] ? j : best;
        }
        if (y[i].length == 1) {
          target[i][0] = y[i][0] > 0.5 ? 1 : 0;
        } else {
          target[i][best] = 1;
        }
      }
      if (!model.isCompiled()) {
        model.compile(new Adam(1e-3), y[0].length == 1 ? "binary_crossentropy" : "categorical_crossentropy");
      }
      History h = model.fit(c.x(), target, new FitOptions().epochs(2).batchSize(y.length).verbose(0).seed(1));
      List<Double> loss = h.get("loss");
      assertThat(loss).allMatch(Double::isFinite);
      assertThat(loss.get(1)).as("loss after one more epoch").isLessThan(loss.get(0));
    }
  }
}
