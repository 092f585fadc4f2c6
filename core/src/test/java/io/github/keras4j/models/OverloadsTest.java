package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Concatenate;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** The convenience overloads of issue 9: default options, float[] labels, String paths, mixed multi-input, ids. */
class OverloadsTest {
  @TempDir Path dir;
  private KerasContext.Scope scope;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(5);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  private static float[] binaryLabels(float[][] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
    }
    return y;
  }

  @Test
  void fitWithDefaultOptionsRunsOneEpochOfBatchesOf32WithAProgressBar() {
    float[][] x = TestData.normal(64, 2, 1);
    try (Sequential model = new Sequential(new Dense(1).inputShape(2).activation("sigmoid"))) {
      model.compile("sgd", "binary_crossentropy", "accuracy");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      model.setOutput(new PrintStream(out, true));
      History history = model.fit(x, binaryLabels(x));
      assertThat(history.epochs()).containsExactly(0);
      assertThat(out.toString()).contains("2/2").contains("loss:");
    }
  }

  @Test
  void floatLabelsWorkForNdArraysAndEvaluate() {
    float[][] x = TestData.normal(40, 2, 2);
    float[] y = binaryLabels(x);
    FloatNdArray nd = NdArrays.ofFloats(Shape.of(40, 2));
    for (int i = 0; i < 40; i++) {
      nd.setFloat(x[i][0], i, 0);
      nd.setFloat(x[i][1], i, 1);
    }
    try (Sequential model = new Sequential(new Dense(1).inputShape(2).activation("sigmoid"))) {
      model.compile("adam", "binary_crossentropy");
      model.fit(nd, y, new FitOptions().epochs(2).verbose(0));
      Map<String, Double> fromRows = model.evaluate(x, y);
      Map<String, Double> fromNd = model.evaluate(nd, y, new EvaluateOptions());
      float[][] asRows = new float[40][];
      for (int i = 0; i < 40; i++) {
        asRows[i] = new float[] {y[i]};
      }
      Map<String, Double> fromColumn = model.evaluate(x, asRows);
      assertThat(fromNd.get("loss")).isCloseTo(fromRows.get("loss"), within(1e-6));
      assertThat(fromColumn.get("loss")).isCloseTo(fromRows.get("loss"), within(1e-6));
    }
  }

  @Test
  void stringPathsSaveAndLoad() throws Exception {
    float[][] x = TestData.normal(5, 3, 3);
    try (Sequential model = new Sequential(new Dense(2).inputShape(3))) {
      String file = dir.resolve("m.keras").toString();
      String weights = dir.resolve("m.weights.h5").toString();
      model.save(file);
      model.saveWeights(weights);
      float[][] expected = model.predict(x);
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.predict(x)[0]).containsExactly(expected[0]);
      }
      try (Sequential other = new Sequential(new Dense(2).inputShape(3))) {
        other.loadWeights(weights);
        assertThat(other.predict(x)[4]).containsExactly(expected[4]);
      }
    }
  }

  @Test
  void multiInputTakesRowsNdArraysAndTokenIdsMixed() {
    KerasTensor a = Input.shape(2);
    KerasTensor b = Input.shape(3);
    KerasTensor out = new Dense(1).activation("sigmoid").apply(new Concatenate().apply(a, b));
    float[][] xa = TestData.normal(16, 2, 4);
    int[][] xb = new int[16][3];
    FloatNdArray xbNd = NdArrays.ofFloats(Shape.of(16, 3));
    float[][] xbRows = new float[16][3];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 3; j++) {
        xb[i][j] = (i + j) % 5;
        xbNd.setFloat(xb[i][j], i, j);
        xbRows[i][j] = xb[i][j];
      }
    }
    try (Model model = new Model(List.of(a, b), List.of(out))) {
      model.compile("adam", "binary_crossentropy");
      float[] y = binaryLabels(xa);
      model.fit(List.of(xa, xb), y, new FitOptions().verbose(0));
      float[][] p1 = model.predict(List.of(xa, xb)).get(0);
      float[][] p2 = model.predict(List.of(xa, xbNd), new PredictOptions()).get(0);
      float[][] p3 = model.predict(List.of(xa, xbRows)).get(0);
      for (int i = 0; i < 16; i++) {
        assertThat(p2[i]).containsExactly(p1[i]);
        assertThat(p3[i]).containsExactly(p1[i]);
      }
      assertThat(model.evaluate(List.of(xa, xb), y, new EvaluateOptions()).get("loss")).isFinite();
      assertThatThrownBy(() -> model.predict(List.of(xa, "text")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x[1] must be a FloatNdArray, float[][] or int[][], but got String");
    }
  }

  @Test
  void tokenIdsFeedAnIntegerInputForFitEvaluateAndPredict() throws Exception {
    int[][] ids = new int[12][4];
    int[] y = new int[12];
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 4; j++) {
        ids[i][j] = (i * 7 + j * 3) % 10;
      }
      y[i] = i % 2;
    }
    try (Sequential model = new Sequential(new InputLayer(4).dtype("int32"), new Dense(2).activation("softmax"))) {
      model.compile("adam", "sparse_categorical_crossentropy");
      model.fit(ids, y, new FitOptions().verbose(0).epochs(2));
      float[][] p = model.predict(ids);
      float[][] asFloats = new float[12][4];
      for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 4; j++) {
          asFloats[i][j] = ids[i][j];
        }
      }
      assertThat(p[3]).containsExactly(model.predict(asFloats)[3]);
      assertThat(model.evaluate(ids, y).get("loss")).isFinite();
      assertThatThrownBy(() -> model.predict(new int[][] {{1, 2, 3, (1 << 24) + 1}}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x[0][3] = 16777217");

      assertThat(model.toJson()).contains("\"dtype\": \"int32\"");
      Path file = dir.resolve("ids.keras");
      model.save(file);
      try (Model loaded = Models.load(file)) {
        InputLayer in = (InputLayer) loaded.inputs().get(0).layer();
        assertThat(in.dtype()).isEqualTo("int32");
        assertThat(loaded.predict(ids)[3]).containsExactly(p[3]);
      }
      Model fromJson = Models.fromJson(model.toJson());
      assertThat(((InputLayer) fromJson.inputs().get(0).layer()).dtype()).isEqualTo("int32");
    }
  }

  @Test
  void inputDtypeIsCheckedAndKerasInputTakesIt() {
    assertThatThrownBy(() -> new InputLayer(3).dtype("float64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dtype must be one of [float32, int32, int64], but got dtype='float64'");
    KerasTensor t = Input.shape(new int[] {5}, "int64");
    assertThat(((InputLayer) t.layer()).dtype()).isEqualTo("int64");
    assertThat(t.layer().getConfig()).containsEntry("dtype", "int64");
  }
}
