package io.github.keras4j.data.image;

import static java.util.Objects.requireNonNull;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's image utilities ({@code keras.preprocessing.image} / {@code keras.utils}): load an image file, convert
 * it to and from a float array, save it, add a batch axis.
 *
 * <pre>{@code
 * BufferedImage img = ImageUtils.loadImg(Path.of("1.png"), 224, 224);
 * FloatNdArray x = ImageUtils.expandDims(ImageUtils.imgToArray(img));   // (1, 224, 224, 3), values 0..255
 * }</pre>
 *
 * <p>Images are {@link BufferedImage}s, as Keras's are PIL images. Loading follows PIL: JPEG, PNG, BMP, GIF, TIFF
 * and WBMP through the JDK's ImageIO, plus binary and plain PPM/PGM; the first frame of an animated GIF; EXIF
 * orientation ignored (as Keras). Pixels are converted as PIL's {@code convert("RGB")} does: gray replicated, alpha
 * dropped, palettes looked up, CMYK by PIL's formula, no color management. One deliberate difference: 16-bit
 * samples are reduced to their high byte, where PIL clips a 16-bit gray image at 255 (Keras then sees white).
 */
public final class ImageUtils {
  private ImageUtils() {}

  /**
   * Loads an image at its own size as 8-bit RGB ({@code TYPE_INT_RGB}), as Keras's {@code load_img(path)}.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws InvalidImageException if the file is not a readable image (corrupt, truncated, unknown format)
   * @throws IOException if the file cannot be read
   */
  public static BufferedImage loadImg(Path path) throws IOException {
    return loadImg(path, "rgb");
  }

  /**
   * Loads an image at its own size in a Keras color mode.
   *
   * @param path the image file
   * @param colorMode {@code "rgb"} ({@code TYPE_INT_RGB}), {@code "grayscale"} ({@code TYPE_BYTE_GRAY}, PIL's L) or
   *     {@code "rgba"} ({@code TYPE_INT_ARGB}, alpha 255 where the file has none)
   * @throws IllegalArgumentException if the color mode is not one of those
   * @throws InvalidImageException if the file is not a readable image
   * @throws IOException if the file is missing or cannot be read
   */
  public static BufferedImage loadImg(Path path, String colorMode) throws IOException {
    requireNonNull(path, "path");
    return ImageDecoder.decode(path, channelsOf(colorMode, "loadImg")).toBufferedImage();
  }

  /**
   * Loads an image as RGB resized to {@code height × width} with "nearest" interpolation, as Keras's
   * {@code load_img(path, target_size=(height, width))}: output pixel {@code (i, j)} is input pixel
   * {@code (floor((i + 0.5) · H / height), floor((j + 0.5) · W / width))}, as PIL's {@code NEAREST}.
   *
   * @throws IllegalArgumentException if {@code height} or {@code width} is not positive
   * @throws InvalidImageException if the file is not a readable image
   * @throws IOException if the file is missing or cannot be read
   */
  public static BufferedImage loadImg(Path path, int height, int width) throws IOException {
    return loadImg(path, height, width, "nearest");
  }

  /**
   * Loads an image as RGB resized to {@code height × width}.
   *
   * @param interpolation PIL's filter by Keras's name: {@code "nearest"} (Keras's default), {@code "bilinear"}
   *     (PIL's BILINEAR: a triangle filter whose support grows with the shrink factor, so shrinking averages over
   *     each output pixel's footprint), {@code "bicubic"}, {@code "lanczos"}, {@code "box"}, {@code "hamming"}
   * @throws IllegalArgumentException if a size is not positive or the interpolation is unknown
   * @throws InvalidImageException if the file is not a readable image
   * @throws IOException if the file is missing or cannot be read
   */
  public static BufferedImage loadImg(Path path, int height, int width, String interpolation) throws IOException {
    return loadImg(path, "rgb", height, width, interpolation);
  }

  /**
   * Loads an image in a color mode, resized to {@code height × width}: Keras's full
   * {@code load_img(path, color_mode=…, target_size=(height, width), interpolation=…)}. The color conversion comes
   * first, then the resize, as in Keras.
   *
   * @param colorMode {@code "rgb"}, {@code "grayscale"} or {@code "rgba"} (see {@link #loadImg(Path, String)})
   * @param interpolation see {@link #loadImg(Path, int, int, String)}
   * @throws IllegalArgumentException if a size is not positive, or the color mode or interpolation is unknown
   * @throws InvalidImageException if the file is not a readable image
   * @throws IOException if the file is missing or cannot be read
   */
  public static BufferedImage loadImg(Path path, String colorMode, int height, int width, String interpolation)
      throws IOException {
    requireNonNull(path, "path");
    int channels = channelsOf(colorMode, "loadImg");
    checkTargetSize(height, width, "loadImg");
    Resampler.Filter filter = Resampler.Filter.of(interpolation, "loadImg");
    RasterImage image = ImageDecoder.decode(path, channels);
    return Resampler.resize(image, height, width, filter).toBufferedImage();
  }

