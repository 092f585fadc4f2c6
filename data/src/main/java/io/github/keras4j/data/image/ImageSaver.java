package io.github.keras4j.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Internal: Keras's {@code save_to_dir}: checks the folder when an iterator is made and saves each augmented image as
 * {@code <prefix>_<index>_<hash>.<format>}, min-max scaled to 0..255 as {@code array_to_img(x, scale=True)}.
 */
final class ImageSaver {
  /** The formats {@link FlowOptions#saveFormat(String)} accepts. */
  static final List<String> FORMATS = List.of("png", "jpeg", "jpg", "bmp", "gif", "tif", "tiff");

  private final Path dir;
  private final String prefix;
  private final String format;
  private final int hashBound;

  private ImageSaver(Path dir, String prefix, String format, int hashBound) {
    this.dir = dir;
    this.prefix = prefix;
    this.format = format;
    this.hashBound = hashBound;
  }

  /**
   * Returns a saver for the options, or {@code null} when they save nothing; creates the folder and checks that a
   * file can be written in it.
   *
   * @param hashBound the bound of the random number in file names (Keras: 10⁴ for flow, 10⁷ for directories)
   * @throws IllegalArgumentException if the folder is a file, cannot be created or is not writable
   */
  static ImageSaver create(FlowOptions options, int hashBound) {
    Path dir = options.saveToDir();
    if (dir == null) {
      return null;
    }
    checkNotAFile(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("FlowOptions: saveToDir=" + dir + " cannot be created (" + e
          + "); pass a writable folder.", e);
    }
    try {
      Path probe = Files.createTempFile(dir, ".keras4j-write-test", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new IllegalArgumentException("FlowOptions: saveToDir=" + dir + " is not writable (" + e
          + "); pass a writable folder.", e);
    }
    return new ImageSaver(dir, options.savePrefix(), options.saveFormat(), hashBound);
  }

  /** @throws IllegalArgumentException if {@code dir} exists and is not a folder */
  static void checkNotAFile(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("FlowOptions: saveToDir must be a folder, but saveToDir=" + dir
          + " is a file.");
    }
  }

  /** Returns the format if valid, lower-cased. */
  static String checkFormat(String format) {
    String lower = format == null ? null : format.toLowerCase(Locale.ROOT);
    if (lower == null || !FORMATS.contains(lower)) {
      throw new IllegalArgumentException("FlowOptions: saveFormat must be one of " + String.join(", ", FORMATS)
          + ", but got saveFormat=" + (format == null ? "null" : "'" + format + "'") + ".");
    }
    return lower;
  }

  /** Returns the bound of the random number in file names. */
  int hashBound() {
    return hashBound;
  }

  /**
   * Saves the image stored in {@code x} from {@code offset} as {@code <prefix>_<index>_<hash>.<format>}.
   *
   * @throws IOException if the file cannot be written (the message names it)
   */
  void save(float[] x, int offset, long[] shape, int index, int hash) throws IOException {
    int height = (int) shape[0];
    int width = (int) shape[1];
    int channels = (int) shape[2];
    int size = height * width * channels;
    float min = Float.POSITIVE_INFINITY;
    for (int i = offset; i < offset + size; i++) {
      min = Math.min(min, x[i]);
    }
    float max = 0;
    for (int i = offset; i < offset + size; i++) {
      max = Math.max(max, x[i] - min);
    }
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      float v = x[offset + i] - min; // Keras: x - min(x), then / max(x) (when not 0), then * 255, then uint8
      if (max != 0) {
        v = v / max;
      }
      v = v * 255f;
      data[i] = (byte) (v >= 255f ? 255 : v > 0f ? (int) v : 0);
    }
    Path file = dir.resolve(prefix + "_" + index + "_" + hash + "." + format);
    try {
      ImageUtils.saveImg(file, new RasterImage(width, height, channels, data).toBufferedImage());
    } catch (IOException e) {
      throw new IOException("save_to_dir: cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
