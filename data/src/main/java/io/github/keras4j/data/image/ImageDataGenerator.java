package io.github.keras4j.data.image;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.KerasContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;

/**
 * Keras's {@code ImageDataGenerator}: random augmentation and standardization of images, {@link #flowFromDirectory}
 * to stream a folder of class subfolders as batches and {@link #flow} to stream in-memory images.
 *
 * <pre>{@code
 * DirectoryIterator trainBatches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(Path.of("data/dogs-vs-cats/train"),
 *         new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10));
 *
 * ImageDataGenerator gen = new ImageDataGenerator().rotationRange(10).widthShiftRange(0.1).heightShiftRange(0.1)
 *     .shearRange(0.15).zoomRange(0.1).channelShiftRange(10).horizontalFlip(true);
 * List<FloatNdArray> augmented = gen.flow(image, new FlowOptions().batchSize(1).seed(7)).take(10);
 * }</pre>
 *
 * <p>Per image, in Keras's order: load and resize ({@link ImageUtils#loadImg(Path, String, int, int, String)}) →
 * random augmentation ({@link #getRandomTransform(long[], long)}, {@link #applyTransform}) →
 * {@link #standardize(FloatNdArray)}: the preprocessing function, then the rescale factor.
 *
 * <p><b>Augmentation</b> follows keras-preprocessing's {@code get_random_transform} and {@code apply_transform}:
 * one affine matrix per image (rotation · shift · shear · zoom about the image center), resampled once with
 * bilinear interpolation exactly as {@code scipy.ndimage.affine_transform} (order 1, the fill mode and
 * {@code cval}; see {@link #fillMode(String)}), then the channel shift, the flips and the brightness change.
 * The matrix meets the pixel grid as in tf.keras 2.x and Keras 3 (center {@code size / 2 − 0.5}, axes swapped:
 * {@code M' = P·M·P}); {@link #affineConvention(AffineConvention)} selects keras-preprocessing 1.1's instead.
 * Parameters drawn with a seed equal Keras's for the same seed ({@code np.random.seed(seed)} and the same draws).
 *
 * <table>
 *   <caption>Augmentation settings and defaults (none: no augmentation)</caption>
 *   <tr><th>setting</th><th>default</th><th>draw per image</th></tr>
 *   <tr><td>{@link #rotationRange(double)}</td><td>0</td><td>angle uniform in ±range degrees</td></tr>
 *   <tr><td>{@link #widthShiftRange(double)}, {@link #heightShiftRange(double)}</td><td>0</td>
 *       <td>uniform in ±range: a fraction of the width/height below 1, pixels from 1 on</td></tr>
 *   <tr><td>{@link #shearRange(double)}</td><td>0</td><td>shear angle uniform in ±range degrees</td></tr>
 *   <tr><td>{@link #zoomRange(double)}</td><td>0 ([1, 1])</td>
 *       <td>row and column zoom drawn independently in [1 − z, 1 + z]</td></tr>
 *   <tr><td>{@link #channelShiftRange(double)}</td><td>0</td>
 *       <td>one value uniform in ±range added to every channel, clipped to the image's min and max</td></tr>
 *   <tr><td>{@link #brightnessRange(double, double)}</td><td>none</td><td>PIL brightness factor in [lo, hi]</td></tr>
 *   <tr><td>{@link #horizontalFlip(boolean)}, {@link #verticalFlip(boolean)}</td><td>false</td>
 *       <td>flip with probability 0.5</td></tr>
 *   <tr><td>{@link #fillMode(String)}, {@link #cval(double)}</td><td>"nearest", 0</td><td>points outside</td></tr>
 *   <tr><td>{@link #interpolationOrder(int)}</td><td>1 (bilinear)</td><td></td></tr>
 *   <tr><td>{@link #affineConvention(AffineConvention)}</td><td>{@code KERAS} (tf.keras 2.x, Keras 3)</td>
 *       <td>the center and axis order of the matrix; {@code KERAS_PREPROCESSING_1_1} for Keras 2.2–2.3</td></tr>
 * </table>
 *
 * <p>Settings are validated where they are set and read when an iterator is created: changing the generator
 * afterwards does not change iterators it already made. The generator itself is not thread-safe to configure;
 * its transform methods may be called concurrently once it is configured.
 */
