package io.github.keras4j.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Internal: an 8-bit image with interleaved channels (1 = PIL's "L", 3 = "RGB", 4 = "RGBA"), rows from the top,
 * the form every decoded file is brought to before resizing. Holds its array without copying.
 */
final class RasterImage {
  final int width;
  final int height;
  final int channels;
  final byte[] data;

  RasterImage(int width, int height, int channels, byte[] data) {
    if (data.length != (long) width * height * channels) {
      throw new IllegalArgumentException(
          "RasterImage: expected " + (long) width * height * channels + " bytes, but got " + data.length + ".");
    }
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.data = data;
  }

  /** Writes the pixels as floats 0..255 into {@code out} from {@code offset}, in (height, width, channels) order. */
  void toFloats(float[] out, int offset) {
    byte[] d = data;
    for (int i = 0; i < d.length; i++) {
      out[offset + i] = d[i] & 0xff;
    }
  }

  /**
   * Returns the image as a {@link BufferedImage}: {@code TYPE_INT_RGB} for 3 channels, {@code TYPE_BYTE_GRAY} for
   * 1, {@code TYPE_INT_ARGB} for 4.
   */
  BufferedImage toBufferedImage() {
    int n = width * height;
    switch (channels) {
      case 1 -> {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(data, 0, dst, 0, n);
        return image;
      }
      case 3 -> {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, j = 0; i < n; i++, j += 3) {
          dst[i] = (data[j] & 0xff) << 16 | (data[j + 1] & 0xff) << 8 | (data[j + 2] & 0xff);
        }
        return image;
      }
      case 4 -> {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, j = 0; i < n; i++, j += 4) {
          dst[i] = (data[j + 3] & 0xff) << 24 | (data[j] & 0xff) << 16 | (data[j + 1] & 0xff) << 8
              | (data[j + 2] & 0xff);
        }
        return image;
      }
      default -> throw new IllegalStateException("RasterImage: unsupported channel count " + channels + ".");
    }
  }
}
