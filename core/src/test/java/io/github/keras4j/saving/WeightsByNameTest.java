package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Sequential;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WeightsByName}: by-name loading from a file's own layers and from a nested model's group. */
class WeightsByNameTest {
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

  private static Sequential model(String first, String second) {
    Sequential model = new Sequential(new Dense(3).inputShape(2).name(first), new Dense(1).name(second));
    return model;
  }

  /**
   * Writes Keras 2's layout of a full model whose only layer is a nested model 'inner': its weights flat under
   * model_weights/inner, listed in one weight_names (here deliberately not in Keras's order, to prove that weights
   * are matched by variable name).
   */
  private Path nestedFile() {
    Path file = dir.resolve("nested.h5");
    try (WritableHdfFile h = HdfFile.write(file)) {
      WritableGroup mw = h.putGroup("model_weights");
      mw.putAttribute("layer_names", new String[] {"inner"});
      WritableGroup inner = mw.putGroup("inner");
      inner.putAttribute("weight_names",
          new String[] {"b/kernel:0", "a/kernel:0", "a/bias:0", "b/bias:0"});
      WritableGroup a = inner.putGroup("a");
      a.putDataset("kernel:0", new float[][] {{1, 2, 3}, {4, 5, 6}});
      a.putDataset("bias:0", new float[] {7, 8, 9});
      WritableGroup b = inner.putGroup("b");
      b.putDataset("kernel:0", new float[][] {{10}, {11}, {12}});
      b.putDataset("bias:0", new float[] {13});
    }
    return file;
  }

  @Test
  void loadsTheFilesOwnLayersByNameInAnyOrder() throws Exception {
    Path file = dir.resolve("w.h5");
    try (Sequential saved = model("x", "y"); Sequential target = model("x", "y0")) {
      saved.saveWeights(file);
      float[] before = target.getLayer("y0").weights().get(0).read();
      assertThat(WeightsByName.load(target, file, null, null)).isEqualTo(1);
      assertThat(target.getLayer("x").weights().get(0).read())
          .containsExactly(saved.getLayer("x").weights().get(0).read());
      assertThat(target.getLayer("y0").weights().get(0).read()).containsExactly(before);
      // A renaming maps saved names onto the model's.
      assertThat(WeightsByName.load(target, file, null, n -> n.equals("y") ? "y0" : n)).isEqualTo(2);
      assertThat(target.getLayer("y0").weights().get(1).read())
          .containsExactly(saved.getLayer("y").weights().get(1).read());
    }
  }

  @Test
  void loadsANestedModelsGroupMatchingVariablesByName() throws Exception {
    Path file = nestedFile();
    assertThat(WeightsByName.nestedModelGroups(file)).containsExactly("model_weights/inner");
    try (Sequential target = model("a", "b")) {
      assertThat(WeightsByName.load(target, file, null, null)).isZero();
      assertThat(WeightsByName.load(target, file, "inner", null)).isEqualTo(2);
      assertThat(target.getLayer("a").weights().get(0).read()).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(target.getLayer("a").weights().get(1).read()).containsExactly(7, 8, 9);
      assertThat(target.getLayer("b").weights().get(0).read()).containsExactly(10, 11, 12);
      assertThat(target.getLayer("b").weights().get(1).read()).containsExactly(13);
    }
  }

  @Test
  void aMismatchNamesTheLayerAndShapesAndAssignsNothing() throws Exception {
    Path file = nestedFile();
    try (Sequential target = new Sequential(new Dense(3).inputShape(2).name("a"), new Dense(2).name("b"))) {
      float[] before = target.getLayer("a").weights().get(0).read();
      assertThatThrownBy(() -> WeightsByName.load(target, file, "model_weights/inner", null))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("layer 'b'")
          .hasMessageContaining("(3, 1)").hasMessageContaining("(3, 2)");
      assertThat(target.getLayer("a").weights().get(0).read()).containsExactly(before);
      assertThatThrownBy(() -> WeightsByName.load(target, file, "outer", null))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("no group 'outer'")
          .hasMessageContaining("model_weights/inner");
    }
  }

  @Test
  void refusesFilesThatAreNotKerasWeights() throws Exception {
    Path empty = Files.write(dir.resolve("empty.h5"), new byte[0]);
    Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5", StandardCharsets.UTF_8);
    try (Sequential target = model("a", "b")) {
      assertThatThrownBy(() -> WeightsByName.load(target, empty, null, null))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("empty");
      assertThatThrownBy(() -> WeightsByName.load(target, text, null, null))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("text.h5");
      Path plain = dir.resolve("plain.h5");
      try (WritableHdfFile h = HdfFile.write(plain)) {
        h.putGroup("something");
      }
      assertThatThrownBy(() -> WeightsByName.load(target, plain, null, null))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("not a legacy Keras weights file");
    }
  }
}