  /**
   * Decodes an image held in memory (the bytes of a JPEG, PNG, … file, e.g. a row of Spark's {@code binaryFile}
   * source) and resizes it, as {@link #loadImg(Path, String, int, int, String)} does for a file.
   *
   * @param bytes the whole image file
   * @param name names the image in error messages (its path or URI)
   * @throws InvalidImageException if the bytes are not a readable image
   */
  public static BufferedImage loadImg(
      byte[] bytes, String name, String colorMode, int height, int width, String interpolation) throws IOException {
    requireNonNull(bytes, "bytes");
    requireNonNull(name, "name");
    int channels = channelsOf(colorMode, "loadImg");
    checkTargetSize(height, width, "loadImg");
    Resampler.Filter filter = Resampler.Filter.of(interpolation, "loadImg");
    Path label;
    try {
      label = Path.of(name);
    } catch (java.nio.file.InvalidPathException e) {
      label = Path.of(name.replaceAll("[^A-Za-z0-9._/-]", "_"));
    }
    RasterImage image = ImageDecoder.decode(label, bytes, channels);
    return Resampler.resize(image, height, width, filter).toBufferedImage();
  }

  /**
   * Crops an image to the aspect ratio of {@code height × width}, centered, and resizes the crop to that size, as
   * Pillow's {@code ImageOps.fit(image, (width, height), method)} (centering 0.5, no bleed) — the preprocessing of
   * Google Teachable Machine's Keras snippet, {@code ImageOps.fit(image, (224, 224), Image.Resampling.LANCZOS)}.
   *
   * <p>With {@code r = width / height}, the crop box is the largest centered box of aspect ratio {@code r}: for an
   * image wider than {@code r} ({@code W / H > r}) it is {@code r·H} wide and {@code H} tall from left
   * {@code (W − r·H) / 2}; for a taller one {@code W} wide and {@code W / r} tall from top {@code (H − W / r) / 2}.
   * The box is fractional and is handed to the resize filter as PIL does, so pixels
   * just outside the box still contribute to the edge pixels; the result matches Pillow's bit for bit. The image
   * keeps its channels (gray, RGB or RGBA as {@link #loadImg(Path, String)} returns them; RGBA is filtered with
   * premultiplied alpha, as PIL).
   *
   * <pre>{@code
   * BufferedImage img = ImageUtils.fit(ImageUtils.loadImg(Path.of("cat.jpg")), 224, 224, "lanczos");
   * }</pre>
   *
   * @param interpolation a convolution filter by Keras's name: {@code "bilinear"}, {@code "bicubic"} (Pillow's
   *     default for {@code fit}), {@code "lanczos"}, {@code "box"}, {@code "hamming"}
   * @throws IllegalArgumentException if a size is not positive, or the interpolation is unknown or
   *     {@code "nearest"}
   */
  public static BufferedImage fit(BufferedImage image, int height, int width, String interpolation) {
    requireNonNull(image, "image");
    checkTargetSize(height, width, "fit");
    Resampler.Filter filter = Resampler.Filter.of(interpolation, "fit");
    if (filter == Resampler.Filter.NEAREST) {
      throw new IllegalArgumentException("fit: interpolation='nearest' is not supported (Pillow's fit resizes a"
          + " fractional crop box, which needs a filter); use 'lanczos', 'bicubic', 'bilinear', 'box' or 'hamming'.");
    }
    RasterImage raster = ImageDecoder.fromImage(image, ImageDecoder.naturalChannels(image));
    double[] box = fitBox(raster.width, raster.height, height, width);
    if (raster.width == width && raster.height == height && box[0] == 0 && box[1] == 0 && box[2] == width
        && box[3] == height) {
      return raster.toBufferedImage();
    }
    return Resampler.resizeBox(raster, height, width, filter, box).toBufferedImage();
  }

