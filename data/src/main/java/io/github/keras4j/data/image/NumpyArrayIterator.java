package io.github.keras4j.data.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * In-memory images as augmented batches: Keras's {@code NumpyArrayIterator}, made by
 * {@link ImageDataGenerator#flow(FloatNdArray, FlowOptions)}, and a
 * {@link io.github.keras4j.models.BatchSource} that {@code fit},
 * {@code evaluate} and {@code predict} read.
 *
 * <pre>{@code
 * ImageDataGenerator gen = new ImageDataGenerator().rotationRange(10).horizontalFlip(true);
 * List<FloatNdArray> augmented = gen.flow(ImageUtils.expandDims(image), new FlowOptions().batchSize(1).seed(7))
 *     .take(10);                                      // ten augmented copies, (height, width, channels) each
 * model.fit(gen.flow(xTrain, yTrain, new FlowOptions().batchSize(32).seed(1)), new FitOptions().epochs(5));
 * }</pre>
 *
 * <p>Each image of a batch is augmented (with the parameters of (seed, epoch, index) alone, see
 * {@link DirectoryIterator}), then standardized (preprocessing function, rescale), on the worker threads of
 * {@link FlowOptions#workers(int)}; batches are the same for any number of workers. Order: the images in index
 * order, or with {@link FlowOptions#shuffle(boolean)} (the default) a new permutation of (seed, epoch) every epoch.
 * {@link #next()} walks the epochs in turn as Keras's {@code next(iterator)}. With
 * {@link FlowOptions#saveToDir(java.nio.file.Path)} every image produced is also written to that folder.
 *
 * <p>The methods are synchronized; one consumer at a time is expected.
 */
public final class NumpyArrayIterator extends AbstractImageIterator {
  private final float[] x;
  private final float[][] labelRows;
  private final int[] labelIndices;
  private final Augmenter augmenter;
  private final ImageDataGenerator.Standardizer standardizer;
  private final ImageSaver saver;

  private NumpyArrayIterator(float[] x, long[] imageShape, float[][] labelRows, int[] labelIndices,
      FlowOptions options, Augmenter augmenter, ImageDataGenerator.Standardizer standardizer, ImageSaver saver) {
    super("NumpyArrayIterator", options, imageShape,
        labelRows != null ? labelRows[0].length : labelIndices != null ? 1 : 0,
        x.length / Math.toIntExact(imageShape[0] * imageShape[1] * imageShape[2]));
    this.x = x;
    this.labelRows = labelRows;
    this.labelIndices = labelIndices;
    this.augmenter = augmenter.active() ? augmenter : null;
    this.standardizer = standardizer;
    this.saver = saver;
  }

  /** Validates the arrays, copies them and makes the iterator. */
  static NumpyArrayIterator create(FloatNdArray images, float[][] labelRows, int[] labelIndices,
      FlowOptions options, Augmenter augmenter, ImageDataGenerator.Standardizer standardizer) {
    Shape shape = images.shape();
    if (shape.numDimensions() != 4) {
      throw new IllegalArgumentException("ImageDataGenerator.flow: expected images of rank 4 (samples, height,"
          + " width, channels), but got shape " + ImageUtils.shapeString(shape)
          + (shape.numDimensions() == 3 ? "; for one image, pass ImageUtils.expandDims(image)." : "."));
    }
    long[] dims = shape.asArray();
    if (dims[0] == 0 || dims[1] == 0 || dims[2] == 0 || dims[3] == 0) {
      throw new IllegalArgumentException("ImageDataGenerator.flow: the images array is empty (shape "
          + ImageUtils.shapeString(shape) + ").");
    }
    long[] imageShape = {dims[1], dims[2], dims[3]};
    if (options.saveToDir() != null && dims[3] != 1 && dims[3] != 3 && dims[3] != 4) {
      throw new IllegalArgumentException("ImageDataGenerator.flow: saveToDir needs images with 1, 3 or 4 channels,"
          + " but got shape " + ImageUtils.shapeString(shape) + ".");
    }
    int n = Math.toIntExact(dims[0]);
    float[][] rows = null;
    if (labelRows != null) {
      if (labelRows.length != n) {
        throw new IllegalArgumentException("ImageDataGenerator.flow: x (images) and y (labels) must have the same"
            + " length, but got " + n + " images and " + labelRows.length + " label rows.");
      }
      rows = new float[n][];
      for (int i = 0; i < n; i++) {
        float[] row = java.util.Objects.requireNonNull(labelRows[i], "y row " + i);
        if (row.length != labelRows[0].length || row.length == 0) {
          throw new IllegalArgumentException("ImageDataGenerator.flow: every label row must have the same, non-zero"
              + " length, but row 0 has " + labelRows[0].length + " values and row " + i + " has " + row.length + ".");
        }
        rows[i] = row.clone();
      }
    }
    int[] indices = null;
    if (labelIndices != null) {
      if (labelIndices.length != n) {
        throw new IllegalArgumentException("ImageDataGenerator.flow: x (images) and y (labels) must have the same"
            + " length, but got " + n + " images and " + labelIndices.length + " labels.");
      }
      indices = labelIndices.clone();
    }
    ImageSaver saver = ImageSaver.create(options, 10_000);
    return new NumpyArrayIterator(ImageUtils.toArray(images), imageShape, rows, indices, options, augmenter,
        standardizer, saver);
  }

  /**
   * Returns the next {@code n} images, each {@code (height, width, channels)}, taken from the batches of
   * {@link #next()} in order: {@code flow(image, new FlowOptions().batchSize(1)).take(10)} is the course's
   * {@code [next(aug_iter)[0] for i in range(10)]}, ten augmentations of one image. The images left in the last
   * batch read are dropped.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public synchronized List<FloatNdArray> take(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("NumpyArrayIterator.take: n must be >= 0, but got n=" + n + ".");
    }
    List<FloatNdArray> images = new ArrayList<>(n);
    while (images.size() < n) {
      ImageBatch batch = next();
      for (int i = 0; i < batch.size() && images.size() < n; i++) {
        float[] one = new float[sampleSize];
        batch.images().get(i).copyTo(DataBuffers.of(one, false, false));
        images.add(NdArrays.wrap(Shape.of(imageShape[0], imageShape[1], imageShape[2]),
            DataBuffers.of(one, false, false)));
      }
    }
    return images;
  }

  // ------------------------------------------------------------------------------------------------ BatchSource

  /** Returns true for integer labels ({@link ImageDataGenerator#flow(FloatNdArray, int[], FlowOptions)}). */
  @Override
  public boolean integerLabels() {
    return labelIndices != null;
  }

  @Override
  public String toString() {
    return "NumpyArrayIterator(" + samples() + " images of shape " + Arrays.toString(imageShape) + ", batches of "
        + batchSize() + (augmenter != null ? ", augmented" : "") + ")";
  }

  // ------------------------------------------------------------------------------------------------ internals

  @Override
  void encodeLabel(int sample, float[] out, int offset) {
    if (labelRows != null) {
      System.arraycopy(labelRows[sample], 0, out, offset, labelSize());
    } else {
      out[offset] = labelIndices[sample];
    }
  }

  /** Prepares image {@code sample} of {@code epoch} into {@code out}: augment, standardize, save. Worker threads. */
  @Override
  void loadSample(int epoch, int sample, float[] out, int offset) throws java.io.IOException {
    int h = (int) imageShape[0];
    int w = (int) imageShape[1];
    int c = (int) imageShape[2];
    MersenneTwister random = augmenter != null || saver != null
        ? new MersenneTwister((int) Seeds.imageSeed(seed(), epoch, sample)) : null;
    if (augmenter == null) {
      System.arraycopy(x, sample * sampleSize, out, offset, sampleSize);
    } else {
      TransformParameters parameters = augmenter.draw(imageShape, random);
      augmenter.apply(x, sample * sampleSize, h, w, c, parameters, out, offset);
    }
    standardizer.apply(out, offset, imageShape, null);
    if (saver != null) {
      saver.save(out, offset, imageShape, sample, random.nextInt(saver.hashBound()));
    }
  }
}
