package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layouts of keras-reference.md "Files" that no fixture covers, written here as the Keras version in question
 * lays them out (paths, names, order), and read back exactly.
 */
class LayoutVariantsTest {
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

  private static final String KERAS3_CONFIG =
      "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential_1\","
          + " \"trainable\": true, \"dtype\": {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\":"
          + " {\"name\": \"float32\"}, \"registered_name\": null}, \"layers\": [{\"module\": \"keras.layers\","
          + " \"class_name\": \"Dense\", \"config\": {\"name\": \"dense_3\", \"trainable\": true, \"dtype\":"
          + " {\"module\": \"keras\", \"class_name\": \"DTypePolicy\", \"config\": {\"name\": \"float32\"},"
          + " \"registered_name\": null}, \"units\": 3, \"activation\": \"relu\", \"use_bias\": true},"
          + " \"registered_name\": null, \"build_config\": {\"input_shape\": [null, 2]}}, {\"module\":"
          + " \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"dense_4\", \"units\": 2,"
          + " \"activation\": {\"module\": \"keras.activations\", \"class_name\": \"function\", \"config\":"
          + " \"softmax\", \"registered_name\": \"softmax\"}}, \"registered_name\": null}],"
          + " \"build_input_shape\": [null, 2]}, \"registered_name\": null}";

  private static final String OPTIMIZER_ADAM =
      "{\"loss\": \"sparse_categorical_crossentropy\", \"metrics\": [\"accuracy\"], \"optimizer_config\":"
          + " {\"class_name\": \"Adam\", \"config\": {\"name\": \"adam\", \"learning_rate\": 0.01}}}";

