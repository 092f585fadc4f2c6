package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.jhdf.HdfFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** Models as layers (issue 13): built, called, frozen, summarized, saved and loaded in every format. */
class NestedModelTest {
  @TempDir Path dir;
  private KerasContext.Scope scope;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(11);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  /** A small functional "base": conv → batch norm, on 6×6×3 images. */
  private static Model base() {
    KerasTensor in = Input.shape(6, 6, 3);
    KerasTensor h = new Conv2D(4, 3).name("conv").activation("relu").apply(in);
    return new Model(in, new BatchNormalization().name("bn").apply(h)).name("base");
  }

  private static FloatNdArray images(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    FloatNdArray x = NdArrays.ofFloats(Shape.of(n, 6, 6, 3));
    x.scalars().forEach(s -> s.setFloat((float) r.nextGaussian()));
    return x;
  }

  /** Global average pooling then dense, by hand, from the base's features. */
  private static float[][] head(float[][] features, List<FloatNdArray> dense) {
    int n = features.length;
    int channels = 4;
    int positions = features[0].length / channels;
    float[][] out = new float[n][];
    for (int s = 0; s < n; s++) {
      double[] pooled = new double[channels];
      for (int p = 0; p < positions; p++) {
        for (int c = 0; c < channels; c++) {
          pooled[c] += features[s][p * channels + c];
        }
      }
      int units = (int) dense.get(1).shape().size(0);
      out[s] = new float[units];
      for (int u = 0; u < units; u++) {
        double v = dense.get(1).getFloat(u);
        for (int c = 0; c < channels; c++) {
          v += pooled[c] / positions * dense.get(0).getFloat(c, u);
        }
        out[s][u] = (float) v;
      }
    }
    return out;
  }

