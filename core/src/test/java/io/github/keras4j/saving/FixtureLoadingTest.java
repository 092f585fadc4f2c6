package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every file in ../shared/fixtures/keras loads, and what loads equals what h5py reads from it, exactly. */
class FixtureLoadingTest {
  private KerasContext.Scope scope;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  /** The model's weights in Keras's load order (layers with weights, each layer's weights in Keras's order). */
  static List<Weight> kerasWeights(Model model) {
    List<Weight> out = new ArrayList<>();
    for (Layer layer : model.layers()) {
      out.addAll(WeightLayouts.kerasOrder(layer));
    }
    return out;
  }

  static void assertWeightsEqual(Model model, String fixture) {
    List<KerasFixtures.Expected> expected = KerasFixtures.weights(fixture);
    List<Weight> weights = kerasWeights(model);
    assertThat(weights).hasSize(expected.size());
    for (int i = 0; i < weights.size(); i++) {
      Weight w = weights.get(i);
      KerasFixtures.Expected e = expected.get(i);
      assertThat(KerasFixtures.shape(w)).as(w.path()).isEqualTo(e.shape());
      assertThat(KerasFixtures.sha256(w)).as("%s vs %s", w.path(), e.path()).isEqualTo(e.sha256());
    }
  }

  /** The course ANN's forward pass over the loaded weights, in plain Java (double precision). */
  static double[][] forward(Model model, float[][] x) {
    List<Layer> layers = model.layers().stream().filter(l -> !(l instanceof InputLayer)).toList();
    double[][] h = null;
    float[][] in = x;
    for (int i = 0; i < layers.size(); i++) {
      Dense d = (Dense) layers.get(i);
      h = TestData.affine(in, d.kernel().read(), d.bias().read(), d.units());
      h = i < layers.size() - 1 ? TestData.relu(h) : TestData.softmax(h);
      in = new float[h.length][];
      for (int r = 0; r < h.length; r++) {
        in[r] = new float[h[r].length];
        for (int c = 0; c < h[r].length; c++) {
          in[r][c] = (float) h[r][c];
        }
      }
    }
    return h;
  }

