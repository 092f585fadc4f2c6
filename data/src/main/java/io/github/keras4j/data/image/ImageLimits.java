package io.github.keras4j.data.image;

import java.nio.file.Path;

/**
 * The decompression-bomb guard of every image Keras4J decodes, with Pillow's {@code Image.MAX_IMAGE_PIXELS}
 * semantics: an image of more than {@link #maxImagePixels()} pixels (width × height, read from the header before
 * any pixel is decoded) is decoded with a warning, and one of more than twice that is refused with a
 * {@link DecompressionBombException} naming the file, before any pixel memory is allocated.
 *
 * <p>The default is Pillow's, {@code 1024 * 1024 * 1024 / 4 / 3 = 89,478,485} pixels. It can be changed for the
 * whole JVM with the system property {@code keras4j.maxImagePixels} (a positive number, or {@code none}) or at run
 * time:
 *
 * <pre>{@code
 * ImageLimits.setMaxImagePixels(200_000_000L);   // Image.MAX_IMAGE_PIXELS = 200_000_000
 * ImageLimits.disableMaxImagePixels();           // Image.MAX_IMAGE_PIXELS = None (trusted images only)
 * }</pre>
 *
 * <p>Independently of this limit, an image whose pixels cannot fit one Java array (more than about 2^31 bytes) is
 * refused with an {@link InvalidImageException}.
 */
public final class ImageLimits {
  /** Pillow's default {@code MAX_IMAGE_PIXELS}: {@code int(1024 * 1024 * 1024 // 4 // 3)}. */
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 1024L * 1024 * 1024 / 4 / 3;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImageLimits.class);

  /** The limit, or 0 for none. */
  private static volatile long maxImagePixels = initial();

  private ImageLimits() {}

  private static long initial() {
    String property = System.getProperty("keras4j.maxImagePixels");
    if (property == null || property.isBlank()) {
      return DEFAULT_MAX_IMAGE_PIXELS;
    }
    if (property.trim().equalsIgnoreCase("none")) {
      return 0;
    }
    try {
      long value = Long.parseLong(property.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("keras4j.maxImagePixels must be a positive number of pixels or 'none', but"
        + " got '" + property + "'.");
  }

  /**
   * Returns the pixel count above which decoding warns (and above twice which it fails), or
   * {@link Long#MAX_VALUE} when the check is disabled.
   */
  public static long maxImagePixels() {
    long max = maxImagePixels;
    return max == 0 ? Long.MAX_VALUE : max;
  }

  /**
   * Sets the limit for this JVM, as assigning Pillow's {@code Image.MAX_IMAGE_PIXELS}.
   *
   * @param pixels the largest pixel count decoded without a warning (images above twice this fail)
   * @throws IllegalArgumentException if {@code pixels} is not positive
   */
  public static void setMaxImagePixels(long pixels) {
    if (pixels <= 0) {
      throw new IllegalArgumentException("maxImagePixels must be positive, but got " + pixels
          + "; use disableMaxImagePixels() to turn the check off.");
    }
    maxImagePixels = pixels;
  }

  /** Turns the check off, as {@code Image.MAX_IMAGE_PIXELS = None}: only for images from a trusted source. */
  public static void disableMaxImagePixels() {
    maxImagePixels = 0;
  }

  /** Restores Pillow's default limit. */
  public static void resetMaxImagePixels() {
    maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
  }

  /**
   * Pillow's {@code _decompression_bomb_check} for an image whose header declares {@code width × height}, then
   * the check that {@code channels} bytes per pixel fit one Java array.
   *
   * @throws InvalidImageException if a size is not positive, the image is a decompression bomb, or it is too large
   */
  static void check(Path path, long width, long height, int channels) throws InvalidImageException {
    if (width <= 0 || height <= 0) {
      throw new InvalidImageException(path, "the header declares an empty or negative size " + width + "x" + height);
    }
    long max = maxImagePixels;
    // width and height come from 32-bit header fields, so their product cannot overflow a long.
    long pixels = Math.multiplyExact(Math.max(1, width), Math.max(1, height));
    if (max != 0) {
      long twice = max > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * max;
      if (pixels > twice) {
        throw new DecompressionBombException(path, pixels, twice);
      }
      if (pixels > max) {
        LOG.warn(path + ": Image size (" + pixels + " pixels) exceeds limit of " + max
            + " pixels, could be decompression bomb DOS attack.");
      }
    }
    long bytes = pixels * Math.max(channels, 4);
    if (pixels > Integer.MAX_VALUE || bytes > Integer.MAX_VALUE - 16L) {
      throw new InvalidImageException(path, "the image is too large to decode (" + width + "x" + height + " = "
          + pixels + " pixels; a Java array holds at most " + (Integer.MAX_VALUE - 16L) + " bytes)");
    }
  }
}
