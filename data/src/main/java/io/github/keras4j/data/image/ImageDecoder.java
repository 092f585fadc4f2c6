package io.github.keras4j.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Internal: decodes an image file into 8-bit L, RGB or RGBA pixels as PIL's {@code Image.open(...).convert(mode)}
 * does, which is what Keras's {@code load_img} gives.
 *
 * <p>Samples are taken from the raster as stored, without color management (PIL ignores embedded ICC profiles and
 * the JDK's gray color space is linear, so {@code BufferedImage.getRGB} would brighten gray images). Conversions
 * use PIL's integer formulas: L = (19595 R + 38470 G + 7471 B + 32768) >> 16; CMYK → RGB as
 * {@code 255 − K − C·(255 − K)/255} per channel; alpha is dropped for RGB and L, and is 255 where the file has
 * none. 16-bit samples keep their high byte, fewer than 8 bits are stretched to 0..255.
 */
final class ImageDecoder {
  /** The formats this runtime is expected to read, for messages. */
  static final String READABLE = "JPEG, PNG, BMP, GIF, TIFF, WBMP, PPM/PGM";

  private ImageDecoder() {}

  /**
   * Reads {@code path} into pixels with {@code channels} channels (1, 3 or 4). Every malformed file ends in an
   * {@link InvalidImageException} naming it: sizes are checked against {@link ImageLimits} from the header before
   * any pixel is decoded, and whatever a JDK reader throws on hostile data (runtime exceptions, an
   * {@link OutOfMemoryError} from a declared size) is reported as such.
   */
  static RasterImage decode(Path path, int channels) throws IOException {
    return decode(path, readBytes(path), channels);
  }

  /**
   * Decodes the bytes of an image file held in memory; {@code path} names the image in messages. Malformed data
   * ends in an {@link InvalidImageException}, as for {@link #decode(Path, int)}.
   */
  static RasterImage decode(Path path, byte[] bytes, int channels) throws IOException {
    try {
      return decodeBytes(path, bytes, channels);
    } catch (InvalidImageException e) {
      throw e;
    } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
      throw new InvalidImageException(path, "corrupt image data (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  private static RasterImage decodeBytes(Path path, byte[] bytes, int channels) throws IOException {
    if (bytes.length == 0) {
      throw new InvalidImageException(path, "the file is empty (0 bytes), not an image");
    }
    if (Pnm.looksLikePnm(bytes)) {
      return convertChannels(Pnm.decode(path, bytes), channels);
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new InvalidImageException(path,
            "not an image in a format this Java runtime can read (" + READABLE + "); the data starts with "
                + hexStart(bytes));
      }
      ImageReader reader = readers.next();
      String format = reader.getFormatName().toUpperCase(Locale.ROOT);
      List<String> warnings = new ArrayList<>();
      try {
        reader.setInput(in, true, true);
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
          ImageLimits.check(path, reader.getWidth(0), reader.getHeight(0), channels);
          image = reader.read(0);
        } catch (IIOException e) {
          if (String.valueOf(e.getMessage()).contains("Unsupported Image Type")) {
            return decodeRaster(path, bytes, format, channels);
          }
          throw new InvalidImageException(path, "corrupt or truncated " + format + " data (" + e.getMessage() + ")", e);
        } catch (InvalidImageException e) {
          throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
          throw new InvalidImageException(path, "corrupt or truncated " + format + " data (" + e + ")", e);
        }
        for (String warning : warnings) {
          if (warning.contains("Truncated File") || warning.contains("Premature end of JPEG file")) {
            throw new InvalidImageException(path, "truncated " + format + " data (" + warning + ")");
          }
        }
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
          throw new InvalidImageException(path, "the " + format + " file holds no image");
        }
        return fromImage(image, channels);
      } finally {
        reader.dispose();
      }
    }
  }

  private static byte[] readBytes(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new InvalidImageException(path, "is a folder, not an image file");
    }
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "no such image file");
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(path.toString(), null, "the image file cannot be read (permission denied)");
    }
  }

  private static String hexStart(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(8, bytes.length); i++) {
      sb.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
      if (i + 1 < Math.min(8, bytes.length)) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  /** Reads the raw samples of a JPEG whose color type ImageIO cannot convert (such as some CMYK/YCCK files). */
  private static RasterImage decodeRaster(Path path, byte[] bytes, String format, int channels) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in, true, true);
        ImageLimits.check(path, reader.getWidth(0), reader.getHeight(0), Math.max(4, channels));
        Raster raster = reader.readRaster(0, null);
        Kind kind = switch (raster.getNumBands()) {
          case 1 -> Kind.GRAY;
          case 3 -> Kind.RGB;
          case 4 -> Kind.CMYK;
          default -> throw new InvalidImageException(path,
              "unsupported " + format + " color layout with " + raster.getNumBands() + " channels");
        };
        return fromRaster(raster, kind, null, channels);
      } catch (IOException | RuntimeException e) {
        if (e instanceof InvalidImageException invalid) {
          throw invalid;
        }
        throw new InvalidImageException(path, "unsupported or corrupt " + format + " data (" + e.getMessage() + ")", e);
      } finally {
        reader.dispose();
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ conversions

  /** How the bands of a raster are to be read. */
  private enum Kind { GRAY, GRAY_ALPHA, RGB, RGBA, CMYK, INDEXED }

  /** Returns the channel count {@code imgToArray} gives for an image: 1 for gray, 4 with alpha, else 3. */
  static int naturalChannels(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    if (cm.hasAlpha()) {
      return 4;
    }
    if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      return 1;
    }
    return 3;
  }

  /** Converts a decoded image into {@code channels} 8-bit channels. */
  static RasterImage fromImage(BufferedImage image, int channels) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && channels == 3) {
      RasterImage fast = fromBgrBytes(raster);
      if (fast != null) {
        return fast;
      }
    }
    int transfer = raster.getTransferType();
    boolean integral = transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT
        || transfer == DataBuffer.TYPE_SHORT || transfer == DataBuffer.TYPE_INT;
    Kind kind = integral && !cm.isAlphaPremultiplied() ? kindOf(cm) : null;
    if (kind == null) {
      return fromArgb(image, channels);
    }
    return fromRaster(raster, kind, kind == Kind.INDEXED ? (IndexColorModel) cm : null, channels);
  }

  private static Kind kindOf(ColorModel cm) {
    if (cm instanceof IndexColorModel) {
      return Kind.INDEXED;
    }
    if (!(cm instanceof ComponentColorModel) && !(cm instanceof DirectColorModel)) {
      return null;
    }
    int colors = cm.getNumColorComponents();
    boolean alpha = cm.hasAlpha();
    switch (cm.getColorSpace().getType()) {
      case ColorSpace.TYPE_GRAY:
        return colors == 1 ? (alpha ? Kind.GRAY_ALPHA : Kind.GRAY) : null;
      case ColorSpace.TYPE_RGB:
        return colors == 3 ? (alpha ? Kind.RGBA : Kind.RGB) : null;
      case ColorSpace.TYPE_CMYK:
        return colors == 4 ? Kind.CMYK : null;
      default:
        return null;
    }
  }

  /** The common JPEG case: interleaved B, G, R bytes. */
  private static RasterImage fromBgrBytes(Raster raster) {
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || !(raster.getSampleModel() instanceof ComponentSampleModel sm) || buffer.getNumBanks() != 1) {
      return null;
    }
    int[] offsets = sm.getBandOffsets();
    int pixelStride = sm.getPixelStride();
    int scanline = sm.getScanlineStride();
    int w = raster.getWidth();
    int h = raster.getHeight();
    byte[] src = buffer.getData();
    int base = buffer.getOffset() + (raster.getMinX() - raster.getSampleModelTranslateX()) * pixelStride
        + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline;
    byte[] out = new byte[w * h * 3];
    int o = 0;
    for (int y = 0; y < h; y++) {
      int p = base + y * scanline;
      for (int x = 0; x < w; x++, p += pixelStride) {
        out[o++] = src[p + offsets[0]];
        out[o++] = src[p + offsets[1]];
        out[o++] = src[p + offsets[2]];
      }
    }
    return new RasterImage(w, h, 3, out);
  }

  /** Any integral raster, band by band, with each band's bit depth brought to 8 bits. */
  private static RasterImage fromRaster(Raster raster, Kind kind, IndexColorModel palette, int channels) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    SampleModel sm = raster.getSampleModel();
    int[] bits = new int[bands];
    for (int b = 0; b < bands; b++) {
      bits[b] = sm.getSampleSize(b);
    }
    int[] argbPalette = null;
    if (palette != null) {
      argbPalette = new int[palette.getMapSize()];
      palette.getRGBs(argbPalette);
    }
    byte[] out = new byte[w * h * channels];
    int[] row = new int[w * bands];
    int fastIntRgb = packedIntRgb(raster);
    int o = 0;
    for (int y = 0; y < h; y++) {
      if (fastIntRgb != 0) {
        unpackIntRow(raster, y, row, fastIntRgb == 2);
      } else {
        raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
      }
      for (int x = 0, p = 0; x < w; x++, p += bands) {
        int r;
        int g;
        int b;
        int a = 255;
        switch (kind) {
          case GRAY -> r = g = b = to8(row[p], bits[0]);
          case GRAY_ALPHA -> {
            r = g = b = to8(row[p], bits[0]);
            a = to8(row[p + 1], bits[1]);
          }
          case RGB, RGBA -> {
            r = to8(row[p], bits[0]);
            g = to8(row[p + 1], bits[1]);
            b = to8(row[p + 2], bits[2]);
            if (kind == Kind.RGBA) {
              a = to8(row[p + 3], bits[3]);
            }
          }
          case CMYK -> {
            int k = 255 - to8(row[p + 3], bits[3]);
            r = clip8(k - mulDiv255(to8(row[p], bits[0]), k));
            g = clip8(k - mulDiv255(to8(row[p + 1], bits[1]), k));
            b = clip8(k - mulDiv255(to8(row[p + 2], bits[2]), k));
          }
          case INDEXED -> {
            int index = row[p];
            int argb = index >= 0 && index < argbPalette.length ? argbPalette[index] : 0;
            a = palette.hasAlpha() ? argb >>> 24 : 255;
            r = (argb >> 16) & 0xff;
            g = (argb >> 8) & 0xff;
            b = argb & 0xff;
          }
          default -> throw new IllegalStateException(kind.toString());
        }
        o = emit(out, o, channels, r, g, b, a);
      }
    }
    return new RasterImage(w, h, channels, out);
  }

  /** Returns 1 for a plain TYPE_INT_RGB-style raster, 2 for TYPE_INT_ARGB-style, 0 otherwise. */
  private static int packedIntRgb(Raster raster) {
    if (!(raster.getDataBuffer() instanceof DataBufferInt buffer) || buffer.getNumBanks() != 1
        || !(raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm)) {
      return 0;
    }
    int[] masks = sm.getBitMasks();
    if (masks.length >= 3 && masks[0] == 0xff0000 && masks[1] == 0xff00 && masks[2] == 0xff) {
      if (masks.length == 3) {
        return 1;
      }
      return masks.length == 4 && masks[3] == 0xff000000 ? 2 : 0;
    }
    return 0;
  }

  private static void unpackIntRow(Raster raster, int y, int[] row, boolean alpha) {
    DataBufferInt buffer = (DataBufferInt) raster.getDataBuffer();
    SinglePixelPackedSampleModel sm = (SinglePixelPackedSampleModel) raster.getSampleModel();
    int[] src = buffer.getData();
    int scanline = sm.getScanlineStride();
    int start = buffer.getOffset() + (raster.getMinX() - raster.getSampleModelTranslateX())
        + (raster.getMinY() + y - raster.getSampleModelTranslateY()) * scanline;
    int w = raster.getWidth();
    for (int x = 0, p = 0; x < w; x++) {
      int v = src[start + x];
      row[p++] = (v >> 16) & 0xff;
      row[p++] = (v >> 8) & 0xff;
      row[p++] = v & 0xff;
      if (alpha) {
        row[p++] = v >>> 24;
      }
    }
  }

  /** Anything else (floating-point samples, premultiplied alpha, unusual color spaces): through sRGB. */
  private static RasterImage fromArgb(BufferedImage image, int channels) {
    int w = image.getWidth();
    int h = image.getHeight();
    boolean alpha = image.getColorModel().hasAlpha();
    byte[] out = new byte[w * h * channels];
    int[] row = new int[w];
    int o = 0;
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        o = emit(out, o, channels, (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff, alpha ? argb >>> 24 : 255);
      }
    }
    return new RasterImage(w, h, channels, out);
  }

  /** Converts 8-bit pixels to another channel count (1, 3 or 4) as PIL's {@code convert}. */
  static RasterImage convertChannels(RasterImage image, int channels) {
    if (image.channels == channels) {
      return image;
    }
    int n = image.width * image.height;
    int c = image.channels;
    byte[] in = image.data;
    byte[] out = new byte[n * channels];
    int o = 0;
    for (int i = 0, p = 0; i < n; i++, p += c) {
      int r = in[p] & 0xff;
      int g = c >= 3 ? in[p + 1] & 0xff : r;
      int b = c >= 3 ? in[p + 2] & 0xff : r;
      int a = c == 4 ? in[p + 3] & 0xff : 255;
      o = emit(out, o, channels, r, g, b, a);
    }
    return new RasterImage(image.width, image.height, channels, out);
  }

  private static int emit(byte[] out, int o, int channels, int r, int g, int b, int a) {
    switch (channels) {
      case 1 -> out[o++] = (byte) luma(r, g, b);
      case 3 -> {
        out[o++] = (byte) r;
        out[o++] = (byte) g;
        out[o++] = (byte) b;
      }
      case 4 -> {
        out[o++] = (byte) r;
        out[o++] = (byte) g;
        out[o++] = (byte) b;
        out[o++] = (byte) a;
      }
      default -> throw new IllegalArgumentException("channels must be 1, 3 or 4, but got " + channels + ".");
    }
    return o;
  }

  /** PIL's ITU-R 601-2 luma transform in integers ({@code L24} in {@code Convert.c}). */
  static int luma(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }

  private static int to8(int value, int bits) {
    if (bits == 8) {
      return value & 0xff;
    }
    if (bits > 8) {
      return (value >>> (bits - 8)) & 0xff;
    }
    return value * 255 / ((1 << bits) - 1);
  }

  private static int mulDiv255(int a, int b) {
    int tmp = a * b + 128;
    return ((tmp >> 8) + tmp) >> 8;
  }

  private static int clip8(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
