package io.github.keras4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * TimeseriesDataset against the examples of Keras's {@code timeseries_dataset_from_array} documentation (derived by
 * hand from them: window k starts at {@code k·stride} and takes {@code sequenceLength} rows spaced by
 * {@code samplingRate}; its target is the row it starts at).
 */
class TimeseriesDatasetTest {
  private static float[] range(int from, int to) {
    float[] r = new float[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** Keras doc example 1: indices 0..98, sequence_length 10, sampling_rate 2, sequence_stride 3. */
  @Test
  void windowsAsKerasDocumentationExampleOne() {
    TimeseriesDataset ds = Sequences.timeseriesDatasetFromArray(range(0, 99), null, 10).samplingRate(2)
        .sequenceStride(3);
    assertThat(ds.size()).isEqualTo(27); // starts 0, 3, …, 78
    TimeseriesBatch b = ds.get(0);
    assertThat(b.targets()).isNull();
    assertThat(column(b.samples()[0])).containsExactly(0, 2, 4, 6, 8, 10, 12, 14, 16, 18);
    assertThat(column(b.samples()[1])).containsExactly(3, 5, 7, 9, 11, 13, 15, 17, 19, 21);
    assertThat(column(b.samples()[2])).containsExactly(6, 8, 10, 12, 14, 16, 18, 20, 22, 24);
    assertThat(column(b.samples()[26])).containsExactly(78, 80, 82, 84, 86, 88, 90, 92, 94, 96);
    assertThat(ds.labelSize()).isZero();
    assertThat(ds.sampleShape()).containsExactly(10, 1);
  }

  /** Keras doc example 2: data 0..19, input data[:10], targets data[10:], sequence_length 10 → one window. */
  @Test
  void windowsAsKerasDocumentationExampleTwo() {
    float[] data = range(0, 20);
    TimeseriesDataset ds = TimeseriesDataset.fromArray(
        Arrays.copyOfRange(data, 0, 10), Arrays.copyOfRange(data, 10, 20), 10);
    assertThat(ds.size()).isEqualTo(1);
    TimeseriesBatch b = ds.get(0);
    assertThat(column(b.samples()[0])).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(b.targets()[0]).containsExactly(10);
  }

  @Test
  void honoursStartAndEndIndexAndBatches() {
    float[] data = range(0, 20);
    TimeseriesDataset ds = TimeseriesDataset.fromArray(data, data, 3).startIndex(5).endIndex(15).batchSize(4);
    // n = 15 - 5 - 2 = 8 windows starting at 5..12, targets data[5..12]
    assertThat(ds.size()).isEqualTo(8);
    assertThat(ds.steps()).isEqualTo(2);
    TimeseriesBatch last = ds.get(1);
    assertThat(column(last.samples()[3])).containsExactly(12, 13, 14);
    assertThat(last.targets()[3]).containsExactly(12);
  }

  @Test
  void shufflesEveryWindowOnceAnewEachEpochWithASeed() {
    float[] data = range(0, 40);
    TimeseriesDataset a = TimeseriesDataset.fromArray(data, data, 5).batchSize(7).shuffle(true).seed(9);
    TimeseriesDataset b = TimeseriesDataset.fromArray(data, data, 5).batchSize(7).shuffle(true).seed(9);
    a.onEpochBegin(0);
    b.onEpochBegin(0);
    Set<Float> starts = new HashSet<>();
    float[] first = new float[a.size()];
    for (int step = 0; step < a.steps(); step++) {
      TimeseriesBatch x = a.get(step);
      assertThat(x).usingRecursiveComparison().isEqualTo(b.get(step));
      for (int s = 0; s < x.samples().length; s++) {
        assertThat(x.targets()[s][0]).isEqualTo(x.samples()[s][0][0]);
        starts.add(x.targets()[s][0]);
        first[step * 7 + s] = x.targets()[s][0];
      }
    }
    assertThat(starts).hasSize(36);
    a.onEpochBegin(1);
    assertThat(a.get(0).targets()[0][0] == first[0] && a.get(0).targets()[1][0] == first[1]
        && a.get(0).targets()[2][0] == first[2]).isFalse();
  }

  @Test
  void feedsFit() {
    float[] series = new float[60];
    for (int i = 0; i < 60; i++) {
      series[i] = (float) Math.sin(i * 0.3);
    }
    TimeseriesDataset ds = TimeseriesDataset.fromArray(
        Arrays.copyOfRange(series, 0, 55), Arrays.copyOfRange(series, 5, 60), 5).batchSize(16).shuffle(true).seed(1);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(1);
      try (Sequential model = new Sequential(new InputLayer(5, 1), new Flatten(), new Dense(8).activation("tanh"),
          new Dense(1))) {
        model.compile(new Adam(0.01), "mse");
        History h = model.fit(ds, new FitOptions().epochs(20).verbose(0));
        var loss = h.history().get("loss");
        assertThat(loss.get(loss.size() - 1)).isLessThan(loss.get(0));
      }
    }
  }

  @Test
  void rejectsBadInputClearly() {
    float[] d = range(0, 10);
    assertThatThrownBy(() -> TimeseriesDataset.fromArray(d, d, 20).size())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no window fits").hasMessageContaining("sequenceLength=20");
    assertThatThrownBy(() -> TimeseriesDataset.fromArray(d, d, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequenceLength must be positive");
    assertThatThrownBy(() -> TimeseriesDataset.fromArray(d, d, 3).samplingRate(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samplingRate must be in [1, 9]");
    assertThatThrownBy(() -> TimeseriesDataset.fromArray(d, d, 3).startIndex(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startIndex=-1");
    assertThatThrownBy(() -> TimeseriesDataset.fromArray(d, d, 3).endIndex(11))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endIndex=11");
    assertThatThrownBy(() -> TimeseriesDataset.fromArray(new float[0], null, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data must hold at least one timestep");
  }

  private static float[] column(float[][] window) {
    float[] c = new float[window.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = window[i][0];
    }
    return c;
  }
}
