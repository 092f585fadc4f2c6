package io.github.keras4j.data.image;

import java.nio.file.Path;

/**
 * Thrown when an image declares more than twice {@link ImageLimits#maxImagePixels()} pixels, as Pillow's
 * {@code DecompressionBombError}: {@code big.png: Image size (200000000 pixels) exceeds limit of 178956970 pixels,
 * could be decompression bomb DOS attack.} Nothing is decoded or allocated for such a file.
 */
public final class DecompressionBombException extends InvalidImageException {
  private static final long serialVersionUID = 1L;

  private final long pixels;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param path the image file
   * @param pixels the pixel count its header declares
   * @param limit the largest pixel count accepted (twice {@link ImageLimits#maxImagePixels()})
   */
  public DecompressionBombException(Path path, long pixels, long limit) {
    super(path, "Image size (" + pixels + " pixels) exceeds limit of " + limit
        + " pixels, could be decompression bomb DOS attack. If the file is trusted, raise the limit with"
        + " ImageLimits.setMaxImagePixels(...) or -Dkeras4j.maxImagePixels=...");
    this.pixels = pixels;
    this.limit = limit;
  }

  /** Returns the pixel count the image declares. */
  public long pixels() {
    return pixels;
  }

  /** Returns the largest pixel count that was accepted. */
  public long limit() {
    return limit;
  }
}
