package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.VariableLength;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy {@code .h5} saving of models whose config exceeds what one fixed-length attribute holds: the config is
 * written as Keras/h5py write it, a variable-length string in a global heap ({@link GlobalHeapStrings}).
 *
 * <p>h5py proof (one-off, not part of the build): run this test with {@code -Dkeras4j.h5pyCheckDir=/tmp/h5check};
 * it leaves {@code big.h5}, {@code big.model_config.json} and {@code big.datasets.txt} there, then
 * {@code python3 src/test/resources/io/github/keras4j/saving/h5py/check_large_config.py /tmp/h5check/big}
 * checks with h5py that {@code attrs['model_config']} equals the JSON and that every dataset equals the values
 * Keras4J wrote. The recorded result is in the resource folder's README.
 */
class LargeConfigH5Test {
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

  private static Sequential bigModel() {
    Sequential big = new Sequential();
    big.add(new Dense(3).inputShape(2).name("dense_é_0"));
    for (int i = 0; i < 150; i++) {
      big.add(new Dense(3).activation("tanh"));
    }
    big.add(new Dense(2));
    big.compile(new Adam(0.01), "mse");
    return big;
  }

  @Test
  @Tag("slow") // builds a 152-layer model (SafetyTest covers the same path with a smaller check in the fast build)
  void savesAConfigLargerThanOneAttributeAsAVariableLengthStringAndLoadsItBack() throws Exception {
    float[][] x = {{0.5f, -1f}, {2f, 0.25f}};
    try (Sequential big = bigModel()) {
      String config = KerasJson.write(ModelConfigWriter.keras2(big));
      assertThat(config.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(Hdf5.MAX_ATTRIBUTE_BYTES);
      Path file = dir.resolve("big.h5");
      big.save(file);

      try (HdfFile h = new HdfFile(file)) {
        Attribute a = h.getAttribute("model_config");
        assertThat(a.getDataType()).isInstanceOf(VariableLength.class);
        assertThat(a.isScalar()).isTrue();
        assertThat(a.getData()).isEqualTo(config);
        assertThat(h.getAttribute("training_config").getData()).isInstanceOf(String.class);
        assertThat(((Group) h.getChild("model_weights")).getChildren()).hasSize(152);
      }
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.layers()).hasSize(152);
        assertThat(loaded.layers().get(0).name()).isEqualTo("dense_é_0");
        assertThat(loaded.predict(x)).isDeepEqualTo(big.predict(x));
        for (int i : new int[] {0, 151, big.weights().size() - 1}) { // each read runs the graph: a sample
          assertThat(loaded.weights().get(i).read()).isEqualTo(big.weights().get(i).read());
        }
        assertThat(loaded.optimizer()).isNotNull(); // training_config (compile) came back
      }
      String out = System.getProperty("keras4j.h5pyCheckDir");
      if (out != null) {
        Path d = Files.createDirectories(Path.of(out));
        Files.copy(file, d.resolve("big.h5"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(d.resolve("big.model_config.json"), config);
        Files.write(d.resolve("big.datasets.txt"), datasetLines(file));
        Files.writeString(d.resolve("big.predict.txt"), Arrays.deepToString(big.predict(x)));
      }
    }
  }

  @Test
  void aFileWithSeveralLargeAttributesKeepsEachString() throws Exception {
    String a = "a".repeat(70_000);
    String b = "β".repeat(40_000) + "end";
    Path file = dir.resolve("two.h5");
    try (HdfWriter w = new HdfWriter(file, file)) {
      w.putRootString("first", a);
      w.root().putAttribute("small", "x");
      w.putRootString("second", b);
      w.root().putGroup("g").putDataset("d", new float[] {1f, 2f});
    }
    String out = System.getProperty("keras4j.h5pyCheckDir");
    if (out != null) {
      Files.copy(file, Files.createDirectories(Path.of(out)).resolve("two.h5"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (HdfFile h = new HdfFile(file)) {
      assertThat(h.getAttribute("first").getData()).isEqualTo(a);
      assertThat(h.getAttribute("second").getData()).isEqualTo(b);
      assertThat(h.getAttribute("small").getData()).isEqualTo("x");
      assertThat(((Dataset) h.getByPath("g/d")).getData()).isEqualTo(new float[] {1f, 2f});
    }
    // The file ends exactly after the heap collection (h5py refuses files shorter than the superblock says).
    assertThat(Files.size(file)).isGreaterThan(70_000 + 80_000);
  }

  /** Every dataset as "path<TAB>shape<TAB>values" (float32 values as Java prints them). */
  static List<String> datasetLines(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    try (HdfFile h = new HdfFile(file)) {
      collect(h, lines);
    }
    return lines;
  }

  private static void collect(Group g, List<String> lines) {
    for (Node n : g.getChildren().values()) {
      if (n instanceof Group child) {
        collect(child, lines);
      } else if (n instanceof Dataset d) {
        Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
        String values;
        if (flat instanceof float[] f) {
          StringBuilder sb = new StringBuilder();
          for (float v : f) {
            sb.append(sb.length() == 0 ? "" : " ").append(v);
          }
          values = sb.toString();
        } else {
          values = String.valueOf(flat);
        }
        lines.add(d.getPath().replaceFirst("^/", "") + "\t" + Arrays.toString(d.getDimensions()) + "\t" + values);
      }
    }
  }
}
