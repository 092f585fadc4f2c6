package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells what a file holds from its content, not its name, as Keras's {@code load_model} does with
 * {@code zipfile.is_zipfile} and {@code h5py.is_hdf5}: a Keras 3 zip archive, HDF5 (at offset 0 or after a user
 * block of 512, 1024, 2048 … bytes), JSON or YAML text (a model config, which {@code Models.fromJson} /
 * {@code Models.fromYaml} read), or something else. Loaders use it to say which loader a file needs instead of
 * failing with "malformed HDF5":
 *
 * <pre>{@code
 * FileFormats.detect(Path.of("model.json"));            // JSON
 * Models.load(Path.of("model.json"));
 * // KerasFileException: model.json: this is a JSON model config, not a saved model; use
 * // Models.fromJson(Files.readString(path)) for the architecture (and model.loadWeights(...) for weights).
 * }</pre>
 */
public final class FileFormats {
  /** What a file holds. */
  public enum Format {
    /** A zip archive (a Keras 3 {@code .keras} file, if it holds {@code config.json}). */
    ZIP,
    /** An HDF5 file (a legacy Keras {@code .h5} model or a weights file). */
    HDF5,
    /** JSON text, such as Keras's {@code model.to_json()}. */
    JSON,
    /** YAML text, such as Keras 2's {@code model.to_yaml()}. */
    YAML,
    /** A file of zero bytes. */
    EMPTY,
    /** Anything else. */
    OTHER
  }

  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  /** How far HDF5 user blocks are probed (512, 1024, 2048, … as the HDF5 library does). */
  private static final long MAX_USER_BLOCK = 1L << 20;

  private FileFormats() {}

  /**
   * Returns the format of a file from its first bytes.
   *
   * @throws IOException if the file cannot be read
   */
  public static Format detect(Path path) throws IOException {
    requireNonNull(path, "path");
    long size = Files.size(path);
    if (size == 0) {
      return Format.EMPTY;
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(4096);
    }
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K'
        && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6))) {
      return Format.ZIP;
    }
    if (isHdf5(path, head, size)) {
      return Format.HDF5;
    }
    return textFormat(head);
  }

  private static boolean isHdf5(Path path, byte[] head, long size) throws IOException {
    if (startsWithSignature(head, 0)) {
      return true;
    }
    try (var channel = Files.newByteChannel(path)) {
      for (long offset = 512; offset + HDF5_SIGNATURE.length <= size && offset <= MAX_USER_BLOCK; offset *= 2) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(HDF5_SIGNATURE.length);
        channel.position(offset);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
          // fill
        }
        if (!buffer.hasRemaining() && startsWithSignature(buffer.array(), 0)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWithSignature(byte[] bytes, int offset) {
    if (bytes.length < offset + HDF5_SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < HDF5_SIGNATURE.length; i++) {
      if (bytes[offset + i] != HDF5_SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  private static Format textFormat(byte[] head) {
    String text = new String(head, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == '\uFFFD') {
        return Format.OTHER; // binary
      }
    }
    String t = text.strip();
    if (t.startsWith("{") || t.startsWith("[")) {
      return Format.JSON;
    }
    if (t.startsWith("---") || t.matches("(?s)(#[^\n]*\n\\s*)*[A-Za-z_][A-Za-z0-9_]*:( |\n|\r).*")) {
      return Format.YAML;
    }
    return Format.OTHER;
  }

  /**
   * Checks that a file is one {@code Models.load} can read (a zip archive or HDF5), and otherwise fails with a
   * message naming the loader the file needs. Missing files and folders pass through for the loader to report.
   *
   * @throws KerasFileException if the file is JSON, YAML, empty or of another format
   * @throws IOException if the file cannot be read
   */
  public static void requireSavedModel(Path path) throws IOException {
    requireNonNull(path, "path");
    if (!Files.isRegularFile(path)) {
      return;
    }
    switch (detect(path)) {
      case ZIP, HDF5 -> {
        // the loader checks the layout
      }
      case JSON -> throw new KerasFileException(path, "this is a JSON model config, not a saved model; use"
          + " Models.fromJson(Files.readString(path)) for the architecture (and model.loadWeights(...) for"
          + " weights).");
      case YAML -> throw new KerasFileException(path, "this is a YAML model config, not a saved model; use"
          + " Models.fromYaml(Files.readString(path)) for the architecture (and model.loadWeights(...) for"
          + " weights).");
      case EMPTY -> throw new KerasFileException(path, "the file is empty.");
      case OTHER -> throw new KerasFileException(path, "not a Keras model file: neither a .keras (zip) archive"
          + " nor HDF5 (the file starts with " + hexStart(path) + "). Models.load reads files written by"
          + " model.save(...) in Keras or Keras4J.");
      default -> throw new IllegalStateException();
    }
  }

  private static String hexStart(Path path) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(8);
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : head) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%02x", b & 0xff));
    }
    return sb.toString();
  }
}