  private static void assertRowsClose(float[][] actual, float[][] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < actual.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertThat((double) actual[i][j]).as("[%d][%d]", i, j)
            .isCloseTo(expected[i][j], within(tolerance * Math.max(1, Math.abs(expected[i][j]))));
      }
    }
  }

  @Test
  void aModelIsALayerOfASequential() {
    Model base = base();
    Dense dense = new Dense(3);
    try (Sequential model = new Sequential(base, new GlobalAveragePooling2D(), dense)) {
      FloatNdArray x = images(5, 1);
      float[][] expected = head(base.predict(x), dense.getWeights());
      assertRowsClose(model.predict(x), expected, 1e-5);
      assertThat(model.layers()).containsExactly(base, model.getLayer(1), dense);
      assertThat(model.getLayer("base")).isSameAs(base);
      assertThat(model.weights()).containsAll(base.weights());
      assertThat(model.countParams()).isEqualTo(base.countParams() + 4 * 3 + 3);
    }
  }

  @Test
  void aModelAppliedInAFunctionalGraphIsSharedAndNestsSeveralLevelsDeep() {
    Model base = base();
    Sequential middle = new Sequential(base, new GlobalAveragePooling2D()).name("middle");
    KerasTensor a = Input.shape(6, 6, 3);
    KerasTensor b = Input.shape(6, 6, 3);
    Dense head = new Dense(2).name("head");
    KerasTensor fa = middle.apply(a);
    KerasTensor fb = middle.apply(b);
    KerasTensor out = head.apply(new io.github.keras4j.layers.Add().apply(fa, fb));
    try (Model outer = new Model(List.of(a, b), List.of(out))) {
      FloatNdArray xa = images(3, 2);
      FloatNdArray xb = images(3, 3);
      float[][] pa = middle.predict(xa);
      float[][] pb = middle.predict(xb);
      float[][] sum = new float[3][4];
      for (int i = 0; i < 3; i++) {
        for (int c = 0; c < 4; c++) {
          sum[i][c] = pa[i][c] + pb[i][c];
        }
      }
      List<FloatNdArray> w = head.getWeights();
      float[][] expected = new float[3][2];
      for (int i = 0; i < 3; i++) {
        for (int u = 0; u < 2; u++) {
          double v = w.get(1).getFloat(u);
          for (int c = 0; c < 4; c++) {
            v += sum[i][c] * w.get(0).getFloat(c, u);
          }
          expected[i][u] = (float) v;
        }
      }
      assertRowsClose(outer.predict(List.of(xa, xb)).get(0), expected, 1e-5);
      assertThat(outer.layers()).contains(middle).doesNotContain(base);
      assertThat(outer.weights()).hasSize(base.weights().size() + 2);
    }
  }

  @Test
  void freezingANestedModelFreezesAllItsLayersAndFineTuningTrainsOnlyTheHead() {
    Model base = base();
    Dense dense = new Dense(2).activation("softmax");
    try (Sequential model = new Sequential(base, new GlobalAveragePooling2D(), dense)) {
      base.trainable(false);
      assertThat(base.getLayer("conv").trainable()).isFalse();
      assertThat(base.getLayer("bn").trainable()).isFalse();
      assertThat(model.trainableWeights()).containsExactlyElementsOf(dense.trainableWeights());
      List<float[]> before = base.weights().stream().map(Weight::read).toList();
      float[] kernelBefore = dense.weights().get(0).read();
      model.compile("adam", "sparse_categorical_crossentropy");
      model.fit(images(16, 4), new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1},
          new FitOptions().epochs(2).verbose(0).batchSize(8));
      List<float[]> after = base.weights().stream().map(Weight::read).toList();
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i)).as(base.weights().get(i).path() + " (frozen, BN moving stats too)")
            .containsExactly(before.get(i));
      }
      assertThat(dense.weights().get(0).read()).isNotEqualTo(kernelBefore);
    }
  }

  @Test
  void summaryShowsANestedModelAsOneRowWithItsClassAndParameters() {
    Model base = base();
    try (Sequential model = new Sequential(base, new GlobalAveragePooling2D(), new Dense(3)).name("outer")) {
      base.trainable(false);
      String summary = model.summaryString();
      // conv 3*3*3*4+4 = 112, bn 4*4 = 16 → 128; dense 4*3+3 = 15.
      assertThat(summary).contains("\nbase (Functional)            (None, 4, 4, 4)           128       \n");
      assertThat(summary).contains("Total params: 143\nTrainable params: 15\nNon-trainable params: 128\n");
      Sequential inner = new Sequential(new Dense(2).inputShape(3)).name("inner_seq");
      KerasTensor in = Input.shape(3);
      try (Model functional = new Model(in, inner.apply(in))) {
        assertThat(functional.summaryString()).contains("\ninner_seq (Sequential)       (None, 2)                 8         \n");
      }
    }
  }

  @Test
  void aCycleOfNestedModelsIsAClearError() {
    Sequential a = new Sequential(new Dense(2).inputShape(3)).name("a");
    Sequential b = new Sequential(a).name("b");
    assertThatThrownBy(() -> a.add(b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot add model 'b' to Sequential 'a'")
        .hasMessageContaining("cycle");
    assertThatThrownBy(() -> a.add(a)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a model cannot contain itself");
  }

  @Test
  void nestedModelsRoundTripInEveryFormat() throws Exception {
    Model base = base();
    try (Sequential model = new Sequential(base, new GlobalAveragePooling2D(), new Dense(3)).name("outer")) {
      FloatNdArray x = images(4, 5);
      // Give the batch norm non-trivial statistics so that their order matters.
      model.compile("adam", "mse");
      model.fit(x, new float[4][3], new FitOptions().epochs(1).verbose(0));
      float[][] expected = model.predict(x);
      for (String file : List.of("m.h5", "m.keras", "w.weights.h5", "w.h5")) {
        Path path = dir.resolve(file);
        Model loaded;
        if (file.startsWith("w")) {
          model.saveWeights(path);
          loaded = Models.fromJson(model.toJson());
          loaded.loadWeights(path);
        } else {
          model.save(path);
          loaded = Models.load(path);
        }
        try (Model m = loaded) {
          assertThat(m.getLayer("base")).isInstanceOf(Model.class);
          assertThat(m.getLayer("base").className()).isEqualTo("Functional");
          assertRowsClose(m.predict(x), expected, 1e-6);
        }
      }
      try (Model fromYaml = Models.fromYaml(model.toYaml())) {
        assertThat(((Model) fromYaml.getLayer("base")).layers()).extracting(Layer::name)
            .containsExactly("input_1", "conv", "bn");
      }
      // Keras 2's legacy layout: the nested model's weights flat under its group, trainable first.
      Path h5 = dir.resolve("m.h5");
      try (HdfFile f = new HdfFile(h5)) {
        io.jhdf.api.Group g = (io.jhdf.api.Group) f.getByPath("model_weights/base");
        String[] names = (String[]) g.getAttribute("weight_names").getData();
        assertThat(names).containsExactly(
            "conv/kernel:0", "conv/bias:0", "bn/gamma:0", "bn/beta:0", "bn/moving_mean:0", "bn/moving_variance:0");
        assertThat(f.getByPath("model_weights/base/conv/kernel:0")).isNotNull();
      }
    }
  }

  private static Path teachableMachine() {
    Path shared = Path.of(System.getProperty("keras4j.shared", "../shared"));
    Path file = shared.resolve("fixtures/keras/byom/teachable_machine_mobilenetv2_keras2.4.0.h5");
    assumeTrue(Files.isRegularFile(file), "shared fixture not found at " + file.toAbsolutePath());
    return file;
  }

  /** The generator's input: x[n,i,j,c] = ((n*7 + i*13 + j*17 + c*19) % 255) / 127.5 - 1 (exact in float32). */
  private static FloatNdArray teachableInput() {
    FloatNdArray x = NdArrays.ofFloats(Shape.of(2, 224, 224, 3));
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 224; i++) {
        for (int j = 0; j < 224; j++) {
          for (int c = 0; c < 3; c++) {
            x.setFloat((float) (((n * 7 + i * 13 + j * 17 + c * 19) % 255) / 127.5 - 1), n, i, j, c);
          }
        }
      }
    }
    return x;
  }

  private static float[][] teachableReference() throws Exception {
    try (var in = NestedModelTest.class.getResourceAsStream("nested/teachable_machine_reference.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .map(l -> {
            String[] parts = l.trim().split(" ");
            float[] row = new float[parts.length];
            for (int k = 0; k < parts.length; k++) {
              row[k] = Float.parseFloat(parts[k]);
            }
            return row;
          })
          .toArray(float[][]::new);
    }
  }

  @Test
  @Tag("slow")
  void theTeachableMachineExportLoadsPredictsTheReferenceAndRoundTripsAsKeras() throws Exception {
    Path file = teachableMachine();
    FloatNdArray x = teachableInput();
    float[][] reference = teachableReference();
    try (Model model = Models.load(file)) {
      assertThat(model.layers()).extracting(Layer::className).containsExactly("Sequential", "Sequential");
      Model first = (Model) model.getLayer("sequential_1");
      assertThat(first.layers().get(0).className()).isEqualTo("Functional");
      float[][] p = model.predict(x);
      assertRowsClose(p, reference, 1e-5);
      Path keras = dir.resolve("tm.keras");
      model.save(keras);
      try (Model loaded = Models.load(keras)) {
        float[][] q = loaded.predict(x);
        for (int i = 0; i < p.length; i++) {
          assertThat(q[i]).containsExactly(p[i]);
        }
      }
    }
  }

  /**
   * Depends on the HDF5 writer storing attributes over 64 KiB (dense attribute storage, the "files" work): the
   * export's config is 85 KB. Until then the save is refused with a clear message and this test is skipped.
   */
  @Test
  @Tag("slow")
  void theTeachableMachineExportRoundTripsAsLegacyH5() throws Exception {
    Path file = teachableMachine();
    FloatNdArray x = teachableInput();
    try (Model model = Models.load(file)) {
      float[][] p = model.predict(x);
      Path h5 = dir.resolve("tm.h5");
      try {
        model.save(h5);
      } catch (java.io.IOException e) {
        org.junit.jupiter.api.Assumptions.abort(
            "legacy .h5 saving of an 85 KB config needs dense attribute storage in HdfWriter: " + e.getMessage());
      }
      try (Model loaded = Models.load(h5)) {
        float[][] q = loaded.predict(x);
        for (int i = 0; i < p.length; i++) {
          assertThat(q[i]).containsExactly(p[i]);
        }
      }
    }
  }

  @Test
  @Tag("slow")
  void aLoadedNestedModelFineTunesWithItsBaseFrozen() throws Exception {
    Path file = teachableMachine();
    try (Model model = Models.load(file)) {
      Model features = (Model) model.getLayer("sequential_1");
      features.trainable(false);
      List<Weight> frozen = features.weights();
      float[] movingMean = frozen.stream().filter(w -> w.path().equals("bn_Conv1/moving_mean")).findFirst()
          .orElseThrow().read();
      model.compile("adam", "sparse_categorical_crossentropy");
      FloatNdArray x = NdArrays.ofFloats(Shape.of(4, 224, 224, 3));
      java.util.Random r = new java.util.Random(3);
      x.scalars().forEach(s -> s.setFloat(r.nextFloat() * 2 - 1));
      History h = model.fit(x, new int[] {0, 1, 2, 1}, new FitOptions().epochs(3).verbose(0).batchSize(4));
      assertThat(h.history().get("loss").get(2)).isLessThan(h.history().get("loss").get(0));
      float[] after = frozen.stream().filter(w -> w.path().equals("bn_Conv1/moving_mean")).findFirst()
          .orElseThrow().read();
      assertThat(after).as("a frozen BatchNormalization runs in inference mode").containsExactly(movingMean);
      assertThat(Arrays.stream(model.trainableWeights().toArray()).count()).isEqualTo(3);
    }
  }
}
