package io.github.keras4j.internal;

import java.math.BigDecimal;

/**
 * Python's text for a float, so that printed logs and written configs read as Keras writes them. Internal
 * helper shared by the callbacks and the saving code; not part of the stable API.
 */
public final class PyFloat {
  private PyFloat() {}

  /**
   * Returns Python 3's {@code repr(d)} (which is also {@code str(d)}): the shortest digits that read back as
   * {@code d}, in positional notation for exponents from −4 to 16 and scientific otherwise, e.g. {@code 0.0001},
   * {@code 1e-07}, {@code 1.0}, {@code 1e+16}, {@code -0.0}, {@code nan}, {@code inf}, {@code -inf}.
   *
   * <pre>{@code
   * PyFloat.repr(1e-7);   // "1e-07"
   * PyFloat.repr(2);      // "2.0"
   * }</pre>
   */
  public static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
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
      return out.append(abs).toString();
    }
    if (decpt <= 0) {
      return out.append("0.").append("0".repeat(-decpt)).append(digits).toString();
    }
    if (decpt >= digits.length()) {
      return out.append(digits).append("0".repeat(decpt - digits.length())).append(".0").toString();
    }
    return out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length()).toString();
  }
}
