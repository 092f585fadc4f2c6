package io.github.keras4j.data.image;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.BatchSource;
import java.io.IOException;
import java.util.Arrays;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The batching both image iterators share, as Keras's {@code keras.preprocessing.image.Iterator}: the order of each
 * epoch (a permutation of (seed, epoch) when shuffling), batches of {@link #batchSize()} images prepared ahead by
 * worker threads, {@link #next()} for Keras's {@code next(iterator)}, and the {@link BatchSource} methods that
 * {@code fit}, {@code evaluate} and {@code predict} read. Subclasses say how one image is prepared and how its label
 * is encoded: {@link DirectoryIterator} (image files in class folders) and {@link NumpyArrayIterator} (images in
 * memory).
 *
 * <p>Every image's augmentation depends on (seed, epoch, image) alone, so batches are reproducible for a seed and do
 * not depend on the number of workers.
 */
public abstract class AbstractImageIterator implements BatchSource {
  private final String name;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  final long[] imageShape;
  final int sampleSize;
  private final int labelSize;
  private final int[] identity;
  final BatchPipeline pipeline;

  private int epoch;
  private int nextEpoch;
  private int nextStep;
  private int cachedEpoch = -1;
  private int[] cachedOrder;
  private float[] labelBuffer;

  /**
   * Creates the shared state; the subclass's {@link #loadSample} and {@link #skip} are called later, by the
   * workers.
   */
  AbstractImageIterator(String name, FlowOptions options, long[] imageShape, int labelSize, int samples) {
    this.name = name;
    this.batchSize = options.batchSize();
    this.shuffle = options.shuffle();
    this.seed = options.seed() != null ? options.seed() : KerasContext.current().nextSeed();
    this.imageShape = imageShape.clone();
    this.sampleSize = Math.toIntExact(Math.multiplyExact(Math.multiplyExact(imageShape[0], imageShape[1]),
        imageShape[2]));
    this.labelSize = labelSize;
    this.pipeline = new BatchPipeline(batchSize, sampleSize, options.workers(), options.prefetchBatches(),
        this::loadSample, this::skip);
    this.identity = new int[samples];
    for (int i = 0; i < samples; i++) {
      identity[i] = i;
    }
  }

  /** Prepares image {@code sample} of {@code epoch} into {@code out} from {@code offset}. Worker threads. */
  abstract void loadSample(int epoch, int sample, float[] out, int offset) throws IOException;

  /** Writes the label of image {@code sample} into {@code out} from {@code offset} ({@link #labelSize()} values). */
  abstract void encodeLabel(int sample, float[] out, int offset);

  /** Returns whether a failure to prepare image {@code sample} skips it (false: the batch fails). */
  boolean skip(int sample, Throwable failure) {
    return false;
  }

  /** Returns the number of images. */
  public int samples() {
    return identity.length;
  }

  /** Returns the shape of one image, {@code (height, width, channels)}. */
  public long[] imageShape() {
    return imageShape.clone();
  }

  /** Returns the seed of the shuffling and augmentation (the given one, or the one drawn when none was given). */
  public long seed() {
    return seed;
  }

  /**
   * Returns the next batch, as Keras's {@code next(iterator)}: the batches of epoch 0 in order, then those of epoch
   * 1 (reshuffled when shuffling, and re-augmented), and so on. The arrays are new for every call; labels are
   * {@code null} when the iterator has none.
   *
   * @throws java.io.UncheckedIOException if an image cannot be prepared (the message names the file)
   */
  public synchronized ImageBatch next() {
    if (nextStep >= steps()) {
      nextEpoch++;
      nextStep = 0;
    }
    BatchPipeline.Loaded loaded = pipeline.take(nextEpoch, orderFor(nextEpoch), nextStep, true);
    nextStep++;
    int count = loaded.count();
    int size = count * sampleSize;
    float[] values = loaded.x().length == size ? loaded.x() : Arrays.copyOf(loaded.x(), size);
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
   * Rewinds {@link #next()} to the first batch of epoch 0, cancels the work in flight and drops the batch buffers
   * (the next batch allocates them again).
   */
  public synchronized void reset() {
    nextEpoch = 0;
    nextStep = 0;
    pipeline.release();
  }

  // ------------------------------------------------------------------------------------------------ BatchSource

  /** Returns the number of images; the same as {@link #samples()}. */
  @Override
  public int size() {
    return identity.length;
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

  /** Returns the number of values of one image's label (0 without labels). */
  @Override
  public int labelSize() {
    return labelSize;
  }

  /** Selects epoch {@code epoch}'s order and augmentations and starts preparing its first batches. */
  @Override
  public synchronized void onEpochBegin(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException(name + ": epoch must be >= 0, but got epoch=" + epoch + ".");
    }
    this.epoch = epoch;
    pipeline.prefetch(epoch, orderFor(epoch), 0);
  }

  /**
   * Cancels the work in flight, so that no work outlives the epoch, and drops the batch buffers, so that an idle
   * iterator holds no batch memory (the batch last returned by {@link #batch(int)} stays as it is: its buffer is
   * no longer reused; the next epoch allocates buffers again).
   */
  @Override
  public synchronized void onEpochEnd(int epoch) {
    pipeline.release();
  }

  /**
   * Returns batch {@code step} of the current epoch: images flattened in (batch, height, width, channels) order and
   * labels as {@link #labelSize()} values per image. The arrays are reused by the next call.
   *
   * @throws IndexOutOfBoundsException if {@code step} is not in {@code [0, steps())}
   * @throws java.io.UncheckedIOException if an image cannot be prepared (the message names the file)
   */
  @Override
  public synchronized Batch batch(int step) {
    int steps = steps();
    if (step < 0 || step >= steps) {
      throw new IndexOutOfBoundsException(name + ": batch " + step + " is out of range; there are " + steps
          + " batches (0 to " + (steps - 1) + ").");
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

  private int[] orderFor(int epoch) {
    if (!shuffle) {
      return identity;
    }
    if (epoch != cachedEpoch) {
      cachedOrder = Seeds.permutation(identity.length, seed, epoch);
      cachedEpoch = epoch;
    }
    return cachedOrder;
  }
}
