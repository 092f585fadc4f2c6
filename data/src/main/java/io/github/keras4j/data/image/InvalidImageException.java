package io.github.keras4j.data.image;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a file exists but is not an image that Keras4J can decode: corrupt or truncated data, or a format
 * the Java runtime has no reader for. The message names the file and the reason, as in
 * {@code data/train/cat/cat.3.jpg: truncated JPEG data (Truncated File - Missing EOI marker)}.
 *
 * <p>A missing file is reported with {@link java.nio.file.NoSuchFileException} instead.
 */
public class InvalidImageException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param path the file that could not be decoded
   * @param reason what is wrong with it, without the path
   */
  public InvalidImageException(Path path, String reason) {
    this(path, reason, null);
  }

  /**
   * Creates the exception with the decoder's exception as its cause.
   *
   * @param path the file that could not be decoded
   * @param reason what is wrong with it, without the path
   * @param cause the decoder's exception, or {@code null}
   */
  public InvalidImageException(Path path, String reason, Throwable cause) {
    super(requireNonNull(path, "path") + ": " + requireNonNull(reason, "reason"), cause);
    this.path = path;
    this.reason = reason;
  }

  /** Returns the file that could not be decoded. */
  public Path path() {
    return path;
  }

  /** Returns what is wrong with the file, without its path. */
  public String reason() {
    return reason;
  }
}