  /**
   * Returns Pillow's {@code ImageOps.fit} crop box {@code (left, top, right, bottom)} in fractional pixels for an
   * {@code imageWidth × imageHeight} image and a {@code height × width} output: the largest centered box of the
   * output's aspect ratio. With {@code r = width / height}: if the image is wider ({@code W / H > r}) the box is
   * {@code r·H} wide and {@code H} tall, left {@code (W − r·H) / 2}; if taller, {@code W} wide and {@code W / r}
   * tall, top {@code (H − W / r) / 2}; computed in doubles in Pillow's order.
   */
  static double[] fitBox(int imageWidth, int imageHeight, int height, int width) {
    double liveW = imageWidth;
    double liveH = imageHeight;
    double liveRatio = liveW / liveH;
    double outputRatio = (double) width / height;
    double cropW;
    double cropH;
    if (liveRatio == outputRatio) {
      cropW = liveW;
      cropH = liveH;
    } else if (liveRatio >= outputRatio) {
      cropW = outputRatio * liveH;
      cropH = liveH;
    } else {
      cropW = liveW;
      cropH = liveW / outputRatio;
    }
    double left = (liveW - cropW) * 0.5;
    double top = (liveH - cropH) * 0.5;
    return new double[] {left, top, left + cropW, top + cropH};
  }

  /**
   * Returns the pixels of an image as floats 0..255 of shape {@code (height, width, channels)}, as Keras's
   * {@code img_to_array}: 3 channels (R, G, B) for color images, 4 (R, G, B, A) for images with alpha, 1 for gray
   * images. Samples are taken as stored (see the class notes on 16-bit images).
   */
  public static FloatNdArray imgToArray(BufferedImage img) {
    requireNonNull(img, "img");
    RasterImage raster = ImageDecoder.fromImage(img, ImageDecoder.naturalChannels(img));
    float[] values = new float[raster.data.length];
    raster.toFloats(values, 0);
    return NdArrays.wrap(Shape.of(raster.height, raster.width, raster.channels), DataBuffers.of(values, false, false));
  }

  /**
   * Converts a {@code (height, width, channels)} array back to an image with Keras's default {@code scale=True}:
   * the values are shifted and stretched so that their minimum becomes 0 and their maximum 255.
   *
   * @see #arrayToImg(FloatNdArray, boolean)
   */
  public static BufferedImage arrayToImg(FloatNdArray x) {
    return arrayToImg(x, true);
  }

