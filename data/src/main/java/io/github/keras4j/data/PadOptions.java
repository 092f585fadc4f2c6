package io.github.keras4j.data;

import static java.util.Objects.requireNonNull;

/**
 * Options of {@link Sequences#padSequences}: Keras's {@code pad_sequences} arguments. Defaults: maxlen none (the
 * longest sequence), padding {@code "pre"}, truncating {@code "pre"}, value 0.
 *
 * <pre>{@code
 * new PadOptions().maxlen(100).padding("post").truncating("post")
 * }</pre>
 */
public final class PadOptions {
  private Integer maxlen;
  private String padding = "pre";
  private String truncating = "pre";
  private double value;

  /** Creates options with Keras's defaults. */
  public PadOptions() {}

  /**
   * Sets the length of every output sequence; {@code null} (default) uses the longest input sequence.
   *
   * @throws IllegalArgumentException if not positive
   */
  public PadOptions maxlen(Integer maxlen) {
    if (maxlen != null && maxlen <= 0) {
      throw new IllegalArgumentException(
          "padSequences: maxlen must be a positive integer (or null for the longest sequence), but got maxlen="
              + maxlen + ".");
    }
    this.maxlen = maxlen;
    return this;
  }

  /**
   * Sets where the padding goes: {@code "pre"} (default, before each sequence) or {@code "post"} (after).
   *
   * @throws IllegalArgumentException for another value
   */
  public PadOptions padding(String padding) {
    this.padding = side("padding", padding);
    return this;
  }

  /**
   * Sets which values of a longer sequence are removed: {@code "pre"} (default, the first ones) or {@code "post"}
   * (the last ones).
   *
   * @throws IllegalArgumentException for another value
   */
  public PadOptions truncating(String truncating) {
    this.truncating = side("truncating", truncating);
    return this;
  }

  /** Sets the padding value (default 0); integer outputs take it truncated toward zero, as NumPy's cast. */
  public PadOptions value(double value) {
    this.value = value;
    return this;
  }

  /** Returns maxlen, or {@code null}. */
  public Integer maxlen() {
    return maxlen;
  }

  /** Returns {@code "pre"} or {@code "post"}. */
  public String padding() {
    return padding;
  }

  /** Returns {@code "pre"} or {@code "post"}. */
  public String truncating() {
    return truncating;
  }

  /** Returns the padding value. */
  public double value() {
    return value;
  }

  private static String side(String what, String v) {
    requireNonNull(v, what);
    if (!v.equals("pre") && !v.equals("post")) {
      throw new IllegalArgumentException(
          "padSequences: " + what + " must be \"pre\" or \"post\", but got " + what + "=\"" + v + "\".");
    }
    return v;
  }
}
