package io.github.keras4j.saving;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A Keras file (or architecture string) that cannot be read or written: malformed, truncated, of an unknown
 * layout, or not matching the model it is loaded into. The message starts with the file name and says what is
 * wrong, e.g. {@code medical.h5: not a Keras model file (no 'model_config' attribute); to load weights only, use
 * loadWeights().}
 */
public class KerasFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * Creates the exception.
   *
   * @param file the file concerned, or {@code null} for an in-memory source
   * @param message what is wrong, without the file name
   */
  public KerasFileException(Path file, String message) {
    super(prefix(file) + message);
    this.file = file;
  }

  /** Creates the exception with its cause. */
  public KerasFileException(Path file, String message, Throwable cause) {
    super(prefix(file) + message, cause);
    this.file = file;
  }

  /** Returns the file concerned, or {@code null}. */
  public Path file() {
    return file;
  }

  private static String prefix(Path file) {
    return file == null ? "" : file + ": ";
  }
}
