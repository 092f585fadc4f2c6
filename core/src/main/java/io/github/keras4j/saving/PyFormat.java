package io.github.keras4j.saving;

import java.math.BigDecimal;

/** Python's {@code repr(float)}, so that numbers in written configs read as Keras writes them. */
final class PyFormat {
  private PyFormat() {}

  /** Returns {@code repr(d)} for a finite double: {@code 0.0001}, {@code 1e-07}, {@code 1.0}, {@code 1e+16}. */
  static String repr(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("not finite: " + d);
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int decpt = digits.length() - bd.scale();
    StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
    if (decpt <= -4 || decpt > 16) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      out.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    } else if (decpt <= 0) {
      out.append("0.").append("0".repeat(-decpt)).append(digits);
    } else if (decpt >= digits.length()) {
      out.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
    } else {
      out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
    }
    return out.toString();
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
