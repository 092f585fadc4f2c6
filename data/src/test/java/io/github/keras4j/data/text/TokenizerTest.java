package io.github.keras4j.data.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Tokenizer against what keras_preprocessing 1.1 computed for the same corpus ({@code text_reference.json},
 * written by {@code generate_reference.py} beside it).
 */
class TokenizerTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> reference() throws Exception {
    try (InputStream in = TokenizerTest.class.getResourceAsStream("text_reference.json")) {
      return new ObjectMapper().readValue(in, LinkedHashMap.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static Tokenizer configured(Map<String, Object> kwargs) {
    Tokenizer t = new Tokenizer();
    kwargs.forEach((k, v) -> {
      switch (k) {
        case "num_words" -> t.numWords((Integer) v);
        case "oov_token" -> t.oovToken((String) v);
        case "char_level" -> t.charLevel((Boolean) v);
        case "lower" -> t.lower((Boolean) v);
        case "filters" -> t.filters((String) v);
        case "split" -> t.split((String) v);
        default -> throw new AssertionError(k);
      }
    });
    return t;
  }

  @SuppressWarnings("unchecked")
  private static List<int[]> sequences(Object o) {
    List<int[]> out = new ArrayList<>();
    for (List<Number> s : (List<List<Number>>) o) {
      out.add(s.stream().mapToInt(Number::intValue).toArray());
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void splitsTextsAsTextToWordSequence() throws Exception {
    Map<String, Object> ref = reference();
    List<String> corpus = (List<String>) ref.get("corpus");
    List<List<String>> expected = (List<List<String>>) ref.get("text_to_word_sequence");
    for (int i = 0; i < corpus.size(); i++) {
      assertThat(Tokenizer.textToWordSequence(corpus.get(i))).as(corpus.get(i)).isEqualTo(expected.get(i));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "num_words_oov", "oov_only", "char_level", "custom_filters_split"})
  @SuppressWarnings("unchecked")
  void matchesKerasPreprocessing(String name) throws Exception {
    Map<String, Object> ref = reference();
    Map<String, Object> c = ((Map<String, Map<String, Object>>) ref.get("tokenizers")).get(name);
    List<String> corpus = (List<String>) ref.get("corpus");
    List<String> newTexts = (List<String>) ref.get("new_texts");
    Tokenizer t = configured((Map<String, Object>) c.get("kwargs")).fitOnTexts(corpus);

    List<List<Object>> counts = new ArrayList<>();
    t.wordCounts().forEach((w, n) -> counts.add(List.of(w, n)));
    assertThat(counts).as("word_counts in order").isEqualTo(c.get("word_counts"));
    List<List<Object>> index = new ArrayList<>();
    t.wordIndex().forEach((w, i) -> index.add(List.of(w, i)));
    assertThat(index).as("word_index in order").isEqualTo(c.get("word_index"));
    assertThat(t.wordDocs()).as("word_docs").isEqualTo(c.get("word_docs"));
    Map<String, Integer> indexDocs = new LinkedHashMap<>();
    t.indexDocs().forEach((i, n) -> indexDocs.put(String.valueOf(i), n));
    assertThat(indexDocs).as("index_docs").isEqualTo(c.get("index_docs"));
    assertThat(t.documentCount()).isEqualTo(c.get("document_count"));

    List<String> all = new ArrayList<>(newTexts);
    all.addAll(corpus);
    List<int[]> seqs = t.textsToSequences(all);
    assertThat(seqs).as("texts_to_sequences").usingRecursiveComparison()
        .isEqualTo(sequences(c.get("sequences")));
    List<int[]> withUnknown = new ArrayList<>(seqs);
    withUnknown.add(new int[] {0, 1, 2, 999});
    assertThat(t.sequencesToTexts(withUnknown)).as("sequences_to_texts").isEqualTo(c.get("texts"));

    Map<String, List<List<Number>>> matrices = (Map<String, List<List<Number>>>) c.get("matrices");
    matrices.forEach((mode, expected) -> {
      float[][] m = t.textsToMatrix(newTexts, mode);
      assertThat(m).as(mode).hasNumberOfRows(expected.size());
      for (int i = 0; i < m.length; i++) {
        assertThat(m[i]).as("%s row %d", mode, i).hasSize(expected.get(i).size());
        for (int j = 0; j < m[i].length; j++) {
          assertThat((double) m[i][j]).as("%s [%d][%d]", mode, i, j)
              .isCloseTo(expected.get(i).get(j).doubleValue(), within(1e-6));
        }
      }
    });
  }

  /**
   * toJson() equals Keras's to_json() character for character, except the order inside word_docs and index_docs:
   * Python fills those from a set, whose order changes with the string hash seed; there only the content is
   * compared. fromJson(Keras's text) restores an equal tokenizer.
   */
  @ParameterizedTest
  @ValueSource(strings = {"default", "num_words_oov", "oov_only", "char_level", "custom_filters_split"})
  @SuppressWarnings("unchecked")
  void writesAndReadsKerasTokenizerJson(String name) throws Exception {
    Map<String, Object> ref = reference();
    Map<String, Object> c = ((Map<String, Map<String, Object>>) ref.get("tokenizers")).get(name);
    String kerasJson = (String) c.get("to_json");
    Tokenizer t = configured((Map<String, Object>) c.get("kwargs")).fitOnTexts((List<String>) ref.get("corpus"));

    String ours = t.toJson();
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> a = mapper.readValue(ours, LinkedHashMap.class);
    Map<String, Object> b = mapper.readValue(kerasJson, LinkedHashMap.class);
    Map<String, Object> ca = (Map<String, Object>) a.get("config");
    Map<String, Object> cb = (Map<String, Object>) b.get("config");
    assertThat(ca.keySet()).containsExactlyElementsOf(cb.keySet());
    for (String key : List.of("word_docs", "index_docs")) {
      assertThat(mapper.readValue((String) ca.get(key), Map.class)).as(key)
          .isEqualTo(mapper.readValue((String) cb.get(key), Map.class));
      String placeholder = "\"" + key + "\": \"<" + key + ">\"";
      ours = ours.replace("\"" + key + "\": " + mapper.writeValueAsString(ca.get(key)), placeholder);
      kerasJson = kerasJson.replace("\"" + key + "\": " + mapper.writeValueAsString(cb.get(key)), placeholder);
    }
    assertThat(ours).isEqualTo(kerasJson);

    Tokenizer back = Tokenizer.fromJson((String) c.get("to_json"));
    assertThat(back.wordIndex()).isEqualTo(t.wordIndex());
    assertThat(back.wordCounts()).isEqualTo(t.wordCounts());
    assertThat(back.indexWord()).isEqualTo(t.indexWord());
    assertThat(back.indexDocs()).isEqualTo(t.indexDocs());
    assertThat(back.numWords()).isEqualTo(t.numWords());
    assertThat(back.oovToken()).isEqualTo(t.oovToken());
    assertThat(back.documentCount()).isEqualTo(t.documentCount());
    List<String> texts = (List<String>) ref.get("new_texts");
    assertThat(back.textsToSequences(texts)).usingRecursiveComparison().isEqualTo(t.textsToSequences(texts));
    assertThat(Tokenizer.fromJson(t.toJson()).toJson()).isEqualTo(t.toJson());
  }

  @Test
  void writesNonAsciiAndControlCharactersAsPythonsJsonDumps() {
    Tokenizer t = new Tokenizer().filters("").split(" ").fitOnTexts("café \"q\" a\\b 😀");
    String json = t.toJson();
    assertThat(json).contains("caf\\\\u00e9").contains("\\\\ud83d\\\\ude00").contains("\\\"\\\\\\\"q\\\\\\\"\\\"");
    assertThat(json).startsWith("{\"class_name\": \"Tokenizer\", \"config\": {\"num_words\": null, \"filters\": \"\", ");
    assertThat(Tokenizer.fromJson(json).wordIndex()).isEqualTo(t.wordIndex());
  }

  @Test
  void rejectsBadSettingsAndBadJsonClearly() {
    assertThatThrownBy(() -> new Tokenizer().numWords(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("numWords must be positive").hasMessageContaining("numWords=0");
    assertThatThrownBy(() -> new Tokenizer().split("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("split must not be empty");
    assertThatThrownBy(() -> new Tokenizer().textsToMatrix(List.of("a"), "binary"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("fit on some text data first");
    assertThatThrownBy(() -> new Tokenizer().fitOnTexts("a b").textsToMatrix(List.of("a"), "onehot"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown vectorization mode 'onehot'");
    assertThatThrownBy(() -> new Tokenizer().numWords(3).textsToMatrix(List.of("a"), "tfidf"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("before using tfidf mode");
    assertThatThrownBy(() -> Tokenizer.fromJson("not json")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a tokenizer JSON object");
    assertThatThrownBy(() -> Tokenizer.fromJson("{\"word_index\": {}}")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no 'config' object");
    assertThatThrownBy(() -> Tokenizer.fromJson("{\"config\": {\"word_index\": \"{\\\"a\\\": \\\"x\\\"}\"}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'word_index[a]' must be an integer");
    assertThatThrownBy(() -> Tokenizer.fromJson("{\"config\": {\"index_word\": \"{\\\"one\\\": \\\"a\\\"}\"}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys of 'index_word' must be integers");
    assertThatThrownBy(() -> Tokenizer.fromJson("{\"config\": {\"bogus\": 1}}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unrecognized config key 'bogus'");
    assertThatThrownBy(() -> new Tokenizer().fitOnTexts(java.util.Arrays.asList("a", null)))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("text 1 is null");
  }
}