public final class ImageDataGenerator {
  private UnaryOperator<FloatNdArray> preprocessingFunction;
  private double rescale;
  private double rotationRange;
  private Augmenter.Shift widthShift = Augmenter.Shift.NONE;
  private Augmenter.Shift heightShift = Augmenter.Shift.NONE;
  private double shearRange;
  private double zoomLow = 1;
  private double zoomHigh = 1;
  private double channelShiftRange;
  private double[] brightnessRange;
  private boolean horizontalFlip;
  private boolean verticalFlip;
  private AffineResampler.FillMode fillMode = AffineResampler.FillMode.NEAREST;
  private double cval;
  private int interpolationOrder = 1;
  private AffineConvention affineConvention = AffineConvention.KERAS;

  /** Creates a generator that leaves images as loaded (values 0..255): no augmentation, no preprocessing. */
  public ImageDataGenerator() {}

  // ------------------------------------------------------------------------------------------------ augmentation

  /**
   * Sets the range of random rotations, in degrees (Keras's {@code rotation_range}): each image turns by an angle
   * drawn uniformly from {@code [-degrees, degrees]}; 0, the default, means none.
   *
   * @throws IllegalArgumentException if negative or not finite
   */
  public ImageDataGenerator rotationRange(double degrees) {
    this.rotationRange = nonNegative("rotationRange", degrees);
    return this;
  }

  /** Returns the rotation range in degrees (0 for none). */
  public double rotationRange() {
    return rotationRange;
  }

  /**
   * Sets the range of random horizontal shifts (Keras's float {@code width_shift_range}): a shift drawn uniformly
   * from {@code [-range, range]}, as a fraction of the width when {@code range < 1} and in pixels from 1 on; 0, the
   * default, means none. Keras's {@code ty}.
   *
   * @throws IllegalArgumentException if negative or not finite
   */
  public ImageDataGenerator widthShiftRange(double range) {
    this.widthShift = new Augmenter.Shift(nonNegative("widthShiftRange", range), null);
    return this;
  }

  /**
   * Sets whole-pixel horizontal shifts, as Keras's integer {@code width_shift_range=n}: a shift drawn from the
   * integers {@code -(n-1) … n-1} (that is, {@code 0 … n-1} with a random sign; {@code widthShiftRange(2)} gives −1,
   * 0 or +1). Pass a {@code double} ({@code 2.0}) for a uniform shift of up to 2 pixels.
   *
   * @throws IllegalArgumentException if negative
   */
  public ImageDataGenerator widthShiftRange(int pixels) {
    this.widthShift = integerShift("widthShiftRange", pixels);
    return this;
  }

  /**
   * Sets the shifts to choose from, as Keras's list {@code width_shift_range=[…]}: one value is picked at random
   * and given a random sign; the values are fractions of the width when all are below 1, pixels otherwise.
   *
   * @throws IllegalArgumentException if empty or a value is not finite
   */
  public ImageDataGenerator widthShiftRange(double[] choices) {
    this.widthShift = choiceShift("widthShiftRange", choices);
    return this;
  }

  /** Returns the width shift range (0 when none or when choices are set). */
  public double widthShiftRange() {
    return widthShift.range();
  }

  /** Returns the width shift choices (from {@link #widthShiftRange(int)} or the list form); empty when none. */
  public double[] widthShiftChoices() {
    return widthShift.choices() == null ? new double[0] : widthShift.choices().clone();
  }

  /**
   * Sets the range of random vertical shifts (Keras's float {@code height_shift_range}): a shift drawn uniformly
   * from {@code [-range, range]}, as a fraction of the height when {@code range < 1} and in pixels from 1 on; 0,
   * the default, means none. Keras's {@code tx}.
   *
   * @throws IllegalArgumentException if negative or not finite
   */
  public ImageDataGenerator heightShiftRange(double range) {
    this.heightShift = new Augmenter.Shift(nonNegative("heightShiftRange", range), null);
    return this;
  }

