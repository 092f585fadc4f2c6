package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and corrupt images: headers that declare huge or negative sizes, Pillow's decompression-bomb limit, and
 * hundreds of truncated and bit-flipped files of every format end in an {@link InvalidImageException} naming the
 * file, never another exception, a huge allocation or a hang.
 */
class ImageHardeningTest {
  @TempDir Path dir;

  @AfterEach
  void resetLimit() {
    ImageLimits.resetMaxImagePixels();
  }

  private static byte[] encode(String format, int width, int height, int type) throws IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height, type);
    SplittableRandom random = new SplittableRandom(width * 31L + height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt() | 0xff000000);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!javax.imageio.ImageIO.write(image, format, out)) {
      throw new IOException("no writer for " + format);
    }
    return out.toByteArray();
  }

  private static byte[] ppm(int width, int height) {
    byte[] header = ("P6\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = Arrays.copyOf(header, header.length + width * height * 3);
    for (int i = header.length; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    return bytes;
  }

  /** A PNG whose IHDR declares {@code width × height} (CRC fixed, so only the size is hostile). */
  private static byte[] pngDeclaring(int width, int height) throws IOException {
    byte[] png = encode("png", 4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
    ByteBuffer b = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
    b.putInt(16, width).putInt(20, height);
    CRC32 crc = new CRC32();
    crc.update(png, 12, 17);
    b.putInt(29, (int) crc.getValue());
    return png;
  }

  private static byte[] bmpDeclaring(int width, int height) throws IOException {
    byte[] bmp = encode("bmp", 4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
    ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
    return bmp;
  }

  private static byte[] jpegDeclaring(int width, int height) throws IOException {
    byte[] jpg = encode("jpeg", 8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int i = 2; i + 8 < jpg.length; i++) {
      if ((jpg[i] & 0xff) == 0xff && (jpg[i + 1] & 0xff) == 0xc0) {
        ByteBuffer.wrap(jpg).order(ByteOrder.BIG_ENDIAN).putShort(i + 5, (short) height).putShort(i + 7, (short) width);
        return jpg;
      }
    }
    throw new IllegalStateException("no SOF0 marker");
  }

  private static byte[] gifDeclaring(int width, int height) throws IOException {
    byte[] gif = encode("gif", 4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
    ByteBuffer b = ByteBuffer.wrap(gif).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(6, (short) width).putShort(8, (short) height);
    for (int i = 13; i + 9 < gif.length; i++) {
      if (gif[i] == 0x2c) { // image descriptor
        b.putShort(i + 5, (short) width).putShort(i + 7, (short) height);
        break;
      }
    }
    return gif;
  }

  private Path file(String name, byte[] bytes) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, bytes);
    return path;
  }

  @ParameterizedTest
  @ValueSource(strings = {"P5\n46000 46000\n255\n", "P6\n65535 65535\n255\n", "P5\n2147483647 2147483647\n65535\n",
      "P3\n99999 99999\n255\n"})
  @Timeout(10)
  void aShortPnmHeaderDeclaringGigabytesIsRefusedWithoutAllocating(String header) throws IOException {
    Path path = file("bomb.ppm", header.getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> ImageUtils.loadImg(path))
        .isInstanceOf(DecompressionBombException.class)
        .hasMessageStartingWith(path.toString())
        .hasMessageContaining("exceeds limit of 178956970 pixels, could be decompression bomb DOS attack");
  }

  @Test
  void aPnmHeaderUnderTheLimitWithMissingDataIsTruncated() throws IOException {
    Path path = file("short.ppm", "P6\n9000 9000\n255\n".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> ImageUtils.loadImg(path))
        .isExactlyInstanceOf(InvalidImageException.class)
        .hasMessageContaining("short.ppm").hasMessageContaining("truncated PNM data");
  }

  @Test
  void hugeDeclaredSizesInEveryFormatAreRefusedNamingTheFile() throws IOException {
    List<Path> files = List.of(
        file("huge.png", pngDeclaring(100_000, 100_000)),
        file("negative.png", pngDeclaring(-5, 10)),
        file("huge.bmp", bmpDeclaring(1 << 20, 1 << 20)),
        file("negative.bmp", bmpDeclaring(-70_000, 70_000)),
        file("huge.jpg", jpegDeclaring(65_535, 65_535)),
        file("huge.gif", gifDeclaring(65_535, 65_535)));
    for (Path path : files) {
      assertThatThrownBy(() -> ImageUtils.loadImg(path)).as(path.getFileName().toString())
          .isInstanceOf(InvalidImageException.class)
          .hasMessageStartingWith(path.toString());
    }
  }

  @Test
  void theLimitFollowsPillowWarnAboveItFailAboveTwice() throws IOException {
    Path twelve = file("twelve.png", encode("png", 12, 12, java.awt.image.BufferedImage.TYPE_INT_RGB));
    Path fifteen = file("fifteen.png", encode("png", 15, 15, java.awt.image.BufferedImage.TYPE_INT_RGB));
    ImageLimits.setMaxImagePixels(100);
    // 144 pixels: above the limit, under twice: decoded (with a warning), as Pillow.
    assertThat(ImageUtils.loadImg(twelve).getWidth()).isEqualTo(12);
    // 225 pixels > 200: refused.
    assertThatThrownBy(() -> ImageUtils.loadImg(fifteen))
        .isInstanceOf(DecompressionBombException.class)
        .hasMessageContaining("Image size (225 pixels) exceeds limit of 200 pixels");
    ImageLimits.disableMaxImagePixels();
    assertThat(ImageLimits.maxImagePixels()).isEqualTo(Long.MAX_VALUE);
    assertThat(ImageUtils.loadImg(fifteen).getWidth()).isEqualTo(15);
    assertThatThrownBy(() -> ImageLimits.setMaxImagePixels(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disableMaxImagePixels");
    ImageLimits.resetMaxImagePixels();
    assertThat(ImageLimits.maxImagePixels()).isEqualTo(89_478_485L);
  }

  @Test
  @Timeout(value = 120)
  void hundredsOfCorruptImagesEndInAnInvalidImageException() throws IOException {
    List<String[]> formats = List.of(new String[] {"png", "png"}, new String[] {"jpeg", "jpg"},
        new String[] {"bmp", "bmp"}, new String[] {"gif", "gif"}, new String[] {"tiff", "tif"},
        new String[] {"ppm", "ppm"});
    List<String> failures = new ArrayList<>();
    int cases = 0;
    int rejected = 0;
    for (String[] format : formats) {
      byte[] original = format[0].equals("ppm") ? ppm(16, 12)
          : encode(format[0], 16, 12, java.awt.image.BufferedImage.TYPE_INT_RGB);
      for (int c = 0; c < 60; c++) {
        long seed = format[1].hashCode() * 1000L + c;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes;
        if (c % 3 == 0) {
          bytes = Arrays.copyOf(original, random.nextInt(original.length));
        } else {
          bytes = original.clone();
          int flips = 1 + random.nextInt(6);
          for (int f = 0; f < flips; f++) {
            // mostly in the header, where sizes live
            int pos = random.nextBoolean() ? random.nextInt(Math.min(64, bytes.length)) : random.nextInt(bytes.length);
            bytes[pos] = random.nextInt(4) == 0 ? (byte) 0xff : (byte) (bytes[pos] ^ (1 << random.nextInt(8)));
          }
        }
        cases++;
        Path path = file("case-" + c + "." + format[1], bytes);
        long start = System.nanoTime();
        try {
          java.awt.image.BufferedImage image = ImageUtils.loadImg(path);
          assertThat(image.getWidth() * (long) image.getHeight()).isLessThanOrEqualTo(2 * ImageLimits.maxImagePixels());
        } catch (InvalidImageException expected) {
          rejected++;
          if (!expected.getMessage().startsWith(path.toString())) {
            failures.add(format[1] + " seed " + seed + ": message does not name the file: " + expected.getMessage());
          }
        } catch (Throwable t) {
          StringWriter trace = new StringWriter();
          t.printStackTrace(new PrintWriter(trace));
          failures.add(format[1] + " seed " + seed + ": " + trace.toString().lines().limit(6)
              .reduce((a, b) -> a + "\n" + b).orElse(""));
        }
        if (Duration.ofNanos(System.nanoTime() - start).toSeconds() > 5) {
          failures.add(format[1] + " seed " + seed + ": took over 5 s");
        }
        Files.delete(path);
      }
    }
    assertThat(failures).as("of %d cases", cases).isEmpty();
    assertThat(cases).isEqualTo(360);
    assertThat(rejected).isGreaterThan(100);
  }
}
