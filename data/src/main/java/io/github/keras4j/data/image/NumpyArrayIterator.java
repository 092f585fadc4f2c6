package io.github.keras4j.data.image;

import io.github.keras4j.backend.KerasContext;
import io.github.keras4j.models.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * In-memory images as augmented batches: Keras's {@code NumpyArrayIterator}, made by
 * {@link ImageDataGenerator#flow(FloatNdArray, FlowOptions)}, and a {@link BatchSource} that {@code fit},
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
public final class NumpyArrayIterator implements BatchSource {
  private final float[] x;
  private final long[] imageShape;
  private final int samples;
  private final int sampleSize;
  private final float[][] labelRows;
  private final int[] labelIndices;
  private final int labelSize;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final Augmenter augmenter;
  private final ImageDataGenerator.Standardizer standardizer;
  private final ImageSaver saver;
  private final BatchPipeline pipeline;
  private final int[] identity;

  private int epoch;
  private int nextEpoch;
  private int nextStep;
  private int cachedEpoch = -1;
  private int[] cachedOrder;
  private float[] labelBuffer;

  private NumpyArrayIterator(float[] x, long[] imageShape, float[][] labelRows, int[] labelIndices,
      FlowOptions options, Augmenter augmenter, ImageDataGenerator.Standardizer standardizer, ImageSaver saver) {
    this.x = x;
    this.imageShape = imageShape;
    this.sampleSize = Math.toIntExact(imageShape[0] * imageShape[1] * imageShape[2]);
    this.samples = x.length / sampleSize;
    this.labelRows = labelRows;
    this.labelIndices = labelIndices;
    this.labelSize = labelRows != null ? labelRows[0].length : labelIndices != null ? 1 : 0;
    this.batchSize = options.batchSize();
    this.shuffle = options.shuffle();
    this.seed = options.seed() != null ? options.seed() : KerasContext.current().nextSeed();
    this.augmenter = augmenter.active() ? augmenter : null;
    this.standardizer = standardizer;
    this.saver = saver;
    this.pipeline = new BatchPipeline(batchSize, sampleSize, options.workers(), options.prefetchBatches(),
        this::loadSample, (sample, failure) -> false);
    this.identity = new int[samples];
    for (int i = 0; i < samples; i++) {
      identity[i] = i;
    }
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

  /** Returns the number of images (Keras's {@code n}). */
  public int samples() {
    return samples;
  }

  /** Returns the shape of one image: {@code (height, width, channels)}. */
  public long[] imageShape() {
    return imageShape.clone();
  }

  /** Returns the seed of the shuffling and augmentation (the given one, or the one drawn when none was given). */
  public long seed() {
    return seed;
  }

  /**
   * Returns the next batch, as Keras's {@code next(iterator)}: the batches of epoch 0 in order, then those of epoch
   * 1 (reshuffled and re-augmented), and so on. The arrays are new for every call; labels are {@code null} when the
   * iterator has none, the given rows, or {@code {index}} rows for integer labels.
   */
  public synchronized ImageBatch next() {
    if (nextStep >= steps()) {
      nextEpoch++;
      nextStep = 0;
    }
    BatchPipeline.Loaded loaded = pipeline.take(nextEpoch, orderFor(nextEpoch), nextStep, true);
    nextStep++;
    int count = loaded.count();
    float[] values = loaded.x().length == count * sampleSize ? loaded.x() : Arrays.copyOf(loaded.x(),
        count * sampleSize);
    FloatNdArray images = NdArrays.wrap(
        Shape.of(count, imageShape[0], imageShape[1], imageShape[2]), DataBuffers.of(values, false, false));
    float[][] labels = null;
    if (labelSize > 0) {
      labels = new float[count][labelSize];
      for (int i = 0; i < count; i++) {
        encodeLabel(loaded.samples()[i], labels[i], 0);
      }
    }
    return new ImageBatch(images, labels, loaded.samples().clone());
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

  /** Rewinds {@link #next()} to the first batch of epoch 0 and cancels the work in flight. */
  public synchronized void reset() {
    nextEpoch = 0;
    nextStep = 0;
    pipeline.cancel();
  }

  // ------------------------------------------------------------------------------------------------ BatchSource

  /** Returns the number of images; the same as {@link #samples()}. */
  @Override
  public int size() {
    return samples;
  }

  /** Returns the number of images per batch. */
  @Override
  public int batchSize() {
    return batchSize;
  }

  /** Returns {@link #imageShape()}. */
  @Override
  public long[] sampleShape() {
    return imageShape.clone();
  }

  /** Returns the length of the label rows, 1 for integer labels, 0 without labels. */
  @Override
  public int labelSize() {
    return labelSize;
  }

  /** Returns true for integer labels ({@link ImageDataGenerator#flow(FloatNdArray, int[], FlowOptions)}). */
  @Override
  public boolean integerLabels() {
    return labelIndices != null;
  }

  /** Selects epoch {@code epoch}'s order and augmentations and starts preparing its first batches. */
  @Override
  public synchronized void onEpochBegin(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("NumpyArrayIterator: epoch must be >= 0, but got epoch=" + epoch + ".");
    }
    this.epoch = epoch;
    pipeline.prefetch(epoch, orderFor(epoch), 0);
  }

  /** Cancels the work in flight, so that no work outlives the epoch. */
  @Override
  public synchronized void onEpochEnd(int epoch) {
    pipeline.cancel();
  }

  /**
   * Returns batch {@code step} of the current epoch: images flattened in (batch, height, width, channels) order and
   * labels as {@link #labelSize()} values per image. The arrays are reused by the next call.
   *
   * @throws IndexOutOfBoundsException if {@code step} is not in {@code [0, steps())}
   */
  @Override
  public synchronized Batch batch(int step) {
    int steps = steps();
    if (step < 0 || step >= steps) {
      throw new IndexOutOfBoundsException("NumpyArrayIterator: batch " + step + " is out of range; there are "
          + steps + " batches (0 to " + (steps - 1) + ").");
    }
    BatchPipeline.Loaded loaded = pipeline.take(epoch, orderFor(epoch), step, false);
    float[] y = null;
    if (labelSize > 0) {
      if (labelBuffer == null) {
        labelBuffer = new float[batchSize * labelSize];
      }
      y = labelBuffer;
      for (int i = 0; i < loaded.count(); i++) {
        encodeLabel(loaded.samples()[i], y, i * labelSize);
      }
    }
    return new Batch(loaded.count(), loaded.x(), y);
  }

  @Override
  public String toString() {
    return "NumpyArrayIterator(" + samples + " images of shape " + Arrays.toString(imageShape) + ", batches of "
        + batchSize + (augmenter != null ? ", augmented" : "") + ")";
  }

  // ------------------------------------------------------------------------------------------------ internals

  private void encodeLabel(int sample, float[] out, int offset) {
    if (labelRows != null) {
      System.arraycopy(labelRows[sample], 0, out, offset, labelSize);
    } else {
      out[offset] = labelIndices[sample];
    }
  }

  private int[] orderFor(int epoch) {
    if (!shuffle) {
      return identity;
    }
    if (epoch != cachedEpoch) {
      cachedOrder = DirectoryIterator.permutation(samples, seed, epoch);
      cachedEpoch = epoch;
    }
    return cachedOrder;
  }

  /** Prepares image {@code sample} of {@code epoch} into {@code out}: augment, standardize, save. Worker threads. */
  private void loadSample(int epoch, int sample, float[] out, int offset) throws java.io.IOException {
    int h = (int) imageShape[0];
    int w = (int) imageShape[1];
    int c = (int) imageShape[2];
    MersenneTwister random = augmenter != null || saver != null
        ? new MersenneTwister((int) ImageDataGenerator.imageSeed(seed, epoch, sample)) : null;
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
