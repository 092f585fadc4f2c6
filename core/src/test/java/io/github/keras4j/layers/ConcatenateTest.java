package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class ConcatenateTest {
  /** Concatenation of row-major (b, rows, cols) arrays along axis 1 (rows) or 2 (cols). */
  private static double[] reference(float[] a, long[] sa, float[] b, long[] sb, int axis) {
    int n = (int) sa[0];
    int ar = (int) sa[1];
    int ac = (int) sa[2];
    int br = (int) sb[1];
    int bc = (int) sb[2];
    int rows = axis == 1 ? ar + br : ar;
    int cols = axis == 2 ? ac + bc : ac;
    double[] out = new double[n * rows * cols];
    for (int s = 0; s < n; s++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          double v;
          if (axis == 1) {
            v = r < ar ? a[(s * ar + r) * ac + c] : b[(s * br + r - ar) * bc + c];
          } else {
            v = c < ac ? a[(s * ar + r) * ac + c] : b[(s * br + r) * bc + c - ac];
          }
          out[(s * rows + r) * cols + c] = v;
        }
      }
    }
    return out;
  }

  private static void check(int axis, long[] sa, long[] sb, long[] expectedSample) {
    try (var scope = KerasContext.isolated()) {
      Concatenate layer = new Concatenate(axis);
      Shape expected = layer.ensureBuilt(
          List.of(Shapes.batchOf(sa[1], sa[2]), Shapes.batchOf(sb[1], sb[2])));
      assertThat(expected.asArray()).containsExactly(-1, expectedSample[0], expectedSample[1]);
      float[] a = MergeTest.normal((int) (sa[0] * sa[1] * sa[2]), 1);
      float[] b = MergeTest.normal((int) (sb[0] * sb[1] * sb[2]), 2);
      LayerTestKit.Output out = MergeTest.forward(layer, List.of(a, b), List.of(sa, sb));
      assertThat(out.staticShape()).isEqualTo(expected.asArray());
      assertThat(out.shape()).containsExactly(sa[0], expectedSample[0], expectedSample[1]);
      double[] ref = reference(a, sa, b, sb, axis < 0 ? 3 + axis : axis);
      for (int i = 0; i < ref.length; i++) {
        assertThat((double) out.values()[i]).isEqualTo(ref[i]);
      }
      GradientCheck.check(layer, List.of(a, b), List.of(sa, sb), List.of(), false, 3, 6);
    }
  }

  @Test
  void concatenatesAlongTheLastAxis() {
    check(-1, new long[] {2, 3, 2}, new long[] {2, 3, 4}, new long[] {3, 6});
  }

  @Test
  void concatenatesAlongAxis1() {
    check(1, new long[] {2, 2, 3}, new long[] {2, 4, 3}, new long[] {6, 3});
  }

  @Test
  void concatenatesThreeTensorsOfRank2() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor out = new Concatenate().apply(Input.shape(2), Input.shape(3), Input.shape(4));
      assertThat(out.shape().asArray()).containsExactly(-1, 9);
    }
  }

  @Test
  void roundTripsItsConfig() {
    try (var scope = KerasContext.isolated()) {
      Concatenate layer = new Concatenate(1);
      Map<String, Object> config = layer.getConfig();
      assertThat(config).containsEntry("name", "concatenate").containsEntry("axis", 1);
      Layer copy = LayerRegistry.fromConfig("Concatenate", config);
      assertThat(copy.getConfig()).isEqualTo(config);
      assertThat(((Concatenate) copy).axis()).isEqualTo(1);
      assertThat(new Concatenate().axis()).isEqualTo(-1);
    }
  }

  @Test
  void trainsBothBranchesInAFunctionalModel() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(4);
      KerasTensor in = Input.shape(3);
      Dense left = new Dense(2);
      Dense right = new Dense(3);
      KerasTensor merged = new Concatenate().apply(left.apply(in), right.apply(in));
      assertThat(merged.shape().asArray()).containsExactly(-1, 5);
      try (Model model = new Model(in, new Dense(1).apply(merged))) {
        model.compile(new SGD(0.1), "mse");
        float[] l0 = left.kernel().read();
        float[] r0 = right.kernel().read();
        model.fit(new float[][] {{1, 2, 3}, {-1, 0, 2}}, new float[][] {{1}, {-1}},
            new FitOptions().batchSize(2).verbose(0));
        assertThat(left.kernel().read()).isNotEqualTo(l0);
        assertThat(right.kernel().read()).isNotEqualTo(r0);
      }
    }
  }

  @Test
  void rejectsShapesThatDifferOffTheAxisNamingLayerAndShapes() {
    try (var scope = KerasContext.isolated()) {
      Concatenate layer = new Concatenate(-1);
      assertThatThrownBy(() -> layer.apply(Input.shape(2, 3), Input.shape(4, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("'concatenate'")
          .hasMessageContaining("(None, 2, 3)")
          .hasMessageContaining("(None, 4, 3)")
          .satisfies(e -> {
            IncompatibleShapeException ise = (IncompatibleShapeException) e;
            assertThat(ise.layerName()).isEqualTo("concatenate");
            assertThat(ise.received()).as("received shapes, formatted as Keras prints them")
                .contains("(None, 2, 3)").contains("(None, 4, 3)");
          });
      assertThatThrownBy(() -> new Concatenate().apply(Input.shape(2, 3), Input.shape(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 3)");
    }
  }

  @Test
  void rejectsTheBatchAxisAndAnAxisOutOfRange() {
    assertThatThrownBy(() -> new Concatenate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Concatenate: axis must not be the batch axis 0, but got axis=0.");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Concatenate(2).apply(Input.shape(3), Input.shape(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("axis 2 is out of range for inputs of rank 2");
    }
  }

  @Test
  void rejectsASingleInput() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Concatenate().apply(Input.shape(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("should be called on a list of at least 2 inputs");
    }
  }
}
