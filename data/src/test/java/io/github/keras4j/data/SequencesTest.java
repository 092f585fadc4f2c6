package io.github.keras4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** padSequences against keras_preprocessing's pad_sequences ({@code text/text_reference.json}). */
class SequencesTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> reference() throws Exception {
    try (InputStream in = SequencesTest.class.getResourceAsStream("text/text_reference.json")) {
      return new ObjectMapper().readValue(in, LinkedHashMap.class);
    }
  }

  private static PadOptions options(Map<String, Object> c) {
    return new PadOptions().maxlen((Integer) c.get("maxlen")).padding((String) c.get("padding"))
        .truncating((String) c.get("truncating")).value(((Number) c.get("value")).doubleValue());
  }

  @Test
  @SuppressWarnings("unchecked")
  void padsAsKerasPadSequences() throws Exception {
    List<Map<String, Object>> cases = (List<Map<String, Object>>) reference().get("pad_sequences");
    int checked = 0;
    for (Map<String, Object> c : cases) {
      List<?> seqs = (List<?>) c.get("sequences");
      String what = c.toString();
      boolean features = !seqs.isEmpty() && ((List<?>) seqs.get(0)).get(0) instanceof List;
      if (features) {
        float[][][] x = new float[seqs.size()][][];
        for (int i = 0; i < x.length; i++) {
          List<List<Number>> s = (List<List<Number>>) seqs.get(i);
          x[i] = new float[s.size()][];
          for (int t = 0; t < s.size(); t++) {
            x[i][t] = toFloats(s.get(t));
          }
        }
        float[][][] out = Sequences.padSequences(x, options(c));
        List<List<List<Number>>> expected = (List<List<List<Number>>>) c.get("result");
        assertThat(out).as(what).hasNumberOfRows(expected.size());
        for (int i = 0; i < out.length; i++) {
          for (int t = 0; t < out[i].length; t++) {
            assertThat(out[i][t]).as(what).containsExactly(toFloats(expected.get(i).get(t)));
          }
        }
      } else if (c.get("dtype").equals("float32")) {
        List<float[]> x = new ArrayList<>();
        for (Object s : seqs) {
          x.add(toFloats((List<Number>) s));
        }
        float[][] out = Sequences.padSequencesFloat(x, options(c));
        List<List<Number>> expected = (List<List<Number>>) c.get("result");
        for (int i = 0; i < out.length; i++) {
          assertThat(out[i]).as(what).containsExactly(toFloats(expected.get(i)));
        }
      } else {
        List<int[]> x = new ArrayList<>();
        for (Object s : seqs) {
          // Keras casts float sequences to the int32 dtype; ids given as floats truncate the same way.
          x.add(((List<Number>) s).stream().mapToInt(Number::intValue).toArray());
        }
        int[][] out = Sequences.padSequences(x, options(c));
        List<List<Number>> expected = (List<List<Number>>) c.get("result");
        assertThat(out).as(what).hasNumberOfRows(expected.size());
        for (int i = 0; i < out.length; i++) {
          assertThat(out[i]).as(what).containsExactly(expected.get(i).stream().mapToInt(Number::intValue).toArray());
        }
      }
      checked++;
    }
    assertThat(checked).isEqualTo(21);
  }

  private static float[] toFloats(List<Number> l) {
    float[] f = new float[l.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = l.get(i).floatValue();
    }
    return f;
  }

  @Test
  void padsWithDefaultsToTheLongestSequenceWithZerosBefore() {
    int[][] out = Sequences.padSequences(List.of(new int[] {1, 2}, new int[] {3}, new int[0]));
    assertThat(out).isDeepEqualTo(new int[][] {{1, 2}, {0, 3}, {0, 0}});
  }

  @Test
  void rejectsBadOptionsAndRaggedInputClearly() {
    assertThatThrownBy(() -> new PadOptions().maxlen(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxlen must be a positive integer").hasMessageContaining("maxlen=-1");
    assertThatThrownBy(() -> new PadOptions().padding("both")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("padding must be \"pre\" or \"post\", but got padding=\"both\"");
    assertThatThrownBy(() -> new PadOptions().truncating("middle")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncating=\"middle\"");
    assertThatThrownBy(() -> Sequences.padSequences(java.util.Arrays.asList(new int[] {1}, null)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("sequence 1 is null");
    assertThatThrownBy(() -> Sequences.padSequences(new float[][][] {{{1, 2}}, {{3}}}, new PadOptions()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step 0 of sequence 1 has 1 features, but the first non-empty sequence has 2");
    assertThatThrownBy(() -> Sequences.toFloatArray(List.of(new int[] {1, 2, 3}, new int[] {4})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sequence 0 has 3 steps but sequence 1 has 1")
        .hasMessageContaining("Sequences.padSequences");
    assertThat(Sequences.toFloatArray(List.of(new int[] {1, 2}, new int[] {3, 4})))
        .isDeepEqualTo(new float[][] {{1, 2}, {3, 4}});
  }
}
