package io.github.keras4j.saving;

import io.github.keras4j.internal.PyFloat;
import java.math.BigDecimal;

/** Python's {@code repr(float)}, so that numbers in written configs read as Keras writes them. */
final class PyFormat {
  private PyFormat() {}

  /** Returns {@code repr(d)} for a finite double: {@code 0.0001}, {@code 1e-07}, {@code 1.0}, {@code 1e+16}. */
  static String repr(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not finite: " + d);
    }
    return PyFloat.repr(d);
  }

  /** Returns the number as PyYAML writes a float: {@code 1.0e-07}, {@code 0.0001}, {@code .inf}, {@code .nan}. */
  static String yamlFloat(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String r = repr(d);
    if (r.indexOf('.') < 0 && r.indexOf('e') >= 0) {
      r = r.replaceFirst("e", ".0e");
    }
    return r;
  }

  /** Returns the number as Python's {@code json.dumps} writes it ({@code NaN}, {@code Infinity} included). */
  static String jsonNumber(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
      return repr(d);
    }
    if (n instanceof BigDecimal bd) {
      return repr(bd.doubleValue());
    }
    return n.toString();
  }
}
