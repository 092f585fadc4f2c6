package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.layers.custom.Scale;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** Save → load gives the same predictions, and training resumes exactly where it stopped. */
class RoundTripTest {
  private static String intra;
  private static String inter;
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeAll
  static void oneThread() {
    intra = System.setProperty("keras4j.intraOpThreads", "1");
    inter = System.setProperty("keras4j.interOpThreads", "1");
  }

  @AfterAll
  static void restoreThreads() {
    restore("keras4j.intraOpThreads", intra);
    restore("keras4j.interOpThreads", inter);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(7);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  private static final TestData.CourseData DATA = TestData.courseData(5);

  private static FitOptions epoch() {
    return new FitOptions().batchSize(10).epochs(1).shuffle(false).verbose(0).seed(11);
  }

  private static Sequential ann(Optimizer optimizer) {
    Sequential model = new Sequential(
        new Dense(16).inputShape(1).activation("relu"),
        new Dense(32).activation("relu"),
        new Dense(2).activation("softmax"));
    model.compile(optimizer, "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  @ParameterizedTest
  @ValueSource(strings = {"model.h5", "model.keras"})
  void resumesTrainingExactlyAsAnUninterruptedRun(String fileName) throws Exception {
    for (Supplier<Optimizer> optimizer : List.<Supplier<Optimizer>>of(
        () -> new Adam(0.001), () -> new SGD(0.05, 0.9, true), () -> new RMSprop(0.001, 0.9, 0.5, 1e-7, true))) {
      Path file = dir.resolve(fileName);
      try (Sequential model = ann(optimizer.get())) {
        model.fit(DATA.x(), DATA.y(), epoch());
        model.save(file);
        double uninterrupted = model.fit(DATA.x(), DATA.y(), epoch()).get("loss").get(0);
        List<float[]> expectedWeights = model.weights().stream().map(Weight::read).toList();
        float[][] expectedPredictions = model.predict(DATA.x());

        try (Model loaded = Models.load(file)) {
          assertThat(loaded.optimizer().getClass()).isEqualTo(model.optimizer().getClass());
          assertThat(loaded.optimizer().getConfig()).isEqualTo(model.optimizer().getConfig());
          assertThat(loaded.optimizer().iterationCount()).isEqualTo(DATA.x().length / 10);
          double resumed = loaded.fit(DATA.x(), DATA.y(), epoch()).get("loss").get(0);
          assertThat(resumed).as("%s %s", fileName, model.optimizer().name()).isEqualTo(uninterrupted);
          List<float[]> weights = loaded.weights().stream().map(Weight::read).toList();
          for (int i = 0; i < weights.size(); i++) {
            assertThat(weights.get(i)).isEqualTo(expectedWeights.get(i));
          }
          assertThat(loaded.predict(DATA.x())).isDeepEqualTo(expectedPredictions);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"model.h5", "model.keras"})
  void savesAndLoadsAnUncompiledModel(String fileName) throws Exception {
    try (Sequential model = new Sequential(new Dense(4).inputShape(3).activation("tanh"), new Dense(1))) {
      model.save(dir.resolve(fileName));
      try (Model loaded = Models.load(dir.resolve(fileName))) {
        assertThat(loaded.isCompiled()).isFalse();
        float[][] x = TestData.normal(5, 3, 1);
        assertThat(loaded.predict(x)).isDeepEqualTo(model.predict(x));
        assertThat(loaded.summaryString()).isEqualTo(model.summaryString());
        if (fileName.endsWith(".h5")) {
          assertThat(loaded.toJson()).isEqualTo(model.toJson());
        }
      }
    }
  }

  private static Model residualCnn() {
    KerasTensor inputs = Input.shape("img", 8, 8, 1);
    KerasTensor x = new Conv2D(4, 3).activation("relu").padding("same").apply(inputs);
    KerasTensor y = new Conv2D(4, 3).padding("same").apply(x);
    y = new BatchNormalization().apply(y);
    KerasTensor merged = new Add().apply(x, y);
    KerasTensor pooled = new MaxPooling2D(2).apply(merged);
    KerasTensor features = new Flatten().apply(new Scale().apply(pooled));
    KerasTensor out = new Dense(3).activation("softmax").apply(features);
    Model model = new Model(inputs, out).name("residual");
    model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  private static FloatNdArray images(int n, long seed) {
    float[][] flat = TestData.normal(n, 64, seed);
    FloatNdArray x = NdArrays.ofFloats(Shape.of(n, 8, 8, 1));
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 64; p++) {
        x.setFloat(flat[i][p], i, p / 8, p % 8, 0);
      }
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"cnn.h5", "cnn.keras"})
  void roundTripsAFunctionalModelWithMergeBatchNormAndACustomLayer(String fileName) throws Exception {
    FloatNdArray x = images(20, 3);
    int[] y = TestData.labels(20, 3, 4);
    FitOptions options = new FitOptions().batchSize(5).epochs(1).shuffle(false).verbose(0).seed(2);
    try (Model model = residualCnn()) {
      model.fit(x, y, options);
      Path file = dir.resolve(fileName);
      model.save(file);
      double uninterrupted = model.fit(x, y, options).get("loss").get(0);
      try (Model loaded = Models.load(file)) {
        assertThat(loaded).isNotInstanceOf(Sequential.class);
        assertThat(loaded.name()).isEqualTo("residual");
        assertThat(loaded.layers()).extracting(Layer::name)
            .containsExactlyElementsOf(model.layers().stream().map(Layer::name).toList());
        assertThat(loaded.layers()).extracting(Layer::className)
            .containsExactlyElementsOf(model.layers().stream().map(Layer::className).toList());
        assertThat(loaded.toJson()).isEqualTo(model.toJson());
        assertThat(loaded.fit(x, y, options).get("loss").get(0)).isEqualTo(uninterrupted);
        assertThat(loaded.predict(x)).isDeepEqualTo(model.predict(x));
      }
    }
  }

  @Test
  void jsonAndYamlRoundTripTheArchitecture() {
    try (Model model = residualCnn(); Sequential ann = ann(new Adam())) {
      for (Model m : List.of(model, ann)) {
        String json = m.toJson();
        String yaml = m.toYaml();
        Model fromJson = Models.fromJson(json);
        Model fromYaml = Models.fromYaml(yaml);
        assertThat(fromJson.toJson()).isEqualTo(json);
        assertThat(fromYaml.toJson()).isEqualTo(json);
        assertThat(fromYaml.toYaml()).isEqualTo(yaml);
        assertThat(fromJson.countParams()).isEqualTo(m.countParams());
        assertThat(fromJson.summaryString()).isEqualTo(m.summaryString());
        fromJson.close();
        fromYaml.close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"w.h5", "w.weights.h5", "model.keras", "full.h5"})
  void saveWeightsAndLoadWeightsIntoAFreshModel(String fileName) throws Exception {
    Path file = dir.resolve(fileName);
    try (Model model = residualCnn()) {
      model.fit(images(10, 5), TestData.labels(10, 3, 6),
          new FitOptions().batchSize(5).epochs(1).shuffle(false).verbose(0).seed(1));
      if (fileName.startsWith("w")) {
        model.saveWeights(file);
      } else {
        model.save(file);
      }
      try (Model fresh = residualCnn()) {
        assertThat(fresh.predict(images(4, 9))).isNotEqualTo(model.predict(images(4, 9)));
        fresh.loadWeights(file);
        assertThat(fresh.predict(images(4, 9))).isDeepEqualTo(model.predict(images(4, 9)));
        if (fileName.endsWith(".weights.h5")) {
          assertThat(fresh.optimizer().iterationCount()).isEqualTo(2);
        }
      }
    }
  }
}
