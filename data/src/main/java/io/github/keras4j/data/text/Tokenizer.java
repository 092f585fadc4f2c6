package io.github.keras4j.data.text;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns texts into sequences of word indices, as Keras's {@code keras.preprocessing.text.Tokenizer}.
 *
 * <p>{@link #fitOnTexts(List)} lower-cases each text (unless {@code lower(false)}), replaces every character of
 * {@code filters} by {@code split}, splits on {@code split} and drops empty tokens (or takes characters with
 * {@code charLevel(true)}); it counts each word ({@link #wordCounts()}, in order of first appearance) and the
 * documents it occurs in ({@link #wordDocs()}). Indices start at 1 in order of decreasing count, ties kept in
 * order of first appearance (Python's stable sort), after the {@code oovToken} (index 1) when one is set. Index 0
 * is never assigned: it is the padding value of {@code Sequences.padSequences}.
 *
 * <p>{@link #textsToSequences(List)} maps each word to its index; a word with index {@code >= numWords} (when
 * {@code numWords} is set) or never seen becomes the OOV index, or is dropped without an {@code oovToken}. Note, as
 * Keras: {@code numWords} limits the indices used, not the vocabulary kept.
 *
 * <p>{@link #toJson()} writes the JSON of Keras's {@code tokenizer.to_json()} character for character (the
 * {@code tokenizer.json} people save beside their models); {@link #fromJson(String)} reads it back, as Keras's
 * {@code tokenizer_from_json}. Defaults: numWords none, filters {@code !"#$%&()*+,-./:;<=>?@[\]^_`{|}~\t\n}, lower
 * true, split {@code " "}, charLevel false, oovToken none.
 *
 * <pre>{@code
 * Tokenizer tokenizer = new Tokenizer().numWords(1000).oovToken("<OOV>");
 * tokenizer.fitOnTexts(List.of("The cat sat on the mat.", "The dog ate my homework!"));
 * List<int[]> sequences = tokenizer.textsToSequences(List.of("the cat ate the zebra"));   // [[2, 3, 7, 2, 1]]
 * }</pre>
 *
 * <p>A tokenizer is not thread-safe while it is being fitted; afterwards its lookups may be shared.
 */
public final class Tokenizer {
  /** Keras's default filters: basic punctuation, tab and newline. */
  public static final String DEFAULT_FILTERS = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

  private static final String[] MODES = {"binary", "count", "tfidf", "freq"};

  private Integer numWords;
  private String filters = DEFAULT_FILTERS;
  private boolean lower = true;
  private String split = " ";
  private boolean charLevel;
  private String oovToken;
  private int documentCount;
  private Map<String, Integer> wordCounts = new LinkedHashMap<>();
  private Map<String, Integer> wordDocs = new LinkedHashMap<>();
  private Map<Integer, Integer> indexDocs = new LinkedHashMap<>();
  private Map<String, Integer> wordIndex = new LinkedHashMap<>();
  private Map<Integer, String> indexWord = new LinkedHashMap<>();

  /** Creates a tokenizer with Keras's defaults. */
  public Tokenizer() {}

  /**
   * Keeps only the {@code numWords - 1} most frequent words when converting texts (indices below
   * {@code numWords}); {@code null} (default) keeps all.
   *
   * @throws IllegalArgumentException if not positive
   */
  public Tokenizer numWords(Integer numWords) {
    if (numWords != null && numWords <= 0) {
      throw new IllegalArgumentException(
          "Tokenizer: numWords must be positive (or null for all words), but got numWords=" + numWords + ".");
    }
    this.numWords = numWords;
    return this;
  }

  /** Sets the characters removed from texts (each replaced by {@code split}); default {@link #DEFAULT_FILTERS}. */
  public Tokenizer filters(String filters) {
    this.filters = requireNonNull(filters, "filters");
    return this;
  }

  /** Lower-cases texts before splitting (default true). */
  public Tokenizer lower(boolean lower) {
    this.lower = lower;
    return this;
  }

  /**
   * Sets the word separator; default {@code " "}.
   *
   * @throws IllegalArgumentException if empty
   */
  public Tokenizer split(String split) {
    requireNonNull(split, "split");
    if (split.isEmpty()) {
      throw new IllegalArgumentException("Tokenizer: split must not be empty, but got split=\"\".");
    }
    this.split = split;
    return this;
  }

  /** Treats every character as a token (default false). */
  public Tokenizer charLevel(boolean charLevel) {
    this.charLevel = charLevel;
    return this;
  }

  /** Sets the token that stands for out-of-vocabulary words (index 1 after fitting); default none. */
  public Tokenizer oovToken(String oovToken) {
    this.oovToken = oovToken;
    return this;
  }

  /** Returns the word limit, or {@code null}. */
  public Integer numWords() {
    return numWords;
  }

  /** Returns the filtered characters. */
  public String filters() {
    return filters;
  }

  /** Returns whether texts are lower-cased. */
  public boolean lower() {
    return lower;
  }

  /** Returns the separator. */
  public String split() {
    return split;
  }

  /** Returns whether tokens are characters. */
  public boolean charLevel() {
    return charLevel;
  }

  /** Returns the out-of-vocabulary token, or {@code null}. */
  public String oovToken() {
    return oovToken;
  }

  /** Returns the number of texts fitted so far. */
  public int documentCount() {
    return documentCount;
  }

  /** Returns each word's count, in order of first appearance (an unmodifiable view). */
  public Map<String, Integer> wordCounts() {
    return Collections.unmodifiableMap(wordCounts);
  }

  /** Returns the number of texts each word occurs in (an unmodifiable view). */
  public Map<String, Integer> wordDocs() {
    return Collections.unmodifiableMap(wordDocs);
  }

  /** Returns the number of texts each index occurs in (an unmodifiable view). */
  public Map<Integer, Integer> indexDocs() {
    return Collections.unmodifiableMap(indexDocs);
  }

  /** Returns word → index, most frequent first (an unmodifiable view). */
  public Map<String, Integer> wordIndex() {
    return Collections.unmodifiableMap(wordIndex);
  }

  /** Returns index → word (an unmodifiable view). */
  public Map<Integer, String> indexWord() {
    return Collections.unmodifiableMap(indexWord);
  }

  // ---------------------------------------------------------------- splitting

  /**
   * Splits a text into words as Keras's {@code text_to_word_sequence}: optional lower-casing, every filter
   * character replaced by {@code split}, split on {@code split}, empty tokens dropped.
   */
  public static List<String> textToWordSequence(String text, String filters, boolean lower, String split) {
    requireNonNull(text, "text");
    requireNonNull(filters, "filters");
    requireNonNull(split, "split");
    String t = lower ? pythonLower(text) : text;
    StringBuilder b = new StringBuilder(t.length());
    t.codePoints().forEach(cp -> {
      if (filters.indexOf(cp) >= 0) {
        b.append(split);
      } else {
        b.appendCodePoint(cp);
      }
    });
    List<String> words = new ArrayList<>();
    String s = b.toString();
    int from = 0;
    while (true) {
      int at = s.indexOf(split, from);
      String word = at < 0 ? s.substring(from) : s.substring(from, at);
      if (!word.isEmpty()) {
        words.add(word);
      }
      if (at < 0) {
        return words;
      }
      from = at + split.length();
    }
  }

  /** Splits with Keras's defaults. */
  public static List<String> textToWordSequence(String text) {
    return textToWordSequence(text, DEFAULT_FILTERS, true, " ");
  }

  private static String pythonLower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private List<String> tokens(String text) {
    requireNonNull(text, "text");
    if (!charLevel) {
      return textToWordSequence(text, filters, lower, split);
    }
    String t = lower ? pythonLower(text) : text;
    List<String> chars = new ArrayList<>();
    t.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
    return chars;
  }

  // ---------------------------------------------------------------- fitting

  /**
   * Updates the vocabulary with these texts, as Keras's {@code fit_on_texts}; may be called several times.
   *
   * @throws NullPointerException if a text is null
   */
  public Tokenizer fitOnTexts(List<String> texts) {
    requireNonNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new NullPointerException("Tokenizer.fitOnTexts: text " + i + " is null.");
      }
    }
    for (String text : texts) {
      documentCount++;
      List<String> seq = tokens(text);
      for (String w : seq) {
        wordCounts.merge(w, 1, Integer::sum);
      }
      for (String w : new LinkedHashSet<>(seq)) {
        wordDocs.merge(w, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> counts = new ArrayList<>(wordCounts.entrySet());
    counts.sort((a, b) -> Integer.compare(b.getValue(), a.getValue())); // stable, as Python's sort
    List<String> vocabulary = new ArrayList<>();
    if (oovToken != null) {
      vocabulary.add(oovToken);
    }
    counts.forEach(e -> vocabulary.add(e.getKey()));
    wordIndex = new LinkedHashMap<>();
    for (int i = 0; i < vocabulary.size(); i++) {
      wordIndex.put(vocabulary.get(i), i + 1); // a repeated key keeps its first place and its last index
    }
    indexWord = new LinkedHashMap<>();
    wordIndex.forEach((w, c) -> indexWord.put(c, w));
    for (Map.Entry<String, Integer> e : wordDocs.entrySet()) {
      indexDocs.put(wordIndex.get(e.getKey()), e.getValue());
    }
    return this;
  }

  /** Fits on varargs texts. */
  public Tokenizer fitOnTexts(String... texts) {
    return fitOnTexts(List.of(texts));
  }

  /**
   * Counts, for tf-idf, the documents each index occurs in, from sequences instead of texts, as Keras's
   * {@code fit_on_sequences}.
   */
  public Tokenizer fitOnSequences(List<int[]> sequences) {
    requireNonNull(sequences, "sequences");
    documentCount += sequences.size();
    for (int[] seq : sequences) {
      Set<Integer> seen = new LinkedHashSet<>();
      for (int i : requireNonNull(seq, "sequence")) {
        seen.add(i);
      }
      for (int i : seen) {
        indexDocs.merge(i, 1, Integer::sum);
      }
    }
    return this;
  }

  // ---------------------------------------------------------------- converting

  /** Returns each text as a sequence of word indices, as Keras's {@code texts_to_sequences}. */
  public List<int[]> textsToSequences(List<String> texts) {
    requireNonNull(texts, "texts");
    Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
    List<int[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      List<Integer> vect = new ArrayList<>();
      for (String w : tokens(text)) {
        Integer i = wordIndex.get(w);
        if (i != null) {
          if (numWords != null && i >= numWords) {
            if (oovIndex != null) {
              vect.add(oovIndex);
            }
          } else {
            vect.add(i);
          }
        } else if (oovToken != null && oovIndex != null) {
          vect.add(oovIndex);
        }
      }
      out.add(vect.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** Converts varargs texts to sequences. */
  public List<int[]> textsToSequences(String... texts) {
    return textsToSequences(List.of(texts));
  }

  /**
   * Returns each sequence as its words joined by spaces, as Keras's {@code sequences_to_texts}: indices
   * {@code >= numWords} become the OOV token; unknown indices become it too, or are dropped without one.
   */
  public List<String> sequencesToTexts(List<int[]> sequences) {
    requireNonNull(sequences, "sequences");
    Integer oovIndex = oovToken == null ? null : wordIndex.get(oovToken);
    List<String> out = new ArrayList<>(sequences.size());
    for (int[] seq : sequences) {
      List<String> words = new ArrayList<>();
      for (int num : requireNonNull(seq, "sequence")) {
        String word = indexWord.get(num);
        if (word != null) {
          if (numWords != null && num >= numWords) {
            if (oovIndex != null) {
              words.add(indexWord.get(oovIndex));
            }
          } else {
            words.add(word);
          }
        } else if (oovToken != null && oovIndex != null) {
          words.add(indexWord.get(oovIndex));
        }
      }
      out.add(String.join(" ", words));
    }
    return out;
  }

  /**
   * Returns one row per text of length {@code numWords} (or vocabulary size + 1), as Keras's
   * {@code texts_to_matrix}: mode {@code binary} (1 where a word occurs), {@code count}, {@code freq} (count /
   * words in the text) or {@code tfidf} ({@code (1 + ln count) · ln(1 + documents / (1 + documents with the
   * word))}).
   *
   * @throws IllegalArgumentException for an unknown mode
   * @throws IllegalStateException if neither {@code numWords} is set nor texts were fitted, or for tf-idf before
   *     fitting
   */
  public float[][] textsToMatrix(List<String> texts, String mode) {
    return sequencesToMatrix(textsToSequences(texts), mode);
  }

  /** Like {@link #textsToMatrix(List, String)}, from index sequences. */
  public float[][] sequencesToMatrix(List<int[]> sequences, String mode) {
    requireNonNull(sequences, "sequences");
    requireNonNull(mode, "mode");
    if (!List.of(MODES).contains(mode)) {
      throw new IllegalArgumentException(
          "Tokenizer: unknown vectorization mode '" + mode + "'; use one of " + List.of(MODES) + ".");
    }
    int n;
    if (numWords == null) {
      if (wordIndex.isEmpty()) {
        throw new IllegalStateException(
            "Tokenizer: specify a dimension (numWords), or fit on some text data first.");
      }
      n = wordIndex.size() + 1;
    } else {
      n = numWords;
    }
    if (mode.equals("tfidf") && documentCount == 0) {
      throw new IllegalStateException("Tokenizer: fit the Tokenizer on some data before using tfidf mode.");
    }
    float[][] x = new float[sequences.size()][n];
    for (int i = 0; i < sequences.size(); i++) {
      int[] seq = sequences.get(i);
      if (seq.length == 0) {
        continue;
      }
      Map<Integer, Integer> counts = new LinkedHashMap<>();
      for (int j : seq) {
        if (j < n) {
          counts.merge(j, 1, Integer::sum);
        }
      }
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        int j = e.getKey();
        int c = e.getValue();
        x[i][j] = switch (mode) {
          case "count" -> c;
          case "freq" -> (float) ((double) c / seq.length);
          case "binary" -> 1f;
          default -> {
            double tf = 1 + Math.log(c);
            double idf = Math.log(1 + documentCount / (1.0 + indexDocs.getOrDefault(j, 0)));
            yield (float) (tf * idf);
          }
        };
      }
    }
    return x;
  }

  // ---------------------------------------------------------------- JSON

  /**
   * Returns Keras's {@code tokenizer.to_json()}: {@code {"class_name": "Tokenizer", "config": {…}}} with the word
   * tables as JSON strings inside, written as Python's {@code json.dumps} writes them (separators {@code ", "} and
   * {@code ": "}, non-ASCII characters escaped).
   */
  public String toJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_words", numWords);
    config.put("filters", filters);
    config.put("lower", lower);
    config.put("split", split);
    config.put("char_level", charLevel);
    config.put("oov_token", oovToken);
    config.put("document_count", documentCount);
    config.put("word_counts", PythonJson.dumps(wordCounts));
    config.put("word_docs", PythonJson.dumps(wordDocs));
    config.put("index_docs", PythonJson.dumps(indexDocs));
    config.put("index_word", PythonJson.dumps(indexWord));
    config.put("word_index", PythonJson.dumps(wordIndex));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("class_name", "Tokenizer");
    root.put("config", config);
    return PythonJson.dumps(root);
  }

  /**
   * Reads a tokenizer from Keras's {@code to_json()} text (a {@code tokenizer.json} file's content), as Keras's
   * {@code tokenizer_from_json}.
   *
   * @throws IllegalArgumentException if the text is not such JSON, naming what is missing or wrong
   */
  @SuppressWarnings("unchecked")
  public static Tokenizer fromJson(String json) {
    requireNonNull(json, "json");
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Object> root;
    try {
      root = mapper.readValue(json, LinkedHashMap.class);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException(
          "Tokenizer.fromJson: not a tokenizer JSON object (" + e.getMessage() + ").", e);
    }
    if (root == null || !(root.get("config") instanceof Map<?, ?> config)) {
      throw new IllegalArgumentException(
          "Tokenizer.fromJson: expected {\"class_name\": \"Tokenizer\", \"config\": {…}} as Keras's"
              + " tokenizer.to_json() writes, but the JSON has no 'config' object; keys: "
              + (root == null ? "none" : root.keySet()) + ".");
    }
    if (root.get("class_name") != null && !"Tokenizer".equals(root.get("class_name"))) {
      throw new IllegalArgumentException(
          "Tokenizer.fromJson: class_name must be \"Tokenizer\", but got \"" + root.get("class_name") + "\".");
    }
    Tokenizer t = new Tokenizer();
    for (Map.Entry<?, ?> e : config.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      switch (key) {
        case "num_words", "nb_words" -> t.numWords(v == null ? null : intValue(key, v));
        case "filters" -> t.filters(v == null ? DEFAULT_FILTERS : string(key, v));
        case "lower" -> t.lower(bool(key, v));
        case "split" -> t.split(string(key, v));
        case "char_level" -> t.charLevel(bool(key, v));
        case "oov_token" -> t.oovToken(v == null ? null : string(key, v));
        case "document_count" -> t.documentCount = intValue(key, v);
        case "word_counts" -> t.wordCounts = table(mapper, key, v, false);
        case "word_docs" -> t.wordDocs = table(mapper, key, v, false);
        case "word_index" -> t.wordIndex = table(mapper, key, v, false);
        case "index_docs" -> {
          Map<Integer, Integer> m = new LinkedHashMap<>();
          table(mapper, key, v, true).forEach((k, c) -> m.put(Integer.parseInt(k), c));
          t.indexDocs = m;
        }
        case "index_word" -> {
          Map<Integer, String> m = new LinkedHashMap<>();
          stringTable(mapper, key, v).forEach((k, w) -> m.put(Integer.parseInt(k), w));
          t.indexWord = m;
        }
        case "analyzer" -> {
          if (v != null) {
            throw new IllegalArgumentException(
                "Tokenizer.fromJson: a custom 'analyzer' (" + v + ") cannot be restored; only the default"
                    + " splitting is supported.");
          }
        }
        default -> throw new IllegalArgumentException(
            "Tokenizer.fromJson: unrecognized config key '" + key + "' (Keras raises TypeError for it too).");
      }
    }
    return t;
  }

  private static int intValue(String key, Object v) {
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("Tokenizer.fromJson: '" + key + "' must be an integer, but got " + v + ".");
  }

  private static String string(String key, Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("Tokenizer.fromJson: '" + key + "' must be a string, but got " + v + ".");
  }

  private static boolean bool(String key, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException("Tokenizer.fromJson: '" + key + "' must be true or false, but got " + v + ".");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseTable(ObjectMapper mapper, String key, Object v) {
    String text = string(key, v);
    try {
      return mapper.readValue(text, LinkedHashMap.class);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException(
          "Tokenizer.fromJson: '" + key + "' must hold a JSON object as a string, but got " + abbreviate(text)
              + ".", e);
    }
  }

  private static Map<String, Integer> table(ObjectMapper mapper, String key, Object v, boolean intKeys) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : parseTable(mapper, key, v).entrySet()) {
      if (intKeys) {
        try {
          Integer.parseInt(e.getKey());
        } catch (NumberFormatException ex) {
          throw new IllegalArgumentException(
              "Tokenizer.fromJson: the keys of '" + key + "' must be integers, but got \"" + e.getKey() + "\".");
        }
      }
      out.put(e.getKey(), intValue(key + "[" + e.getKey() + "]", e.getValue()));
    }
    return out;
  }

  private static Map<String, String> stringTable(ObjectMapper mapper, String key, Object v) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : parseTable(mapper, key, v).entrySet()) {
      try {
        Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(
            "Tokenizer.fromJson: the keys of '" + key + "' must be integers, but got \"" + e.getKey() + "\".");
      }
      out.put(e.getKey(), string(key + "[" + e.getKey() + "]", e.getValue()));
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? "\"" + s + "\"" : "\"" + s.substring(0, 57) + "...\"";
  }
}