  static float[][] ages() {
    float[][] x = new float[21][1];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = i / 20f;
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "medical_trial_model_keras2.2.0.h5", "medical_trial_model_keras2.4.0.h5", "medical_trial_model_keras3.1.0.h5"})
  void loadsTheMedicalTrialModelWithWeightsCompileConfigAndOptimizerState(String fixture) throws Exception {
    try (Model model = Models.load(KerasFixtures.file(fixture))) {
      assertThat(model).isInstanceOf(Sequential.class);
      assertThat(model.layers()).hasSize(3).allMatch(l -> l instanceof Dense);
      assertThat(model.inputShape().asArray()).containsExactly(-1, 1);
      assertWeightsEqual(model, fixture);

      assertThat(model.isCompiled()).isTrue();
      assertThat(model.optimizer()).isInstanceOf(Adam.class);
      assertThat(model.optimizer().learningRate()).isCloseTo(1e-4, within(1e-9));
      assertThat(model.loss().name()).isEqualTo("sparse_categorical_crossentropy");
      assertThat(model.metricNames()).containsExactly("accuracy");

      // Optimizer state: iterations and every m and v as h5py reads them.
      List<KerasFixtures.Expected> saved = KerasFixtures.optimizer(fixture);
      assertThat(model.optimizer().iterationCount()).isEqualTo(saved.get(0).first().get(0).longValue()).isPositive();
      List<Weight> trainable = model.trainableWeights();
      for (int i = 0; i < trainable.size(); i++) {
        List<Weight> slots = OptimizerInternals.slotsFor(model.optimizer(), trainable.get(i));
        assertThat(slots).hasSize(2);
        for (int s = 0; s < 2; s++) {
          KerasFixtures.Expected e = saved.get(slotIndex(fixture, i, s, trainable.size()));
          assertThat(KerasFixtures.sha256(slots.get(s))).as("%s vs %s", slots.get(s).path(), e.path())
              .isEqualTo(e.sha256());
        }
      }

      float[][] x = ages();
      float[][] p = model.predict(x);
      double[][] reference = forward(model, x);
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 2; j++) {
          assertThat((double) p[i][j]).isCloseTo(reference[i][j], within(1e-6));
        }
      }
      // The trained model separates young (label 0) from old (label 1) patients.
      assertThat(p[0][0]).isGreaterThan(0.5f);
      assertThat(p[20][1]).isGreaterThan(0.5f);
    }
  }

  /** Index of weight i's slot s (0 = m, 1 = v) among the fixture's optimizer variables. */
  private static int slotIndex(String fixture, int i, int s, int n) {
    if (fixture.contains("keras3")) {
      return 2 + 2 * i + s; // iteration, learning_rate, then momentum/velocity per weight
    }
    return 1 + s * n + i; // iterations, then all m, then all v
  }

  @Test
  void loadsTheKeras3ArchiveWithOptimizerState() throws Exception {
    String fixture = "churn_model_keras3.11.1.keras";
    try (Model model = Models.load(KerasFixtures.file(fixture))) {
      assertThat(model.name()).isEqualTo("sequential_2");
      assertThat(model.layers()).extracting(Layer::name).containsExactly("dense_6", "dense_7", "dense_8");
      assertThat(model.inputShape().asArray()).containsExactly(-1, 12);
      assertWeightsEqual(model, fixture);
      assertThat(model.loss().name()).isEqualTo("binary_crossentropy");
      assertThat(model.optimizer().learningRate()).isCloseTo(0.01, within(1e-8));
      List<KerasFixtures.Expected> saved = KerasFixtures.optimizer(fixture);
      assertThat(model.optimizer().iterationCount()).isEqualTo(3500);
      List<Weight> trainable = model.trainableWeights();
      for (int i = 0; i < trainable.size(); i++) {
        List<Weight> slots = OptimizerInternals.slotsFor(model.optimizer(), trainable.get(i));
        assertThat(KerasFixtures.sha256(slots.get(0))).isEqualTo(saved.get(2 + 2 * i).sha256());
        assertThat(KerasFixtures.sha256(slots.get(1))).isEqualTo(saved.get(3 + 2 * i).sha256());
      }
      float[][] p = model.predict(new float[][] {new float[12]});
      assertThat(p[0]).hasSize(1);
      assertThat(p[0][0]).isBetween(0f, 1f);
    }
  }

  @Test
  void loadsTheJsonAndYamlArchitecturesAndTheWeightsOnlyFileIntoThem() throws Exception {
    Model fromJson = Models.fromJson(KerasFixtures.text("medical_trial_model_keras2.4.0.json"));
    Model fromYaml = Models.fromYaml(KerasFixtures.text("medical_trial_model_keras2.4.0.yaml"));
    for (Model m : List.of(fromJson, fromYaml)) {
      assertThat(m.name()).isEqualTo("sequential");
      assertThat(m.layers()).extracting(Layer::name).containsExactly("dense", "dense_1", "dense_2");
      assertThat(m.layers()).extracting(l -> ((Dense) l).units()).containsExactly(16, 32, 2);
      assertThat(m.layers()).extracting(l -> ((Dense) l).activation().name())
          .containsExactly("relu", "relu", "softmax");
      assertThat(m.isCompiled()).isFalse();
      assertThat(((Sequential) m).inputLayer().name()).isEqualTo("dense_input");
    }
    KerasFiles.loadWeights(fromJson, KerasFixtures.file("my_model_weights_keras2.2.0.h5"));
    assertWeightsEqual(fromJson, "my_model_weights_keras2.2.0.h5");
    float[][] x = ages();
    float[][] p = fromJson.predict(x);
    double[][] reference = forward(fromJson, x);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) p[i][1]).isCloseTo(reference[i][1], within(1e-6));
    }
    fromJson.close();
    fromYaml.close();
  }

  @Test
  void loadsLeNetWeightsIntoTheLeNetArchitecture() throws Exception {
    try (Model model = Models.fromJson(KerasFixtures.text("lenet_mnist_keras2.2.4.json"))) {
      assertThat(model.layers()).hasSize(8);
      assertThat(model.getLayer(0)).isInstanceOf(Conv2D.class);
      assertThat(model.outputShape().asArray()).containsExactly(-1, 10);
      KerasFiles.loadWeights(model, KerasFixtures.file("lenet_mnist_weights_keras2.2.4.h5"));
      assertWeightsEqual(model, "lenet_mnist_weights_keras2.2.4.h5");
      float[][] p = model.predict(org.tensorflow.ndarray.NdArrays.ofFloats(
          org.tensorflow.ndarray.Shape.of(2, 28, 28, 1)));
      assertThat(p).hasNumberOfRows(2);
      assertThat(p[0]).hasSize(10);
    }
  }

  @Test
  void loadsTheFunctionalToyResNetWithItsResidualAdds() throws Exception {
    try (Model model = Models.fromJson(KerasFixtures.text("toyresnet_keras2.2.4.json"))) {
      assertThat(model).isNotInstanceOf(Sequential.class);
      assertThat(model.name()).isEqualTo("toy_resnet");
      assertThat(model.layers()).extracting(Layer::name).containsExactly(
          "img", "conv2d_34", "conv2d_35", "max_pooling2d_5", "conv2d_36", "conv2d_37", "add_8", "conv2d_38",
          "conv2d_39", "add_9", "conv2d_40", "global_average_pooling2d_3", "dense_6", "dense_7");
      Layer add = model.getLayer("add_9");
      assertThat(add).isInstanceOf(Add.class);
      assertThat(add.inboundNodes().get(0).inboundLayers()).extracting(Layer::name)
          .containsExactly("conv2d_39", "add_8");
      KerasFiles.loadWeights(model, KerasFixtures.file("toyresnet_weights_keras2.2.4.h5"));
      assertWeightsEqual(model, "toyresnet_weights_keras2.2.4.h5");
      float[][] p = model.predict(org.tensorflow.ndarray.NdArrays.ofFloats(
          org.tensorflow.ndarray.Shape.of(1, 28, 28, 1)));
      assertThat(p[0]).hasSize(10);
    }
  }

  @Test
  void writesTheFixtureArchitecturesBackCharacterForCharacter() {
    String json = KerasFixtures.text("medical_trial_model_keras2.4.0.json");
    String yaml = KerasFixtures.text("medical_trial_model_keras2.4.0.yaml");
    try (Model fromJson = Models.fromJson(json); Model fromYaml = Models.fromYaml(yaml)) {
      assertThat(fromJson.toJson()).isEqualTo(json.strip());
      assertThat(fromYaml.toYaml()).isEqualTo(yaml);
    }
  }

  @Test
  void loadsWeightsByLayerName() throws Exception {
    try (Sequential model = new Sequential(
        new Dense(32).inputShape(16).activation("relu").name("dense_4"), new Dense(2).name("mine"))) {
      float[] mine = ((Dense) model.getLayer("mine")).kernel().read();
      int loaded = KerasFiles.loadWeightsByName(model, KerasFixtures.file("medical_trial_model_keras2.4.0.h5"));
      assertThat(loaded).isEqualTo(1);
      List<KerasFixtures.Expected> expected = KerasFixtures.weights("medical_trial_model_keras2.4.0.h5");
      assertThat(KerasFixtures.sha256(((Dense) model.getLayer("dense_4")).kernel())).isEqualTo(expected.get(2).sha256());
      assertThat(KerasFixtures.sha256(((Dense) model.getLayer("dense_4")).bias())).isEqualTo(expected.get(3).sha256());
      assertThat(((Dense) model.getLayer("mine")).kernel().read()).isEqualTo(mine);
    }
  }

  @Test
  void readsEveryWeightOfTheMobileNetWeightsFileAsH5pyDoes() throws Exception {
    String fixture = "mobilenet_2_5_128_tf.h5";
    java.nio.file.Path file = KerasFixtures.file(fixture);
    List<KerasFixtures.Expected> expected = KerasFixtures.weights(fixture);
    try (io.jhdf.HdfFile h = Hdf5.open(file)) {
      List<String> layers = Hdf5.stringListAttribute(file, h, "layer_names");
      assertThat(layers).hasSize(88);
      int i = 0;
      for (String layer : layers) {
        io.jhdf.api.Group g = Hdf5.group(file, h, layer);
        for (String weight : Hdf5.stringListAttribute(file, g, "weight_names")) {
          float[] values = Hdf5.readAnyFloats(file, Hdf5.dataset(file, g, weight), weight);
          KerasFixtures.Expected e = expected.get(i++);
          assertThat(e.path()).isEqualTo("/" + layer + "/" + weight);
          assertThat(KerasFixtures.sha256(values)).as(e.path()).isEqualTo(e.sha256());
        }
      }
      assertThat(i).isEqualTo(expected.size()).isGreaterThan(100);
    }
  }
}
