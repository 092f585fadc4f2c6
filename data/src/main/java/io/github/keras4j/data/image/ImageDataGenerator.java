package io.github.keras4j.data.image;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;

/**
 * Keras's {@code ImageDataGenerator}: how each image is prepared, and {@link #flowFromDirectory} to stream a
 * folder of class subfolders as batches.
 *
 * <pre>{@code
 * DirectoryIterator trainBatches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(Path.of("data/dogs-vs-cats/train"),
 *         new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10));
 * }</pre>
 *
 * <p>Per image, in Keras's order: load and resize ({@link ImageUtils#loadImg(Path, String, int, int, String)}) →
 * random augmentation (not yet available in Keras4J; it will come between these two steps, as in Keras) →
 * {@link #standardize(FloatNdArray)}: the preprocessing function, then the rescale factor.
 *
 * <p>Settings are read when an iterator is created: changing the generator afterwards does not change iterators
 * it already made.
 */
public final class ImageDataGenerator {
  private UnaryOperator<FloatNdArray> preprocessingFunction;
  private double rescale;

  /** Creates a generator that leaves images as loaded (values 0..255). */
  public ImageDataGenerator() {}

  /**
   * Sets a function applied to each image (a {@code (height, width, channels)} array of floats) after loading and
   * resizing, before rescaling, as Keras's {@code preprocessing_function}; it must return an array of the same
   * shape (a new one, or its argument modified in place). It runs on the loader's worker threads, several images
   * at a time, so it must be safe to call concurrently: a pure function such as {@code VGG16::preprocessInput}.
   */
  public ImageDataGenerator preprocessingFunction(UnaryOperator<FloatNdArray> preprocessingFunction) {
    this.preprocessingFunction = requireNonNull(preprocessingFunction, "preprocessingFunction");
    return this;
  }

  /** Returns the preprocessing function, or {@code null} when none is set. */
  public UnaryOperator<FloatNdArray> preprocessingFunction() {
    return preprocessingFunction;
  }

  /**
   * Sets a factor every value is multiplied by after preprocessing, as Keras's {@code rescale} (for example
   * {@code 1.0 / 255}); 0, the default, means none.
   *
   * @throws IllegalArgumentException if not finite
   */
  public ImageDataGenerator rescale(double rescale) {
    if (!Double.isFinite(rescale)) {
      throw new IllegalArgumentException(
          "ImageDataGenerator: rescale must be a finite number (or 0 for none), but got rescale=" + rescale + ".");
    }
    this.rescale = rescale;
    return this;
  }

  /** Returns the rescale factor (0 for none). */
  public double rescale() {
    return rescale;
  }

  /**
   * Sets the data type of the batches, as Keras's {@code dtype}: only {@code "float32"}, the default, is supported.
   *
   * @throws IllegalArgumentException for any other type
   */
  public ImageDataGenerator dtype(String dtype) {
    if (!"float32".equals(dtype)) {
      throw new IllegalArgumentException("ImageDataGenerator: dtype must be 'float32' (Keras4J's batches are"
          + " float arrays), but got dtype=" + (dtype == null ? "null" : "'" + dtype + "'") + ".");
    }
    return this;
  }

  /** Returns the data type of the batches: {@code "float32"}. */
  public String dtype() {
    return "float32";
  }

  /**
   * Applies the preprocessing function and then the rescale factor to one image, as Keras's {@code standardize}.
   * Returns a new array; {@code x} is not modified.
   *
   * @throws IllegalArgumentException if {@code x} is not of rank 3, or the preprocessing function changes its shape
   */
  public FloatNdArray standardize(FloatNdArray x) {
    requireNonNull(x, "x");
    if (x.shape().numDimensions() != 3) {
      throw new IllegalArgumentException("ImageDataGenerator.standardize: expected one image of rank 3 (height,"
          + " width, channels), but got shape " + ImageUtils.shapeString(x.shape()) + ".");
    }
    float[] values = ImageUtils.toArray(x);
    new Standardizer(this).apply(values, 0, x.shape().asArray(), null);
    return NdArrays.wrap(x.shape(), DataBuffers.of(values, false, false));
  }

  /**
   * Streams the images of a folder with one subfolder per class, as Keras's {@code flow_from_directory}, and prints
   * {@code Found N images belonging to K classes.} to {@code System.out}.
   *
   * <p>Image files are those named {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}, {@code .ppm},
   * {@code .tif} or {@code .tiff} (any case), in each class subfolder and the folders below it; other files are
   * ignored. The classes are {@link FlowOptions#classes(String...)} in that order, else every subfolder in sorted
   * order; each file's label is its class's index. A subfolder not among given classes is ignored, as in Keras.
   *
   * @param directory the folder holding the class subfolders, such as {@code data/dogs-vs-cats/train}
   * @param options the target size, classes, class mode, batch size, shuffling and loading settings
   * @throws java.nio.file.NoSuchFileException if the folder does not exist (the message says where it looked)
   * @throws java.nio.file.FileSystemException if it is a file, not a folder
   * @throws IllegalArgumentException if it holds no image (after printing {@code Found 0 images …}), if a given
   *     class has no subfolder, or if class mode "binary" is used with other than two classes
   * @throws IOException if a folder cannot be listed
   */
  public DirectoryIterator flowFromDirectory(Path directory, FlowOptions options) throws IOException {
    requireNonNull(directory, "directory");
    requireNonNull(options, "options");
    return DirectoryIterator.create(directory, options.copy(), new Standardizer(this));
  }

  /** Streams a folder with Keras's default options (256 × 256, categorical, batches of 32, shuffled). */
  public DirectoryIterator flowFromDirectory(Path directory) throws IOException {
    return flowFromDirectory(directory, new FlowOptions());
  }

  /** The generator's per-image standardization, frozen when an iterator is created. */
  static final class Standardizer {
    private final UnaryOperator<FloatNdArray> function;
    private final float rescale;

    Standardizer(ImageDataGenerator generator) {
      this.function = generator.preprocessingFunction;
      this.rescale = (float) generator.rescale;
    }

    /**
     * Standardizes the image stored in {@code x} from {@code offset} with the given shape, in place.
     *
     * @param file the image's file, for error messages; may be {@code null}
     */
    void apply(float[] x, int offset, long[] shape, Path file) {
      int size = (int) (shape[0] * shape[1] * shape[2]);
      if (function != null) {
        FloatDataBuffer view = DataBuffers.of(x, false, false).slice(offset, size);
        FloatNdArray in = NdArrays.wrap(Shape.of(shape), view);
        FloatNdArray out;
        try {
          out = function.apply(in);
        } catch (RuntimeException e) {
          throw new IllegalStateException("preprocessingFunction failed" + forFile(file) + ": " + e, e);
        }
        if (out == null) {
          throw new IllegalStateException("preprocessingFunction returned null" + forFile(file)
              + "; it must return an array of shape " + ImageUtils.shapeString(in.shape()) + ".");
        }
        if (!out.shape().equals(in.shape())) {
          throw new IllegalArgumentException("preprocessingFunction must return an array of the shape it was given, "
              + ImageUtils.shapeString(in.shape()) + ", but returned shape " + ImageUtils.shapeString(out.shape())
              + forFile(file) + ".");
        }
        if (out != in) {
          out.copyTo(view);
        }
      }
      if (rescale != 0f) {
        for (int i = offset, end = offset + size; i < end; i++) {
          x[i] *= rescale;
        }
      }
    }

    private static String forFile(Path file) {
      return file == null ? "" : " for " + file;
    }
  }
}
