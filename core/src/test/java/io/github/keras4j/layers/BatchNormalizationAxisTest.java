package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.nonTrainable;
import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BatchNormalization on axes other than the last and on inputs of any rank, through the whole layer test kit. */
class BatchNormalizationAxisTest {

  /**
   * {@code gamma · (x - mean) / sqrt(var + 1e-3) + beta} with one statistic per position of the kept axes;
   * batch statistics use the population variance over the other axes.
   */
  static double[] reference(float[] x, long[] shape, int[] keep, List<float[]> w, boolean batchStatistics) {
    int rank = shape.length;
    long[] strides = new long[rank];
    long s = 1;
    for (int d = rank - 1; d >= 0; d--) {
      strides[d] = s;
      s *= shape[d];
    }
    int[] pos = new int[x.length];
    int params = 1;
    for (int a : keep) {
      params *= (int) shape[a];
    }
    for (int i = 0; i < x.length; i++) {
      int p = 0;
      for (int a : keep) {
        p = p * (int) shape[a] + (int) (i / strides[a] % shape[a]);
      }
      pos[i] = p;
    }
    double[] mean = new double[params];
    double[] var = new double[params];
    if (batchStatistics) {
      int per = x.length / params;
      for (int i = 0; i < x.length; i++) {
        mean[pos[i]] += x[i] / (double) per;
      }
      for (int i = 0; i < x.length; i++) {
        var[pos[i]] += (x[i] - mean[pos[i]]) * (x[i] - mean[pos[i]]) / per;
      }
    } else {
      for (int p = 0; p < params; p++) {
        mean[p] = w.get(2)[p];
        var[p] = w.get(3)[p];
      }
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int p = pos[i];
      out[i] = w.get(0)[p] * (x[i] - mean[p]) / Math.sqrt(var[p] + 1e-3) + w.get(1)[p];
    }
    return out;
  }

  private static void kit(int[] axis, int[] keep, long[] sample, long[] param, boolean training) {
    LayerTestKit kit = LayerTestKit.of(() -> new BatchNormalization().axis(axis).momentum(1.0), sample).batch(3)
        .training(training)
        .expectWeights(trainable("gamma", param), trainable("beta", param), nonTrainable("moving_mean", param),
            nonTrainable("moving_variance", param))
        .withoutGradientFor("moving_mean", "moving_variance")
        .forwardTolerance(1e-4)
        .reference((x, shape, w) -> reference(x, shape, keep, w, training));
    if (training) {
      kit.run(); // the training step trains in the training flavour; once per configuration suffices
    } else {
      kit.runWithoutTrainingStep();
    }
  }

  @Test
  void channelsFirstImagesInInferenceAndTraining() {
    kit(new int[] {1}, new int[] {1}, new long[] {3, 2, 4}, new long[] {3}, false);
    kit(new int[] {1}, new int[] {1}, new long[] {3, 2, 4}, new long[] {3}, true);
  }

  @Test
  void sequencesOnTheTimeAxis() {
    kit(new int[] {1}, new int[] {1}, new long[] {4, 2}, new long[] {4}, false);
    kit(new int[] {-2}, new int[] {1}, new long[] {4, 2}, new long[] {4}, true);
  }

  @Test
  void severalAxes() {
    kit(new int[] {1, 2}, new int[] {1, 2}, new long[] {2, 3}, new long[] {2, 3}, true);
    kit(new int[] {-1}, new int[] {4}, new long[] {2, 2, 2, 3}, new long[] {3}, true);
  }

  @Test
  void readsAndWritesTheAxisAsKeras() {
    try (var scope = KerasContext.isolated()) {
      BatchNormalization bn = (BatchNormalization) LayerRegistry.fromConfig("BatchNormalization",
          Map.of("axis", List.of(1), "name", "bn"));
      assertThat(bn.axis()).containsExactly(1);
      bn.ensureBuilt(Shapes.batchOf(3, 5, 5));
      assertThat(bn.movingMean().shape()).containsExactly(3);
      assertThat(bn.getConfig()).containsEntry("axis", List.of(1));
      BatchNormalization fresh = new BatchNormalization().axis(1);
      fresh.ensureBuilt(Shapes.batchOf(3, 5, 5));
      assertThat(fresh.getConfig()).containsEntry("axis", List.of(1));
      BatchNormalization last = new BatchNormalization();
      last.ensureBuilt(Shapes.batchOf(5, 5, 3));
      assertThat(last.getConfig()).containsEntry("axis", List.of(3));
    }
  }

  @Test
  void rejectsTheBatchAxisAndUnknownSizes() {
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new BatchNormalization().axis(0).computeOutputShape(Shapes.batchOf(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("axis 0 is the batch axis");
      assertThatThrownBy(() -> new BatchNormalization().axis(4).computeOutputShape(Shapes.batchOf(3, 3, 3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("axis=4 is out of range");
      assertThatThrownBy(() -> new BatchNormalization().axis(new int[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("axis must name at least one axis");
    }
  }
}
