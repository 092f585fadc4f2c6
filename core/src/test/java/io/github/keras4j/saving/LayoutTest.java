package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by Keras4J have the layout Python Keras writes: read back with jHDF, the attribute names, dataset
 * paths, dtypes and shapes equal those of the fixture written by Keras for the same model (strings compare as
 * strings: Keras writes some as variable-length, jHDF writes fixed-length, and Keras reads both).
 */
class LayoutTest {
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  /** One line per group, dataset and attribute: path, kind, dtype, shape. */
  static List<String> layout(HdfFile file) {
    List<String> lines = new ArrayList<>();
    describe(file, lines);
    Collections.sort(lines);
    return lines;
  }

  private static void describe(Node node, List<String> lines) {
    String path = node.getPath().replaceAll("^/+", "/");
    for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
      Attribute a = e.getValue();
      String type = a.getJavaType() == String.class ? "str" : dtype(a.getDataType());
      lines.add("@ " + path + " " + e.getKey() + " " + type + " " + Arrays.toString(a.getDimensions()));
    }
    if (node instanceof Group g) {
      lines.add("G " + path);
      for (Node child : g.getChildren().values()) {
        describe(child, lines);
      }
    } else if (node instanceof Dataset d) {
      lines.add("D " + path + " " + dtype(d.getDataType()) + " " + Arrays.toString(d.getDimensions()));
    }
  }

  private static String dtype(io.jhdf.object.datatype.DataType t) {
    if (t instanceof FloatingPoint) {
      return "f" + t.getSize();
    }
    if (t instanceof FixedPoint) {
      return "i" + t.getSize();
    }
    return t.getClass().getSimpleName();
  }

  private static List<String> layout(Path file) {
    try (HdfFile h = new HdfFile(file)) {
      return layout(h);
    }
  }

  private static Sequential medicalAnn(String modelName, String... layerNames) {
    Sequential model = new Sequential(
        new Dense(16).inputShape(1).activation("relu").name(layerNames[0]),
        new Dense(32).activation("relu").name(layerNames[1]),
        new Dense(2).activation("softmax").name(layerNames[2]));
    model.name(modelName);
    return model;
  }

  private static void trainOneStep(Model model, int features) {
    float[][] x = TestData.normal(4, features, 1);
    int[] y = TestData.labels(4, (int) model.outputShape().size(1), 2);
    if (model.outputShape().size(1) == 1) {
      model.fit(x, new float[] {0, 1, 0, 1}, new FitOptions().batchSize(4).verbose(0));
    } else {
      model.fit(x, y, new FitOptions().batchSize(4).verbose(0));
    }
  }

  @Test
  void fullModelH5MatchesTheFileOfTfKeras24() throws Exception {
    Path fixture = KerasFixtures.file("medical_trial_model_keras2.4.0.h5");
    try (Sequential model = medicalAnn("sequential_1", "dense_3", "dense_4", "dense_5")) {
      model.compile(new Adam(9.999999747378752e-05, 0.8999999761581421, 0.9990000128746033, 1e-7, false),
          "sparse_categorical_crossentropy", "accuracy");
      trainOneStep(model, 1);
      Path ours = dir.resolve("medical.h5");
      model.save(ours);
      assertThat(layout(ours)).isEqualTo(layout(fixture));

      ObjectMapper json = new ObjectMapper();
      try (HdfFile a = new HdfFile(ours); HdfFile b = new HdfFile(fixture)) {
        for (String attribute : List.of("model_config", "training_config")) {
          Object mine = json.readValue((String) a.getAttribute(attribute).getData(), Object.class);
          Object theirs = json.readValue((String) b.getAttribute(attribute).getData(), Object.class);
          assertThat(mine).as(attribute).isEqualTo(theirs);
        }
        assertThat(a.getAttribute("keras_version").getData()).isEqualTo("2.4.0");
      }
    }
  }

  @Test
  void saveWeightsH5MatchesKerasSaveWeights() throws Exception {
    try (Sequential model = medicalAnn("sequential", "dense_10", "dense_11", "dense_12")) {
      Path ours = dir.resolve("weights.h5");
      model.saveWeights(ours);
      List<String> expected = layout(KerasFixtures.file("my_model_weights_keras2.2.0.h5"));
      assertThat(layout(ours)).isEqualTo(expected);
    }
  }

  @Test
  void weightsOfLayersWithoutWeightsAreEmptyFloat64ListsAsKerasWrites() throws Exception {
    for (String[] pair : List.of(
        new String[] {"lenet_mnist_keras2.2.4.json", "lenet_mnist_weights_keras2.2.4.h5"},
        new String[] {"toyresnet_keras2.2.4.json", "toyresnet_weights_keras2.2.4.h5"})) {
      try (Model model = Models.fromJson(KerasFixtures.text(pair[0]))) {
        Path ours = dir.resolve(pair[1]);
        model.saveWeights(ours);
        assertThat(layout(ours)).as(pair[1]).isEqualTo(layout(KerasFixtures.file(pair[1])));
      }
    }
  }

  @Test
  void kerasArchiveMatchesKeras311() throws Exception {
    Path fixture = KerasFixtures.file("churn_model_keras3.11.1.keras");
    try (Sequential model = new Sequential(
        new InputLayer(12).name("input_layer_2"),
        new Dense(64).activation("relu").name("dense_6"),
        new Dense(32).activation("relu").name("dense_7"),
        new Dense(1).activation("sigmoid").name("dense_8"))) {
      model.name("sequential_2");
      model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
      trainOneStep(model, 12);
      Path ours = dir.resolve("churn.keras");
      model.save(ours);
      try (ZipFile a = new ZipFile(ours.toFile()); ZipFile b = new ZipFile(fixture.toFile())) {
        assertThat(names(a)).isEqualTo(names(b));
        for (ZipEntry e : Collections.list(a.entries())) {
          assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
        }
        try (HdfFile ha = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes(a, "model.weights.h5")));
            HdfFile hb = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes(b, "model.weights.h5")))) {
          assertThat(layout(ha)).isEqualTo(layout(hb));
        }
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> mine = json.readValue(bytes(a, "config.json"), Map.class);
        Map<?, ?> theirs = json.readValue(bytes(b, "config.json"), Map.class);
        assertThat(mine.keySet()).isEqualTo(theirs.keySet());
        assertThat(((Map<?, ?>) mine.get("compile_config")).keySet())
            .isEqualTo(((Map<?, ?>) theirs.get("compile_config")).keySet());
        Map<?, ?> myOptimizer = (Map<?, ?>) ((Map<?, ?>) mine.get("compile_config")).get("optimizer");
        Map<?, ?> theirOptimizer = (Map<?, ?>) ((Map<?, ?>) theirs.get("compile_config")).get("optimizer");
        assertThat(((Map<?, ?>) myOptimizer.get("config")).keySet())
            .isEqualTo(((Map<?, ?>) theirOptimizer.get("config")).keySet());
        List<?> myLayers = (List<?>) ((Map<?, ?>) mine.get("config")).get("layers");
        List<?> theirLayers = (List<?>) ((Map<?, ?>) theirs.get("config")).get("layers");
        assertThat(myLayers).hasSameSizeAs(theirLayers);
        for (int i = 0; i < myLayers.size(); i++) {
          Map<?, ?> m = (Map<?, ?>) myLayers.get(i);
          Map<?, ?> t = (Map<?, ?>) theirLayers.get(i);
          assertThat(m.keySet()).isEqualTo(t.keySet());
          assertThat(m.get("class_name")).isEqualTo(t.get("class_name"));
          assertThat(m.get("build_config")).isEqualTo(t.get("build_config"));
          Map<?, ?> mc = (Map<?, ?>) m.get("config");
          Map<?, ?> tc = (Map<?, ?>) t.get("config");
          List<Object> theirKeys = new ArrayList<>(tc.keySet());
          theirKeys.remove("optional");
          assertThat(new ArrayList<Object>(mc.keySet())).containsAll(theirKeys);
          assertThat(mc.get("name")).isEqualTo(tc.get("name"));
        }
        Map<?, ?> metadata = json.readValue(bytes(a, "metadata.json"), Map.class);
        assertThat(metadata.keySet()).isEqualTo(json.readValue(bytes(b, "metadata.json"), Map.class).keySet());
      }
    }
  }

  private static List<String> names(ZipFile zip) {
    return Collections.list(zip.entries()).stream().map(ZipEntry::getName).sorted().toList();
  }

  private static byte[] bytes(ZipFile zip, String name) throws Exception {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return in.readAllBytes();
    }
  }
}
