package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Models as bytes: a whole Keras file ({@code .keras} archive or legacy {@code .h5}) held in memory, so that a
 * model can travel over a network or through a broadcast variable (the Spark module sends models this way).
 *
 * <p>The HDF5 library writes and reads files, so each call goes through one temporary file in the system temp
 * folder, which is deleted before the call returns, whether it succeeds or fails.
 *
 * <pre>{@code
 * byte[] bytes = ModelBytes.toBytes(model, "keras");
 * Model copy = ModelBytes.load(bytes);
 * }</pre>
 */
public final class ModelBytes {
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private ModelBytes() {}

  /**
   * Returns the model saved in a format as bytes: {@code "keras"} (the Keras 3 archive) or {@code "h5"} (the
   * legacy HDF5 format), with architecture, weights, compile configuration and optimizer state.
   *
   * @throws IllegalArgumentException for another format name
   * @throws KerasFileException if the model cannot be stored in that format
   */
  public static byte[] toBytes(Model model, String format) throws IOException {
    requireNonNull(model, "model");
    String extension = extension(requireNonNull(format, "format"));
    return throughTempFile(extension, file -> {
      KerasFiles.save(model, file);
      return Files.readAllBytes(file);
    });
  }

  /**
   * Loads a model from the bytes of a Keras file, {@code .keras} or {@code .h5}, saved by Keras4J or Python Keras;
   * the format is recognized from the content.
   *
   * @throws KerasFileException if the bytes are not a Keras model file (the message says what they are)
   */
  public static Model load(byte[] bytes) throws IOException {
    requireNonNull(bytes, "bytes");
    String extension;
    if (startsWith(bytes, ZIP)) {
      extension = ".keras";
    } else if (startsWith(bytes, HDF5)) {
      extension = ".h5";
    } else {
      throw new KerasFileException(
          Path.of("<bytes>"),
          "not a Keras model file: " + bytes.length + " bytes that start neither with a zip header (.keras) nor"
              + " with the HDF5 signature (.h5); a JSON architecture loads with Models.fromJson(String).");
    }
    return throughTempFile(extension, file -> {
      Files.write(file, bytes);
      return KerasFiles.load(file);
    });
  }

  /**
   * Loads a model from a stream holding a whole Keras file ({@code .keras} or {@code .h5}); reads the stream to
   * its end and does not close it.
   */
  public static Model load(InputStream in) throws IOException {
    return load(requireNonNull(in, "in").readAllBytes());
  }

  private static String extension(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (f.startsWith(".")) {
      f = f.substring(1);
    }
    return switch (f) {
      case "keras" -> ".keras";
      case "h5", "hdf5" -> ".h5";
      default -> throw new IllegalArgumentException(
          "toBytes: unknown format '" + format + "'; use \"keras\" (Keras 3 archive) or \"h5\" (legacy HDF5).");
    };
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** What {@link #throughTempFile} runs on the file. */
  @FunctionalInterface
  private interface FileTask<T> {
    T run(Path file) throws IOException;
  }

  /**
   * Runs the task on {@code model<extension>} in a fresh folder of the system temp directory, then deletes both
   * (whatever the task did).
   */
  private static <T> T throughTempFile(String extension, FileTask<T> task) throws IOException {
    Path dir = Files.createTempDirectory("keras4j-bytes-");
    Path file = dir.resolve("model" + extension);
    try {
      return task.run(file);
    } finally {
      deleteQuietly(file, dir);
    }
  }

  private static void deleteQuietly(Path file, Path dir) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // The folder lies in the system temp directory; nothing else to do.
    }
  }
}