  /**
   * Sets whole-pixel vertical shifts, as Keras's integer {@code height_shift_range=n}: a shift drawn from the
   * integers {@code -(n-1) … n-1}.
   *
   * @throws IllegalArgumentException if negative
   * @see #widthShiftRange(int)
   */
  public ImageDataGenerator heightShiftRange(int pixels) {
    this.heightShift = integerShift("heightShiftRange", pixels);
    return this;
  }

  /**
   * Sets the vertical shifts to choose from, as Keras's list {@code height_shift_range=[…]}.
   *
   * @throws IllegalArgumentException if empty or a value is not finite
   * @see #widthShiftRange(double[])
   */
  public ImageDataGenerator heightShiftRange(double[] choices) {
    this.heightShift = choiceShift("heightShiftRange", choices);
    return this;
  }

  /** Returns the height shift range (0 when none or when choices are set). */
  public double heightShiftRange() {
    return heightShift.range();
  }

  /** Returns the height shift choices (from {@link #heightShiftRange(int)} or the list form); empty when none. */
  public double[] heightShiftChoices() {
    return heightShift.choices() == null ? new double[0] : heightShift.choices().clone();
  }

  /**
   * Sets the range of random shears, in degrees (Keras's {@code shear_range}, "shear angle in counter-clockwise
   * direction in degrees"): an angle drawn uniformly from {@code [-degrees, degrees]}; 0, the default, means none.
   * (The course's {@code shear_range=0.15} is therefore a shear of at most 0.15°.)
   *
   * @throws IllegalArgumentException if negative or not finite
   */
  public ImageDataGenerator shearRange(double degrees) {
    this.shearRange = nonNegative("shearRange", degrees);
    return this;
  }

  /** Returns the shear range in degrees (0 for none). */
  public double shearRange() {
    return shearRange;
  }

  /**
   * Sets the range of random zooms as Keras's scalar {@code zoom_range=z}: the row and column zoom factors are
   * drawn independently from {@code [1 − z, 1 + z]}. A factor above 1 shows more of the image, smaller (Keras maps
   * output pixels to input points); 0, the default, means none.
   *
   * @throws IllegalArgumentException if negative, not finite, or 1 or more (a factor must stay positive)
   */
  public ImageDataGenerator zoomRange(double z) {
    nonNegative("zoomRange", z);
    if (z >= 1) {
      throw new IllegalArgumentException("ImageDataGenerator: zoomRange must be below 1 so that the zoom factors"
          + " [1 - z, 1 + z] stay positive, but got zoomRange=" + z + " (factors [" + (1 - z) + ", " + (1 + z) + "]). Pass"
          + " zoomRange(lo, hi) for other bounds.");
    }
    return zoomRange(1 - z, 1 + z);
  }

