package io.github.keras4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TimeseriesGenerator against keras_preprocessing's ({@code text/text_reference.json}). */
class TimeseriesGeneratorTest {
  private static float[][] rows(List<List<Number>> l) {
    float[][] out = new float[l.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new float[l.get(i).size()];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = l.get(i).get(j).floatValue();
      }
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void yieldsTheBatchesKerasYields() throws Exception {
    Map<String, Object> ref = (Map<String, Object>) SequencesTest.reference().get("timeseries_generator");
    float[][] data = rows((List<List<Number>>) ref.get("data"));
    float[][] targets = rows((List<List<Number>>) ref.get("targets"));
    for (Map<String, Object> c : (List<Map<String, Object>>) ref.get("cases")) {
      Map<String, Object> kw = (Map<String, Object>) c.get("kwargs");
      TimeseriesGenerator gen = new TimeseriesGenerator(data, targets, (Integer) kw.get("length"));
      kw.forEach((k, v) -> {
        switch (k) {
          case "length" -> { }
          case "batch_size" -> gen.batchSize((Integer) v);
          case "sampling_rate" -> gen.samplingRate((Integer) v);
          case "stride" -> gen.stride((Integer) v);
          case "start_index" -> gen.startIndex((Integer) v);
          case "end_index" -> gen.endIndex((Integer) v);
          case "reverse" -> gen.reverse((Boolean) v);
          default -> throw new AssertionError(k);
        }
      });
      assertThat(gen.steps()).as("len %s", kw).isEqualTo(c.get("len"));
      List<Map<String, Object>> batches = (List<Map<String, Object>>) c.get("batches");
      int samples = 0;
      for (int i = 0; i < batches.size(); i++) {
        TimeseriesBatch b = gen.get(i);
        List<List<List<Number>>> x = (List<List<List<Number>>>) batches.get(i).get("x");
        assertThat(b.samples()).as("%s batch %d", kw, i).hasNumberOfRows(x.size());
        for (int s = 0; s < x.size(); s++) {
          assertThat(b.samples()[s]).as("%s batch %d sample %d", kw, i, s).isDeepEqualTo(rows(x.get(s)));
        }
        assertThat(b.targets()).as("%s batch %d targets", kw, i)
            .isDeepEqualTo(rows((List<List<Number>>) batches.get(i).get("y")));
        samples += x.size();
      }
      assertThat(gen.size()).isEqualTo(samples);
      assertThat(gen.sampleShape()).containsExactly(b0Steps(batches), 2);
    }
  }

  @SuppressWarnings("unchecked")
  private static long b0Steps(List<Map<String, Object>> batches) {
    return ((List<List<Object>>) batches.get(0).get("x")).get(0).size();
  }

  @Test
  void shufflesWithASeedDrawingFullBatchesInRange() {
    float[] series = new float[30];
    for (int i = 0; i < 30; i++) {
      series[i] = i;
    }
    TimeseriesGenerator a = new TimeseriesGenerator(series, series, 4).batchSize(8).shuffle(true).seed(3);
    TimeseriesGenerator b = new TimeseriesGenerator(series, series, 4).batchSize(8).shuffle(true).seed(3);
    assertThat(a.steps()).isEqualTo(4);
    assertThat(a.size()).isEqualTo(32);
    assertThat(a.sampleShape()).containsExactly(4);
    for (int i = 0; i < a.steps(); i++) {
      TimeseriesBatch x = a.get(i);
      assertThat(x.samples()).hasNumberOfRows(8);
      assertThat(x).usingRecursiveComparison().isEqualTo(b.get(i));
      for (int s = 0; s < 8; s++) {
        float target = x.targets()[s][0];
        assertThat(target).isBetween(4f, 29f);
        assertThat(x.samples()[s][3][0]).isEqualTo(target - 1); // the window ends right before its target
      }
    }
    a.onEpochBegin(1);
    assertThat(a.get(0)).usingRecursiveComparison().isNotEqualTo(b.get(0));
  }

  @Test
  void rejectsBadInputClearly() {
    float[][] d = new float[10][1];
    assertThatThrownBy(() -> new TimeseriesGenerator(d, new float[9][1], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Data length is 10 while target length is 9");
    assertThatThrownBy(() -> new TimeseriesGenerator(d, d, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`start_index+length=10 > end_index=9` is disallowed");
    assertThatThrownBy(() -> new TimeseriesGenerator(d, d, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length must be positive, but got length=0");
    assertThatThrownBy(() -> new TimeseriesGenerator(d, d, 3).samplingRate(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samplingRate=0");
    assertThatThrownBy(() -> new TimeseriesGenerator(new float[][] {{1, 2}, {3}}, new float[2][1], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data is ragged: timestep 0 has 2 values but timestep 1 has 1");
    assertThatThrownBy(() -> new TimeseriesGenerator(d, d, 3).get(3)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("batch index 3 is out of range [0, 1)");
  }
}
