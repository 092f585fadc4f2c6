package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class SpatialDropout1DTest {
  @Test
  void passesTheLayerTestKitAsTheIdentityAtInference() {
    LayerTestKit.of(() -> new SpatialDropout1D(0.5), 4, 3).reference((x, s, w) -> ImageReference.identity(x)).run();
  }

  /** In training, each (sample, channel) is either dropped at every step or kept and scaled by 1 / (1 - rate). */
  @Test
  void dropsWholeChannelsInTraining() {
    int batch = 8;
    int steps = 5;
    int channels = 16;
    float[][][] ones = new float[batch][steps][channels];
    for (float[][] s : ones) {
      for (float[] t : s) {
        java.util.Arrays.fill(t, 1f);
      }
    }
    try (var scope = KerasContext.isolated(); Graph g = new Graph(); Session session = new Session(g)) {
      Keras.setRandomSeed(5);
      Ops tf = Ops.create(g);
      SpatialDropout1D layer = new SpatialDropout1D(0.5).seed(11);
      layer.ensureBuilt(Shapes.batchOf(steps, channels));
      Operand<TFloat32> y = layer.call(tf, tf.constant(StdArrays.ndCopyOf(ones)), new CallContext() {
        public boolean training() {
          return true;
        }

        public Operand<TFloat32> read(Weight weight) {
          throw new AssertionError();
        }

        public long nextSeed() {
          return 1;
        }

        public void addUpdate(Weight weight, Operand<TFloat32> newValue) {}
      });
      try (TFloat32 out = (TFloat32) session.runner().fetch(y).run().get(0)) {
        int dropped = 0;
        for (int s = 0; s < batch; s++) {
          for (int c = 0; c < channels; c++) {
            float first = out.getFloat(s, 0, c);
            assertThat(first).isIn(0f, 2f);
            for (int t = 1; t < steps; t++) {
              assertThat(out.getFloat(s, t, c)).as("sample %d channel %d step %d", s, c, t).isEqualTo(first);
            }
            dropped += first == 0f ? 1 : 0;
          }
        }
        assertThat(dropped).isBetween(32, 96); // about half of 128 (sample, channel) pairs
      }
    }
  }

  @Test
  void hasKerasConfigAndRejectsBadRates() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new SpatialDropout1D(0.2).getConfig()).containsEntry("name", "spatial_dropout1d")
          .containsEntry("rate", 0.2).containsEntry("noise_shape", null);
      assertThat(((SpatialDropout1D) LayerRegistry.fromConfig("SpatialDropout1D",
          new HashMap<>(Map.of("rate", 0.3, "seed", 4)))).seed()).isEqualTo(4L);
      assertThatThrownBy(() -> new SpatialDropout1D(0.5).computeOutputShape(Shapes.batchOf(4)))
          .isInstanceOf(IncompatibleShapeException.class).hasMessageContaining("expected ndim=3, found ndim=2");
    }
    assertThatThrownBy(() -> new SpatialDropout1D(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate must be in [0, 1), but got rate=1.0");
  }
}