  /**
   * Sets the bounds of the random zoom factors, as Keras's {@code zoom_range=[lo, hi]}; {@code [1, 1]} means none.
   *
   * @throws IllegalArgumentException if a bound is not finite or not positive, or {@code lo > hi}
   */
  public ImageDataGenerator zoomRange(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo <= 0 || hi <= 0) {
      throw new IllegalArgumentException("ImageDataGenerator: zoomRange bounds must be positive numbers, but got"
          + " zoomRange=[" + lo + ", " + hi + "].");
    }
    if (lo > hi) {
      throw new IllegalArgumentException("ImageDataGenerator: zoomRange must be [lo, hi] with lo <= hi, but got"
          + " zoomRange=[" + lo + ", " + hi + "]; swap the bounds.");
    }
    this.zoomLow = lo;
    this.zoomHigh = hi;
    return this;
  }

  /**
   * Sets the zoom bounds from an array, as Keras's list {@code zoom_range=[lo, hi]}.
   *
   * @throws IllegalArgumentException if it does not hold exactly two values, or they are not valid bounds
   * @see #zoomRange(double, double)
   */
  public ImageDataGenerator zoomRange(double[] range) {
    requireNonNull(range, "zoomRange");
    if (range.length != 2) {
      throw new IllegalArgumentException("ImageDataGenerator: zoomRange must be a number or a pair [lo, hi], but got"
          + " zoomRange=" + Arrays.toString(range) + ".");
    }
    return zoomRange(range[0], range[1]);
  }

  /** Returns the zoom bounds {@code [lo, hi]} ({@code [1, 1]} for none); a new array. */
  public double[] zoomRange() {
    return new double[] {zoomLow, zoomHigh};
  }

  /**
   * Sets the range of random channel shifts (Keras's {@code channel_shift_range}): one value drawn uniformly from
   * {@code [-range, range]} is added to every channel of the image, and the result is clipped to the image's own
   * minimum and maximum; 0, the default, means none.
   *
   * @throws IllegalArgumentException if negative or not finite
   */
  public ImageDataGenerator channelShiftRange(double range) {
    this.channelShiftRange = nonNegative("channelShiftRange", range);
    return this;
  }

  /** Returns the channel shift range (0 for none). */
  public double channelShiftRange() {
    return channelShiftRange;
  }

  /**
   * Sets the range of random brightness factors (Keras's {@code brightness_range=[lo, hi]}): a factor drawn
   * uniformly from {@code [lo, hi]} is applied as PIL's {@code ImageEnhance.Brightness} (0 black, 1 unchanged). As
   * in Keras the image passes through 8-bit pixels, so its values become whole numbers (or are scaled to 0..255 and
   * back when they leave that range).
   *
   * @throws IllegalArgumentException if a bound is negative or not finite, or {@code lo > hi}
   */
  public ImageDataGenerator brightnessRange(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo < 0 || hi < 0) {
      throw new IllegalArgumentException("ImageDataGenerator: brightnessRange bounds must be numbers >= 0, but got"
          + " brightnessRange=[" + lo + ", " + hi + "].");
    }
    if (lo > hi) {
      throw new IllegalArgumentException("ImageDataGenerator: brightnessRange must be [lo, hi] with lo <= hi, but"
          + " got brightnessRange=[" + lo + ", " + hi + "]; swap the bounds.");
    }
    this.brightnessRange = new double[] {lo, hi};
    return this;
  }

  /**
   * Sets the brightness range from an array, as Keras's {@code brightness_range=[lo, hi]}; {@code null} removes it.
   *
   * @throws IllegalArgumentException if it does not hold exactly two values, or they are not valid bounds
   * @see #brightnessRange(double, double)
   */
  public ImageDataGenerator brightnessRange(double[] range) {
    if (range == null) {
      this.brightnessRange = null;
      return this;
    }
    if (range.length != 2) {
      throw new IllegalArgumentException("ImageDataGenerator: brightnessRange must be a pair [lo, hi], but got"
          + " brightnessRange=" + Arrays.toString(range) + ".");
    }
    return brightnessRange(range[0], range[1]);
  }

  /** Returns the brightness range {@code [lo, hi]}, or {@code null} when none is set; a new array. */
  public double[] brightnessRange() {
    return brightnessRange == null ? null : brightnessRange.clone();
  }

  /** Sets whether images are flipped left-right with probability 0.5 (Keras's {@code horizontal_flip}). */
  public ImageDataGenerator horizontalFlip(boolean horizontalFlip) {
    this.horizontalFlip = horizontalFlip;
    return this;
  }

  /** Returns whether images are randomly flipped left-right. */
  public boolean horizontalFlip() {
    return horizontalFlip;
  }

  /** Sets whether images are flipped upside down with probability 0.5 (Keras's {@code vertical_flip}). */
  public ImageDataGenerator verticalFlip(boolean verticalFlip) {
    this.verticalFlip = verticalFlip;
    return this;
  }

  /** Returns whether images are randomly flipped upside down. */
  public boolean verticalFlip() {
    return verticalFlip;
  }

  /**
   * Sets how points outside the image are filled by rotations, shifts, shears and zooms (Keras's {@code fill_mode},
   * as scipy implements it): {@code "nearest"} (default, the edge pixel: {@code aaaa|abcd|dddd}), {@code "constant"}
   * ({@link #cval(double)}), {@code "reflect"} ({@code dcba|abcd|dcba}) or {@code "wrap"} (scipy's wrap, which
   * repeats with a period of size − 1: the first and last pixels coincide).
   *
   * @throws IllegalArgumentException if not one of those (the message lists them)
   */
  public ImageDataGenerator fillMode(String fillMode) {
    this.fillMode = AffineResampler.FillMode.of(fillMode, "ImageDataGenerator");
    return this;
  }

  /** Returns the fill mode's Keras name, such as {@code "nearest"}. */
  public String fillMode() {
    return fillMode.keras();
  }

  /**
   * Sets the value of points outside the image for fill mode {@code "constant"} (Keras's {@code cval}); default 0.
   *
   * @throws IllegalArgumentException if not finite
   */
  public ImageDataGenerator cval(double cval) {
    if (!Double.isFinite(cval)) {
      throw new IllegalArgumentException(
          "ImageDataGenerator: cval must be a finite number, but got cval=" + cval + ".");
    }
    this.cval = cval;
    return this;
  }

  /** Returns the fill value of mode "constant". */
  public double cval() {
    return cval;
  }

  /**
   * Sets the spline order of the resampling (Keras's {@code interpolation_order}): 1 (bilinear, the default) or 0
   * (nearest neighbor).
   *
   * @throws IllegalArgumentException for any other order
   */
  public ImageDataGenerator interpolationOrder(int order) {
    if (order != 0 && order != 1) {
      throw new IllegalArgumentException("ImageDataGenerator: interpolationOrder must be 0 (nearest) or 1"
          + " (bilinear), but got interpolationOrder=" + order + ".");
    }
    this.interpolationOrder = order;
    return this;
  }

  /** Returns the spline order of the resampling. */
  public int interpolationOrder() {
    return interpolationOrder;
  }

  /**
   * Sets how the augmentation matrix meets the pixel grid (see {@link AffineConvention}): {@code KERAS} (default)
   * reproduces tf.keras 2.x and Keras 3 ({@code size / 2 − 0.5} center and the {@code M' = P·M·P} axis swap);
   * {@code KERAS_PREPROCESSING_1_1} reproduces the standalone keras-preprocessing up to 1.1.2 used by Keras 2.2–2.3
   * ({@code size / 2 + 0.5}, no swap), to match augmentations made with those versions.
   *
   * @throws NullPointerException if {@code convention} is null
   */
  public ImageDataGenerator affineConvention(AffineConvention convention) {
    this.affineConvention = java.util.Objects.requireNonNull(convention, "convention");
    return this;
  }

  /** Returns the affine convention ({@link AffineConvention#KERAS} by default). */
  public AffineConvention affineConvention() {
    return affineConvention;
  }

  // ------------------------------------------------------------------------------------------------ standardization

  /**
   * Sets a function applied to each image (a {@code (height, width, channels)} array of floats) after loading,
   * resizing and augmenting, before rescaling, as Keras's {@code preprocessing_function}; it must return an array
   * of the same shape (a new one, or its argument modified in place). It runs on the loader's worker threads,
   * several images at a time, so it must be safe to call concurrently: a pure function such as
   * {@code VGG16::preprocessInput}.
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
   * Sets a factor every value is multiplied by after augmentation and preprocessing, as Keras's {@code rescale}
   * (for example {@code 1.0 / 255}); 0, the default, means none.
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
    long[] shape = imageShape(x, "standardize");
    float[] values = ImageUtils.toArray(x);
    new Standardizer(this).apply(values, 0, shape, null);
    return NdArrays.wrap(x.shape(), DataBuffers.of(values, false, false));
  }

  // ------------------------------------------------------------------------------------------------ transforms

  /**
   * Draws the random augmentation parameters of one image, as Keras's {@code get_random_transform(img_shape, seed)}:
   * for a seed in {@code [0, 2^32)} the generator is numpy's legacy one seeded with it
   * ({@code np.random.seed(seed)}), and the draws are Keras's, in Keras's order, so the parameters are the ones
   * Keras draws for the same settings, shape and seed. Other seeds are mixed down to 32 bits first.
   *
   * @param shape the image shape {@code (height, width, channels)}; the shifts given as fractions scale with it
   * @param seed the seed
   * @throws IllegalArgumentException if the shape is not of rank 3
   */
  public TransformParameters getRandomTransform(long[] shape, long seed) {
    requireNonNull(shape, "shape");
    if (shape.length != 3) {
      throw new IllegalArgumentException("ImageDataGenerator.getRandomTransform: expected the shape of one image"
          + " (height, width, channels), but got " + Arrays.toString(shape) + ".");
    }
    return augmenter().draw(shape, new MersenneTwister(Seeds.seed32(seed)));
  }

  /**
   * Draws the random augmentation parameters of one image with a seed from Keras4J's seed generator
   * ({@code Keras.setRandomSeed}), as Keras's {@code get_random_transform(img_shape)}.
   *
   * @see #getRandomTransform(long[], long)
   */
  public TransformParameters getRandomTransform(long[] shape) {
    return getRandomTransform(shape, KerasContext.current().nextSeed());
  }

  /**
   * Applies the given augmentation to one image, as Keras's {@code apply_transform(x, transform_parameters)}: the
   * affine part (rotation, shift, shear, zoom) as one resampling with this generator's fill mode, {@code cval} and
   * interpolation order, then the channel shift, the horizontal and vertical flips and the brightness. Returns a new
   * array; {@code x} is not modified. No preprocessing or rescaling is applied.
   *
   * @param x one image, {@code (height, width, channels)}
   * @param parameters the parameters, from {@link #getRandomTransform(long[], long)} or made by hand
   * @throws IllegalArgumentException if {@code x} is not of rank 3, or a brightness is asked for an image with other
   *     than 1, 3 or 4 channels
   */
  public FloatNdArray applyTransform(FloatNdArray x, TransformParameters parameters) {
    long[] shape = imageShape(x, "applyTransform");
    requireNonNull(parameters, "parameters");
    float[] src = ImageUtils.toArray(x);
    float[] dst = parameters.isAffine() ? new float[src.length] : src;
    augmenter().apply(src, 0, (int) shape[0], (int) shape[1], (int) shape[2], parameters, dst, 0);
    return NdArrays.wrap(x.shape(), DataBuffers.of(dst, false, false));
  }

  /**
   * Applies a random augmentation to one image, as Keras's {@code random_transform(x, seed)}:
   * {@code applyTransform(x, getRandomTransform(shape, seed))}. Returns a new array.
   *
   * @throws IllegalArgumentException if {@code x} is not of rank 3
   */
  public FloatNdArray randomTransform(FloatNdArray x, long seed) {
    long[] shape = imageShape(x, "randomTransform");
    return applyTransform(x, getRandomTransform(shape, seed));
  }

  /**
   * Applies a random augmentation to one image with a seed from Keras4J's seed generator, as Keras's
   * {@code random_transform(x)}.
   *
   * @see #randomTransform(FloatNdArray, long)
   */
  public FloatNdArray randomTransform(FloatNdArray x) {
    return randomTransform(x, KerasContext.current().nextSeed());
  }

  // ------------------------------------------------------------------------------------------------ iterators

  /**
   * Streams in-memory images with augmentation and standardization, as Keras's {@code flow(x, batch_size=…,
   * shuffle=…, seed=…, save_to_dir=…, save_prefix=…, save_format=…)} without labels.
   *
   * @param x the images, {@code (samples, height, width, channels)}; copied, so later changes do not show
   * @param options the batch size, shuffling, seed, saving and loader settings (the directory settings such as
   *     the target size are not used)
   * @throws IllegalArgumentException if {@code x} is not of rank 4 or holds no image, or the save folder is a file
   *     or not writable
   */
  public NumpyArrayIterator flow(FloatNdArray x, FlowOptions options) {
    requireNonNull(x, "x");
    requireNonNull(options, "options");
    return NumpyArrayIterator.create(x, null, null, options.copy(), augmenter(), new Standardizer(this));
  }

  /**
   * Streams in-memory images with their label rows (one-hot or any values, passed through unchanged), as Keras's
   * {@code flow(x, y, …)}.
   *
   * @param y one row per image, all of one length
   * @throws IllegalArgumentException if the number of rows differs from the number of images, or rows differ in
   *     length
   * @see #flow(FloatNdArray, FlowOptions)
   */
  public NumpyArrayIterator flow(FloatNdArray x, float[][] y, FlowOptions options) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    requireNonNull(options, "options");
    return NumpyArrayIterator.create(x, y, null, options.copy(), augmenter(), new Standardizer(this));
  }

  /**
   * Streams in-memory images with integer class labels (for sparse categorical cross-entropy), as Keras's
   * {@code flow(x, y, …)} with a vector of class indices.
   *
   * @param y one class index per image
   * @throws IllegalArgumentException if the number of labels differs from the number of images
   * @see #flow(FloatNdArray, FlowOptions)
   */
  public NumpyArrayIterator flow(FloatNdArray x, int[] y, FlowOptions options) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    requireNonNull(options, "options");
    return NumpyArrayIterator.create(x, null, y, options.copy(), augmenter(), new Standardizer(this));
  }

  /**
   * Streams the images of a folder with one subfolder per class, as Keras's {@code flow_from_directory}, and prints
   * {@code Found N images belonging to K classes.} to {@code System.out}. Each image is loaded, resized, augmented
   * (when augmentation is set) and standardized on the loader's worker threads.
   *
   * <p>Image files are those named {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}, {@code .ppm},
   * {@code .tif} or {@code .tiff} (any case), in each class subfolder and the folders below it; other files are
   * ignored. The classes are {@link FlowOptions#classes(String...)} in that order, else every subfolder in sorted
   * order; each file's label is its class's index. A subfolder not among given classes is ignored, as in Keras.
   *
   * @param directory the folder holding the class subfolders, such as {@code data/dogs-vs-cats/train}
   * @param options the target size, classes, class mode, batch size, shuffling, saving and loading settings
   * @throws java.nio.file.NoSuchFileException if the folder does not exist (the message says where it looked)
   * @throws java.nio.file.FileSystemException if it is a file, not a folder
   * @throws IllegalArgumentException if it holds no image (after printing {@code Found 0 images …}), if a given
   *     class has no subfolder, if class mode "binary" is used with other than two classes, or if the save folder
   *     is a file or not writable
   * @throws IOException if a folder cannot be listed
   */
  public DirectoryIterator flowFromDirectory(Path directory, FlowOptions options) throws IOException {
    requireNonNull(directory, "directory");
    requireNonNull(options, "options");
    return DirectoryIterator.create(directory, options.copy(), augmenter(), new Standardizer(this));
  }

  /** Streams a folder with Keras's default options (256 × 256, categorical, batches of 32, shuffled). */
  public DirectoryIterator flowFromDirectory(Path directory) throws IOException {
    return flowFromDirectory(directory, new FlowOptions());
  }

  // ------------------------------------------------------------------------------------------------ internals

  /** Returns the augmentation settings, frozen. */
  Augmenter augmenter() {
    return new Augmenter(rotationRange, widthShift, heightShift, shearRange, zoomLow, zoomHigh, channelShiftRange,
        brightnessRange, horizontalFlip, verticalFlip, fillMode, cval, interpolationOrder, affineConvention);
  }

  private static long[] imageShape(FloatNdArray x, String who) {
    requireNonNull(x, "x");
    if (x.shape().numDimensions() != 3) {
      throw new IllegalArgumentException("ImageDataGenerator." + who + ": expected one image of rank 3 (height,"
          + " width, channels), but got shape " + ImageUtils.shapeString(x.shape()) + ".");
    }
    return x.shape().asArray();
  }

  private static double nonNegative(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("ImageDataGenerator: " + name + " must be a number >= 0 (0 for none), but"
          + " got " + name + "=" + value + ".");
    }
    return value;
  }

  private static Augmenter.Shift integerShift(String name, int pixels) {
    if (pixels < 0) {
      throw new IllegalArgumentException("ImageDataGenerator: " + name + " must be >= 0 (0 for none), but got "
          + name + "=" + pixels + ".");
    }
    if (pixels == 0) {
      return Augmenter.Shift.NONE;
    }
    double[] choices = new double[pixels];
    for (int i = 0; i < pixels; i++) {
      choices[i] = i;
    }
    return new Augmenter.Shift(0, choices);
  }

  private static Augmenter.Shift choiceShift(String name, double[] choices) {
    requireNonNull(choices, name);
    if (choices.length == 0) {
      throw new IllegalArgumentException("ImageDataGenerator: " + name + " choices must not be empty; pass 0 for no"
          + " shift.");
    }
    for (double c : choices) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("ImageDataGenerator: " + name + " choices must be finite numbers, but got "
            + name + "=" + Arrays.toString(choices) + ".");
      }
    }
    return new Augmenter.Shift(0, choices.clone());
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