  private static float[] random(Random r, long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** Writes values for a model's weights and returns them by weight path. */
  private static Map<String, float[]> values(List<Weight> weights, Random r) {
    Map<String, float[]> out = new HashMap<>();
    for (Weight w : weights) {
      out.put(w.path(), random(r, w.shape()));
    }
    return out;
  }

  @Test
  void readsKeras3LegacyH5WithTheModelNameLevelAndKeras3OptimizerNames() throws Exception {
    Path file = dir.resolve("k3.h5");
    Random r = new Random(1);
    Model reference = Models.fromJson(KERAS3_CONFIG);
    assertThat(reference.inputShape().asArray()).containsExactly(-1, 2);
    Map<String, float[]> weights = values(reference.weights(), r);
    Map<String, float[]> slots = new HashMap<>();
    try (HdfWriter writer = new HdfWriter(file, file)) {
      WritableGroup root = writer.root();
      root.putAttribute("keras_version", "3.3.3");
      root.putAttribute("backend", "tensorflow");
      root.putAttribute("model_config", KERAS3_CONFIG);
      root.putAttribute("training_config", OPTIMIZER_ADAM);
      WritableGroup mw = root.putGroup("model_weights");
      mw.putAttribute("layer_names", new String[] {"dense_3", "dense_4"});
      for (String layer : List.of("dense_3", "dense_4")) {
        WritableGroup lg = mw.putGroup(layer);
        lg.putAttribute("weight_names",
            new String[] {"sequential_1/" + layer + "/kernel", "sequential_1/" + layer + "/bias"});
        WritableGroup inner = lg.putGroup("sequential_1").putGroup(layer);
        for (String w : List.of("kernel", "bias")) {
          Weight weight = reference.getLayer(layer).weights().get(w.equals("kernel") ? 0 : 1);
          Hdf5.putFloats(inner, w, weights.get(layer + "/" + w), weight.shape());
        }
      }
      WritableGroup ow = root.putGroup("optimizer_weights");
      List<String> names = new ArrayList<>(List.of("iteration", "learning_rate"));
      ow.putDataset("iteration", 17L);
      ow.putDataset("learning_rate", 0.01f);
      for (Weight w : reference.trainableWeights()) {
        for (String slot : List.of("momentum", "velocity")) {
          String name = "sequential_1_" + w.path().replace('/', '_') + "_" + slot;
          names.add(name);
          float[] v = random(r, w.shape());
          slots.put(w.path() + "/" + slot, v);
          Hdf5.putFloats(ow, name, v, w.shape());
        }
      }
      ow.putAttribute("weight_names", names.toArray(String[]::new));
    }
    try (Model model = Models.load(file)) {
      for (Weight w : model.weights()) {
        assertThat(w.read()).as(w.path()).isEqualTo(weights.get(w.path()));
      }
      assertThat(model.optimizer().iterationCount()).isEqualTo(17);
      for (Weight w : model.trainableWeights()) {
        List<Weight> s = OptimizerInternals.slotsFor(model.optimizer(), w);
        assertThat(s.get(0).read()).isEqualTo(slots.get(w.path() + "/momentum"));
        assertThat(s.get(1).read()).isEqualTo(slots.get(w.path() + "/velocity"));
      }
    }
    reference.close();
  }

  @Test
  void readsTheOptimizerLayoutsOfKeras211AndKeras22() throws Exception {
    for (String layout : List.of("keras2.11", "keras2.2", "keras2.2-rmsprop")) {
      Path file = dir.resolve(layout + ".h5");
      Random r = new Random(layout.hashCode());
      Optimizer optimizer = layout.endsWith("rmsprop") ? new RMSprop(0.01) : new Adam(0.01);
      Map<String, float[]> slots = new HashMap<>();
      try (Sequential model = new Sequential(new Dense(3).inputShape(2).name("dense"), new Dense(3).name("dense_1"))) {
        model.compile(optimizer, "mse");
        try (HdfWriter writer = new HdfWriter(file, file)) {
          WritableGroup root = writer.root();
          root.putAttribute("model_config", KerasJson.write(ModelConfigWriter.keras2(model)));
          root.putAttribute("training_config", KerasJson.write(TrainingConfigs.keras2(model)));
          WeightLayouts.writeLegacy(root.putGroup("model_weights"), model);
          WritableGroup ow = root.putGroup("optimizer_weights");
          List<String> names = new ArrayList<>();
          Map<String, WritableGroup> made = new HashMap<>();
          List<Weight> trainable = model.trainableWeights();
          String opt = optimizer.name();
          if (layout.equals("keras2.11")) {
            names.add(opt + "/iteration:0");
            ow.putGroup(opt).putDataset("iteration:0", 9L);
            made.put(opt, (WritableGroup) ow.getChild(opt));
            for (Weight w : trainable) { // m and v of each variable in turn
              for (String slot : List.of("m", "v")) {
                String name = opt + "/" + slot + "/" + w.path() + ":0";
                names.add(name);
                float[] v = random(r, w.shape());
                slots.put(w.path() + "/" + slot, v);
                Hdf5.putFloats(Hdf5.parentOf(ow, name, made), name.substring(name.lastIndexOf('/') + 1), v,
                    w.shape());
              }
            }
          } else {
            // Keras 2.2: iterations first (Adam only), then one block per slot kind, then Adam's unused vhat.
            if (opt.equals("Adam")) {
              names.add("Adam_1/iterations:0");
              ow.putGroup("Adam_1").putDataset("iterations:0", 9L);
            }
            List<String> kinds = opt.equals("Adam") ? List.of("m", "v", "vhat") : List.of("rms");
            int n = 0;
            WritableGroup variables = ow.putGroup("training").putGroup(opt);
            for (String kind : kinds) {
              for (Weight w : trainable) {
                String name = "Variable" + (n == 0 ? "" : "_" + n) + ":0";
                n++;
                names.add("training/" + opt + "/" + name);
                long[] shape = kind.equals("vhat") ? new long[] {1} : w.shape();
                float[] v = random(r, shape);
                slots.put(w.path() + "/" + kind, v);
                Hdf5.putFloats(variables, name, v, shape);
              }
            }
          }
          ow.putAttribute("weight_names", names.toArray(String[]::new));
        }
      }
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.optimizer().getClass()).isEqualTo(optimizer.getClass());
        assertThat(loaded.optimizer().iterationCount()).as(layout).isEqualTo(layout.endsWith("rmsprop") ? 0 : 9);
        for (Weight w : loaded.trainableWeights()) {
          List<Weight> s = OptimizerInternals.slotsFor(loaded.optimizer(), w);
          for (Weight slot : s) {
            assertThat(slot.read()).as("%s %s", layout, slot.path())
                .isEqualTo(slots.get(w.path() + "/" + slot.name()));
          }
        }
      }
    }
  }

  @Test
  void buildsASequentialWithoutInputLayerFromItsBuildInputShape() {
    String json = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": [{\"class_name\":"
        + " \"Dense\", \"config\": {\"name\": \"d\", \"units\": 4}}], \"build_input_shape\": [null, 3]}}";
    try (Model model = Models.fromJson(json)) {
      assertThat(model.isBuilt()).isTrue();
      assertThat(model.inputShape().asArray()).containsExactly(-1, 3);
      assertThat(model.countParams()).isEqualTo(16);
    }
  }
}
