package io.github.keras4j.data.text;

import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps} does with its defaults: separators {@code ", "} and
 * {@code ": "}, keys converted to strings, and every character outside printable ASCII escaped as
 * {@code \\uXXXX} (lower-case hex, surrogate pairs for characters beyond the BMP), so that Keras's JSON files are
 * reproduced character for character.
 */
final class PythonJson {
  private PythonJson() {}

  /** Returns the JSON text of a value: a map, string, number, boolean or {@code null}. */
  static String dumps(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  private static void write(StringBuilder b, Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof String s) {
      string(b, s);
    } else if (value instanceof Boolean bool) {
      b.append(bool ? "true" : "false");
    } else if (value instanceof Integer || value instanceof Long) {
      b.append(value);
    } else if (value instanceof Map<?, ?> map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          b.append(", ");
        }
        first = false;
        string(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue());
      }
      b.append('}');
    } else {
      throw new IllegalArgumentException("PythonJson: cannot write a " + value.getClass().getName() + ".");
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