  /**
   * Converts a {@code (height, width, channels)} array to an image, as Keras's {@code array_to_img(x, scale=…)}:
   * 3 channels give {@code TYPE_INT_RGB}, 4 give {@code TYPE_INT_ARGB}, 1 gives {@code TYPE_BYTE_GRAY}. With
   * {@code scale}, {@code x − min(x)} is divided by its maximum (when not 0) and multiplied by 255; the values are
   * then clipped to 0..255 and truncated to integers (Keras's {@code astype("uint8")}, which would wrap instead of
   * clipping).
   *
   * @throws IllegalArgumentException if {@code x} is not of rank 3 with 1, 3 or 4 channels
   */
  public static BufferedImage arrayToImg(FloatNdArray x, boolean scale) {
    requireNonNull(x, "x");
    Shape shape = x.shape();
    if (shape.numDimensions() != 3) {
      throw new IllegalArgumentException("arrayToImg: expected an image array of rank 3 (height, width, channels),"
          + " but got an array of shape " + shapeString(shape) + ".");
    }
    int height = Math.toIntExact(shape.get(0));
    int width = Math.toIntExact(shape.get(1));
    int channels = Math.toIntExact(shape.get(2));
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("arrayToImg: unsupported channel number " + channels + " in shape "
          + shapeString(shape) + "; expected 1 (gray), 3 (RGB) or 4 (RGBA).");
    }
    float[] values = toArray(x);
    float offset = 0;
    float max = 0;
    if (scale && values.length > 0) {
      float min = Float.POSITIVE_INFINITY;
      for (float v : values) {
        min = Math.min(min, v);
      }
      max = Float.NEGATIVE_INFINITY;
      for (float v : values) {
        max = Math.max(max, v - min);
      }
      offset = min;
    }
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      // Keras's order of operations, in float32: (x - min) / max, then * 255.
      float v = values[i];
      if (scale) {
        v -= offset;
        if (max != 0) {
          v /= max;
        }
        v *= 255f;
      }
      data[i] = (byte) (v >= 255f ? 255 : v > 0f ? (int) v : 0);
    }
    return new RasterImage(width, height, channels, data).toBufferedImage();
  }

  /**
   * Saves an array as an image file, as Keras's {@code save_img(path, x)} (with {@code scale=True}, see
   * {@link #arrayToImg(FloatNdArray)}).
   *
   * @see #saveImg(Path, BufferedImage)
   */
  public static void saveImg(Path path, FloatNdArray x) throws IOException {
    saveImg(path, arrayToImg(x, true));
  }

  /**
   * Saves an image; the format comes from the extension: {@code .png}, {@code .jpg}/{@code .jpeg}, {@code .bmp},
   * {@code .gif}, {@code .tif}/{@code .tiff}. As Keras, alpha is dropped for JPEG (and BMP). Missing parent folders
   * are created, and the file is written atomically: to a temporary file beside it, then moved over it.
   *
   * @throws IllegalArgumentException if the extension is not one of those
   * @throws IOException if the file cannot be written
   */
  public static void saveImg(Path path, BufferedImage img) throws IOException {
    requireNonNull(path, "path");
    requireNonNull(img, "img");
    String format = formatOf(path);
    BufferedImage toWrite = img;
    if ((format.equals("jpeg") || format.equals("bmp")) && (img.getColorModel().hasAlpha()
        || img.getType() == BufferedImage.TYPE_CUSTOM)) {
      toWrite = ImageDecoder.fromImage(img, ImageDecoder.naturalChannels(img) == 1 ? 1 : 3).toBufferedImage();
    }
    Path target = path.toAbsolutePath();
    Path folder = target.getParent();
    Files.createDirectories(folder);
    if (Files.isDirectory(target)) {
      throw new IOException(path + ": is a folder; pass the path of an image file, such as "
          + path.resolve("image.png") + ".");
    }
    BufferedImage image = toWrite;
    io.github.keras4j.saving.AtomicFiles.write(target, temp -> {
      if (!ImageIO.write(image, format, temp.toFile())) {
        throw new IOException(path + ": this Java runtime has no " + format.toUpperCase(Locale.ROOT)
            + " writer for an image of this type.");
      }
    });
  }

  /**
   * Returns the array with a leading batch axis of size 1, as {@code np.expand_dims(x, axis=0)}: an image
   * {@code (h, w, c)} becomes {@code (1, h, w, c)}. The values are copied.
   */
  public static FloatNdArray expandDims(FloatNdArray x) {
    requireNonNull(x, "x");
    long[] dims = x.shape().asArray();
    long[] expanded = new long[dims.length + 1];
    expanded[0] = 1;
    System.arraycopy(dims, 0, expanded, 1, dims.length);
    return NdArrays.wrap(Shape.of(expanded), DataBuffers.of(toArray(x), false, false));
  }

  // ------------------------------------------------------------------------------------------------ helpers

  /** Copies an array's values in row-major order. */
  static float[] toArray(FloatNdArray x) {
    long size = x.shape().size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("array too large: shape " + shapeString(x.shape()));
    }
    float[] values = new float[(int) size];
    x.copyTo(DataBuffers.of(values, false, false));
    return values;
  }

  /** Returns the channel count of a Keras color mode. */
  static int channelsOf(String colorMode, String who) {
    if ("rgb".equals(colorMode)) {
      return 3;
    }
    if ("grayscale".equals(colorMode)) {
      return 1;
    }
    if ("rgba".equals(colorMode)) {
      return 4;
    }
    throw new IllegalArgumentException(who + ": colorMode must be one of 'rgb', 'rgba', 'grayscale', but got colorMode="
        + (colorMode == null ? "null" : "'" + colorMode + "'") + ".");
  }

  static void checkTargetSize(int height, int width, String who) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(who + ": the target size must be positive, but got height=" + height
          + ", width=" + width + ".");
    }
  }

  static String shapeString(Shape shape) {
    return Arrays.toString(shape.asArray()).replace('[', '(').replace(']', ')');
  }

  private static String formatOf(Path path) {
    Path name = path.getFileName();
    String file = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    int dot = file.lastIndexOf('.');
    String ext = dot < 0 ? "" : file.substring(dot + 1);
    return switch (ext) {
      case "png" -> "png";
      case "jpg", "jpeg" -> "jpeg";
      case "bmp" -> "bmp";
      case "gif" -> "gif";
      case "tif", "tiff" -> "tiff";
      default -> throw new IllegalArgumentException("saveImg: cannot tell the image format from the name '" + file
          + "'; use one of the extensions .png, .jpg, .jpeg, .bmp, .gif, .tif, .tiff.");
    };
  }
}
