package io.github.keras4j.saving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * JSON as Keras reads and writes it, through Jackson: parsing into plain maps and lists (with limits on nesting and
 * sizes, so hostile text cannot exhaust the stack or memory), and writing as Python's {@code json.dumps} does
 * ({@code ", "} and {@code ": "} separators, Python float repr, non-ASCII escaped).
 */
final class KerasJson {
  /** Largest JSON text accepted (a VGG16 config is about 20 KB; MobileNet about 100 KB). */
  static final int MAX_CHARS = 64 << 20;

  private static final ObjectMapper READER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxStringLength(MAX_CHARS)
                          .maxNumberLength(400)
                          .build())
                  .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final JsonFactory WRITER =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private KerasJson() {}

  /**
   * Parses JSON into maps ({@code LinkedHashMap}), lists, strings, numbers, booleans and {@code null}.
   *
   * @throws IllegalArgumentException if the text is not JSON (the message says where)
   */
  static Object parse(String json) {
    if (json.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          "JSON text of " + json.length() + " characters exceeds the limit of " + MAX_CHARS + ".");
    }
    try {
      return READER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage() + location(e), e);
    }
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /** Writes a tree of maps, lists, strings, numbers, booleans and nulls as Python's {@code json.dumps}. */
  static String write(Object tree) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = WRITER.createGenerator(out)) {
      gen.setPrettyPrinter(new PythonSeparators());
      write(gen, tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator gen, Object value) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Number n) {
      gen.writeNumber(PyFormat.jsonNumber(n));
    } else if (value instanceof Map<?, ?> map) {
      gen.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        gen.writeFieldName(String.valueOf(e.getKey()));
        write(gen, e.getValue());
      }
      gen.writeEndObject();
    } else if (value instanceof List<?> list) {
      gen.writeStartArray();
      for (Object item : list) {
        write(gen, item);
      }
      gen.writeEndArray();
    } else if (value instanceof int[] ints) {
      gen.writeStartArray();
      for (int i : ints) {
        gen.writeNumber(i);
      }
      gen.writeEndArray();
    } else {
      throw new IllegalArgumentException(
          "Cannot write a " + value.getClass().getName() + " into a Keras config: " + value);
    }
  }

  /** Python's default separators: {@code ", "} between items, {@code ": "} after keys, no line breaks. */
  private static final class PythonSeparators extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }
  }
}
