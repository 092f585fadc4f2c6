package io.github.keras4j.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Small images written with ImageIO for the tests. */
final class TestImages {
  private TestImages() {}

  /** Writes an RGB image whose pixel (x, y) is {@code rgb[y][x]} (0xRRGGBB). */
  static Path rgb(Path path, int[][] rgb) throws IOException {
    BufferedImage image = new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rgb.length; y++) {
      for (int x = 0; x < rgb[0].length; x++) {
        image.setRGB(x, y, rgb[y][x]);
      }
    }
    return write(image, path);
  }

  /** Writes a {@code width × height} image of one color. */
  static Path solid(Path path, int width, int height, int rgb) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return write(image, path);
  }

  /** Writes an 8-bit gray image whose pixel (x, y) is {@code gray[y][x]}. */
  static Path gray(Path path, int[][] gray) throws IOException {
    BufferedImage image = new BufferedImage(gray[0].length, gray.length, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < gray.length; y++) {
      for (int x = 0; x < gray[0].length; x++) {
        image.getRaster().setSample(x, y, 0, gray[y][x]);
      }
    }
    return write(image, path);
  }

  static Path write(BufferedImage image, Path path) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    String name = path.getFileName().toString();
    String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    if (format.equals("jpg")) {
      format = "jpeg";
    }
    if (format.equals("tif")) {
      format = "tiff";
    }
    if (!ImageIO.write(image, format, path.toFile())) {
      throw new IOException("no writer for " + format);
    }
    return path;
  }

  /** Returns an array's values in row-major order. */
  static float[] values(FloatNdArray x) {
    float[] v = new float[(int) x.shape().size()];
    x.copyTo(DataBuffers.of(v, false, false));
    return v;
  }
}
