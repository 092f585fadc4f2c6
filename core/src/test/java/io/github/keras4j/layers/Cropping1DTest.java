package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Cropping1DTest {
  static double[] crop(float[] x, long[] shape, int start, int end) {
    int b = (int) shape[0];
    int n = (int) shape[1];
    int c = (int) shape[2];
    int out = n - start - end;
    double[] y = new double[b * out * c];
    for (int s = 0; s < b; s++) {
      for (int t = 0; t < out; t++) {
        for (int ch = 0; ch < c; ch++) {
          y[(s * out + t) * c + ch] = x[(s * n + t + start) * c + ch];
        }
      }
    }
    return y;
  }

  @Test
  void passesTheLayerTestKit() {
    LayerTestKit.of(Cropping1D::new, 5, 3).reference((x, s, w) -> crop(x, s, 1, 1)).run();
    LayerTestKit.of(() -> new Cropping1D(2, 0), 5, 2).reference((x, s, w) -> crop(x, s, 2, 0)).run();
  }

  @Test
  void cropsSequencesOfUnknownLength() {
    try (var scope = KerasContext.isolated(); var g = new org.tensorflow.Graph();
        var session = new org.tensorflow.Session(g);
        var x = org.tensorflow.types.TFloat32.tensorOf(
            org.tensorflow.ndarray.StdArrays.ndCopyOf(new float[][][] {{{1}, {2}, {3}, {4}, {5}}}))) {
      var tf = org.tensorflow.op.Ops.create(g);
      var in = tf.placeholder(org.tensorflow.types.TFloat32.class,
          org.tensorflow.op.core.Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, -1, 1)));
      var y = new Cropping1D(1, 2).call(tf, in, null);
      try (var out = (org.tensorflow.types.TFloat32) session.runner().feed(in, x).fetch(y).run().get(0)) {
        assertThat(out.shape().asArray()).containsExactly(1, 2, 1);
        assertThat(out.getFloat(0, 0, 0)).isEqualTo(2f);
        assertThat(out.getFloat(0, 1, 0)).isEqualTo(3f);
      }
    }
  }

  @Test
  void hasKerasShapesAndConfig() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Cropping1D().name()).isEqualTo("cropping1d");
      assertThat(new Cropping1D(1, 2).computeOutputShape(Shapes.batchOf(10, 3)).asArray()).containsExactly(-1, 7, 3);
      assertThat(new Cropping1D(1, 2).getConfig())
          .containsEntry("cropping", List.of(1, 2));
      assertThat(((Cropping1D) LayerRegistry.fromConfig("Cropping1D", new HashMap<>(Map.of("cropping", List.of(3, 0)))))
          .cropping()).containsExactly(3, 0);
    }
  }

  @Test
  void rejectsCroppingEverything() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Cropping1D(2, 3).computeOutputShape(Shapes.batchOf(5, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("cropping (2, 3) removes all 5 steps").hasMessageContaining("(None, 5, 3)");
    }
    assertThatThrownBy(() -> new Cropping1D(-1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cropping must be >= 0");
  }
}
