package io.github.keras4j.data.image;

import java.nio.file.Path;

/**
 * Internal: a reader for the Netpbm formats that Keras accepts ({@code .ppm}) and the JDK cannot read: P2/P5
 * (gray) and P3/P6 (RGB), plain or binary, any maxval up to 65535. Samples with a maxval other than 255 are scaled
 * to 0..255 ({@code v * 255 / maxval}).
 */
final class Pnm {
  private Pnm() {}

  /** Returns whether the data starts with a PNM magic number this reader handles. */
  static boolean looksLikePnm(byte[] data) {
    return data.length >= 2 && data[0] == 'P' && (data[1] == '2' || data[1] == '3' || data[1] == '5' || data[1] == '6');
  }

  /** Decodes gray files to 1 channel and color files to 3. */
  static RasterImage decode(Path path, byte[] data) throws InvalidImageException {
    char variant = (char) data[1];
    int channels = variant == '2' || variant == '5' ? 1 : 3;
    boolean plain = variant == '2' || variant == '3';
    Cursor cursor = new Cursor(path, data, 2);
    int width = cursor.headerInt("width");
    int height = cursor.headerInt("height");
    int maxval = cursor.headerInt("maxval");
    if (maxval <= 0 || maxval > 65535) {
      throw new InvalidImageException(path, "invalid PNM header (maxval=" + maxval + ", expected 1..65535)");
    }
    ImageLimits.check(path, width, height, channels);
    long count = (long) width * height * channels;
    int bytesPerSample = maxval < 256 ? 1 : 2;
    // Check the data is there before allocating: a 25-byte header may declare gigabytes.
    long available = Math.max(0, data.length - (long) cursor.pos - 1);
    long needed = plain ? 2 * count - 1 : count * bytesPerSample;
    if (needed > available) {
      throw new InvalidImageException(path, "truncated PNM data (the header declares " + width + "x" + height
          + (plain ? ", which needs at least " + needed + " bytes of text samples" : ", " + needed + " bytes of pixels")
          + ", but only " + available + " bytes follow)");
    }
    byte[] out = new byte[(int) count];
    if (plain) {
      for (int i = 0; i < count; i++) {
        out[i] = (byte) scale(cursor.headerInt("sample"), maxval);
      }
    } else {
      int pos = cursor.pos + 1; // exactly one whitespace byte after maxval
      for (int i = 0; i < count; i++) {
        int v = bytesPerSample == 1 ? data[pos + i] & 0xff
            : (data[pos + 2 * i] & 0xff) << 8 | (data[pos + 2 * i + 1] & 0xff);
        out[i] = (byte) scale(v, maxval);
      }
    }
    return new RasterImage(width, height, channels, out);
  }

  private static int scale(int v, int maxval) {
    if (maxval == 255) {
      return Math.min(v, 255);
    }
    return (int) Math.min(255, (long) v * 255 / maxval);
  }

  /** Reads whitespace-separated decimal numbers, skipping {@code #} comments. */
  private static final class Cursor {
    final Path path;
    final byte[] data;
    int pos;

    Cursor(Path path, byte[] data, int pos) {
      this.path = path;
      this.data = data;
      this.pos = pos;
    }

    int headerInt(String what) throws InvalidImageException {
      while (pos < data.length) {
        byte b = data[pos];
        if (b == '#') {
          while (pos < data.length && data[pos] != '\n' && data[pos] != '\r') {
            pos++;
          }
        } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b) {
          pos++;
        } else {
          break;
        }
      }
      long value = 0;
      int start = pos;
      while (pos < data.length && data[pos] >= '0' && data[pos] <= '9' && value <= Integer.MAX_VALUE) {
        value = value * 10 + (data[pos] - '0');
        pos++;
      }
      if (pos == start) {
        throw new InvalidImageException(path, pos >= data.length
            ? "truncated PNM data (the file ends before the " + what + ")"
            : "corrupt PNM data (expected the " + what + " as a number at byte " + pos + ")");
      }
      if (value > Integer.MAX_VALUE) {
        throw new InvalidImageException(path, "corrupt PNM data (" + what + " too large)");
      }
      return (int) value;
    }
  }
}
