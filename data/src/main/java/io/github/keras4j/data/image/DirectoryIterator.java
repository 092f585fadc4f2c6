package io.github.keras4j.data.image;

import io.github.keras4j.backend.KerasContext;
import io.github.keras4j.models.BatchSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The images of a folder of class subfolders as batches: Keras's {@code DirectoryIterator}, made by
 * {@link ImageDataGenerator#flowFromDirectory(Path, FlowOptions)}, and a {@link BatchSource} that {@code fit},
 * {@code evaluate} and {@code predict} read.
 *
 * <pre>{@code
 * cnn.fit(trainBatches, new FitOptions().validationData(validBatches).epochs(10).verbose(2));
 * float[][] predictions = cnn.predict(testBatches, new PredictOptions());   // test: shuffle(false), file order
 * int[] truth = testBatches.classes();
 * }</pre>
 *
 * <p>Order: the samples are the files of each class in class-index order, files sorted by path within a class
 * ({@link #filenames()}, {@link #classes()}). Without shuffling, batches follow that order; with it, epoch
 * {@code e} uses a permutation that depends only on the seed and {@code e}, so runs are reproducible and
 * independent of the number of worker threads. {@link #next()} walks the epochs in turn, as Keras's
 * {@code next(iterator)}: after the last batch of an epoch it starts the next epoch in a new order.
 *
 * <p>Augmentation: when the generator augments, image {@code i} of epoch {@code e} is transformed with the
 * parameters drawn from (seed, e, i) alone ({@link ImageDataGenerator#getRandomTransform(long[], long)} with a seed
 * mixed from the three), so batches are reproducible for a seed and do not depend on the number of workers, and
 * every epoch sees new variations. Keras draws from numpy's global generator instead, so its streams cannot be
 * reproduced image for image.
 *
 * <p>Loading: worker threads ({@link FlowOptions#workers(int)}) decode, resize, augment and preprocess the images of
 * the next {@link FlowOptions#prefetchBatches(int)} batches while the current one is used. The workers are daemon
 * threads named {@code keras4j-image-loader-N} that end after a second without work; {@link #onEpochEnd(int)}
 * (called by {@code fit} after each epoch) and {@link #reset()} cancel the work in flight. An image that cannot be decoded
 * fails the batch request with an {@link java.io.UncheckedIOException} whose message names the file (cause:
 * {@link InvalidImageException}), unless {@link FlowOptions.OnCorruptImage#SKIP} is set.
 *
 * <p>The methods are synchronized; one consumer at a time is expected.
 */
public final class DirectoryIterator implements BatchSource {
  /** The file extensions Keras reads ({@code white_list_formats}), compared case-insensitively. */
  static final List<String> WHITE_LIST = List.of("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff");

  private final Path directory;
  private final List<Path> filepaths;
  private final List<String> filenames;
  private final int[] classes;
  private final Map<String, Integer> classIndices;
  private final String classMode;
  private final int labelSize;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final long[] imageShape;
  private final int channels;
  private final Resampler.Filter filter;
  private final Augmenter augmenter;
  private final ImageDataGenerator.Standardizer standardizer;
  private final ImageSaver saver;
  private final ThreadLocal<float[]> scratch;
  private final boolean skipCorrupt;
  private final Set<Path> warned = ConcurrentHashMap.newKeySet();
  private final BatchPipeline pipeline;
  private final int[] identity;

  private int epoch;
  private int nextEpoch;
  private int nextStep;
  private int cachedEpoch = -1;
  private int[] cachedOrder;
  private float[] labelBuffer;

  private DirectoryIterator(Path directory, List<String> classNames, List<Path> filepaths, List<String> filenames,
      int[] classes, FlowOptions options, Augmenter augmenter, ImageDataGenerator.Standardizer standardizer,
      ImageSaver saver) {
    this.directory = directory;
    this.filepaths = Collections.unmodifiableList(filepaths);
    this.filenames = Collections.unmodifiableList(filenames);
    this.classes = classes;
    Map<String, Integer> indices = new LinkedHashMap<>();
    for (int i = 0; i < classNames.size(); i++) {
      indices.put(classNames.get(i), i);
    }
    this.classIndices = Collections.unmodifiableMap(indices);
    this.classMode = options.classMode();
    this.labelSize = classMode == null ? 0 : classMode.equals("categorical") ? classNames.size() : 1;
    this.batchSize = options.batchSize();
    this.shuffle = options.shuffle();
    this.seed = options.seed() != null ? options.seed() : KerasContext.current().nextSeed();
    this.channels = ImageUtils.channelsOf(options.colorMode(), "flowFromDirectory");
    this.imageShape = new long[] {options.targetHeight(), options.targetWidth(), channels};
    this.filter = Resampler.Filter.of(options.interpolation(), "flowFromDirectory");
    this.augmenter = augmenter.active() ? augmenter : null;
    this.standardizer = standardizer;
    this.saver = saver;
    this.skipCorrupt = options.onCorruptImage() == FlowOptions.OnCorruptImage.SKIP;
    int sampleSize = Math.multiplyExact(Math.multiplyExact(options.targetHeight(), options.targetWidth()), channels);
    this.scratch = ThreadLocal.withInitial(() -> new float[sampleSize]);
    this.pipeline = new BatchPipeline(
        batchSize, sampleSize, options.workers(), options.prefetchBatches(), this::loadSample, this::skip);
    this.identity = new int[filepaths.size()];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
  }

  /** Lists the folder, prints Keras's "Found" line and makes the iterator. */
  static DirectoryIterator create(Path directory, FlowOptions options, Augmenter augmenter,
      ImageDataGenerator.Standardizer standardizer) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    if (!Files.exists(absolute)) {
      throw new NoSuchFileException(absolute.toString(), null,
          "flowFromDirectory: no such directory; expected a folder with one subfolder of images per class, such as "
              + absolute.resolve("cat") + "/");
    }
    if (!Files.isDirectory(absolute)) {
      throw new FileSystemException(absolute.toString(), null,
          "flowFromDirectory: not a directory; expected a folder with one subfolder of images per class");
    }
    List<String> subfolders = new ArrayList<>();
    int loose = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(absolute)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          subfolders.add(entry.getFileName().toString());
        } else if (isImageName(entry.getFileName().toString())) {
          loose++;
        }
      }
    }
    Collections.sort(subfolders);
    List<String> classNames = options.classes() != null ? options.classes() : subfolders;
    if (options.classes() != null) {
      List<String> missing = new ArrayList<>(classNames);
      missing.removeAll(subfolders);
      if (!missing.isEmpty()) {
        List<String> extra = new ArrayList<>(subfolders);
        extra.removeAll(classNames);
        throw new IllegalArgumentException("flowFromDirectory: " + absolute + " has no subfolder for "
            + (missing.size() == 1 ? "class " : "classes ") + missing + " of classes=" + classNames
            + (subfolders.isEmpty() ? "; it has no subfolders at all."
                : "; its subfolders are " + subfolders + (extra.isEmpty() ? "." : " (not among the classes: " + extra
                    + ")."))
            + " Name the classes after the subfolders, or organize the images into one subfolder per class.");
      }
    }
    if ("binary".equals(options.classMode()) && classNames.size() != 2) {
      throw new IllegalArgumentException("flowFromDirectory: classMode 'binary' needs exactly 2 classes, but "
          + absolute + " gives " + classNames.size() + ": " + classNames
          + ". Use classMode 'categorical' or 'sparse', or choose two classes with classes(...).");
    }
    List<Path> paths = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classNames.size(); c++) {
      for (Path file : imageFiles(absolute.resolve(classNames.get(c)))) {
        paths.add(file);
        names.add(absolute.relativize(file).toString());
        labels.add(c);
      }
    }
    System.out.println("Found " + paths.size() + " images belonging to " + classNames.size() + " classes.");
    System.out.flush();
    if (paths.isEmpty()) {
      String expected = " Expected one subfolder per class (such as " + absolute.resolve("cat") + "/ and "
          + absolute.resolve("dog") + "/) holding the images (" + String.join(", ", WHITE_LIST) + ").";
      String found = classNames.isEmpty()
          ? (loose > 0 ? " It has " + loose + " image files directly inside and no class subfolders." : "")
          : " Its class subfolders " + classNames + " hold no image files.";
      throw new IllegalArgumentException("flowFromDirectory: found no images in " + absolute + "." + found + expected);
    }
    int[] classes = labels.stream().mapToInt(Integer::intValue).toArray();
    ImageSaver saver = ImageSaver.create(options, 10_000_000);
    return new DirectoryIterator(absolute, classNames, paths, names, classes, options, augmenter, standardizer,
        saver);
  }

  private static boolean isImageName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : WHITE_LIST) {
      if (lower.endsWith("." + ext)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Lists the image files under a class folder as Keras's {@code _iter_valid_files}: every folder below it (not
   * following links to folders), folders in path order, files sorted by name within each.
   */
  private static List<Path> imageFiles(Path classFolder) throws IOException {
    List<Path> folders = new ArrayList<>();
    collectFolders(classFolder, folders);
    folders.sort(Comparator.comparing(Path::toString));
    List<Path> files = new ArrayList<>();
    for (Path folder : folders) {
      List<Path> here = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          if (!Files.isDirectory(entry) && isImageName(entry.getFileName().toString())) {
            here.add(entry);
          }
        }
      }
      here.sort(Comparator.comparing(p -> p.getFileName().toString()));
      files.addAll(here);
    }
    return files;
  }

  private static void collectFolders(Path folder, List<Path> out) throws IOException {
    out.add(folder);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry) && !Files.isSymbolicLink(entry)) {
          collectFolders(entry, out);
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ Keras API

  /** Returns the folder the images come from (absolute). */
  public Path directory() {
    return directory;
  }

  /** Returns the number of images found (Keras's {@code samples}). */
  public int samples() {
    return filepaths.size();
  }

  /** Returns the number of classes. */
  public int numClasses() {
    return classIndices.size();
  }

  /** Returns each image's class index, in file order (Keras's {@code classes}); a new array. */
  public int[] classes() {
    return classes.clone();
  }

  /** Returns the class names mapped to their indices, in index order (Keras's {@code class_indices}). */
  public Map<String, Integer> classIndices() {
    return classIndices;
  }

  /** Returns each image's path relative to {@link #directory()}, such as {@code cat/cat.1.jpg}, in file order. */
  public List<String> filenames() {
    return filenames;
  }

  /** Returns each image's absolute path, in file order (Keras's {@code filepaths}). */
  public List<Path> filepaths() {
    return filepaths;
  }

  /** Returns the shape of one image: {@code (height, width, channels)} (Keras's {@code image_shape}). */
  public long[] imageShape() {
    return imageShape.clone();
  }

  /** Returns the label encoding: "categorical", "binary", "sparse", or {@code null} for none. */
  public String classMode() {
    return classMode;
  }

  /** Returns the seed of the shuffling and augmentation (the given one, or the one drawn when none was given). */
  public long seed() {
    return seed;
  }

  /**
   * Returns the next batch, as Keras's {@code next(iterator)}: batches of epoch 0 in order, then those of epoch 1
   * (reshuffled when shuffling), and so on. The arrays are new for every call.
   *
   * @throws java.io.UncheckedIOException if an image cannot be read (the message names the file)
   */
  public synchronized ImageBatch next() {
    if (nextStep >= steps()) {
      nextEpoch++;
      nextStep = 0;
    }
    BatchPipeline.Loaded loaded = pipeline.take(nextEpoch, orderFor(nextEpoch), nextStep, true);
    nextStep++;
    int count = loaded.count();
    float[] x = loaded.x();
    int size = count * (int) (imageShape[0] * imageShape[1] * imageShape[2]);
    float[] values = x.length == size ? x : Arrays.copyOf(x, size);
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

  /** Rewinds {@link #next()} to the first batch of epoch 0 and cancels the loading in flight. */
  public synchronized void reset() {
    nextEpoch = 0;
    nextStep = 0;
    pipeline.cancel();
  }

  // ------------------------------------------------------------------------------------------------ BatchSource

  /** Returns the number of images; the same as {@link #samples()}. */
  @Override
  public int size() {
    return filepaths.size();
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

  /** Returns the number of classes for "categorical", 1 for "binary" and "sparse", 0 without labels. */
  @Override
  public int labelSize() {
    return labelSize;
  }

  /** Returns true for "sparse" (class indices); "binary" labels are 0/1 values for binary cross-entropy. */
  @Override
  public boolean integerLabels() {
    return "sparse".equals(classMode);
  }

  /** Selects epoch {@code epoch}'s order and starts loading its first batches. */
  @Override
  public synchronized void onEpochBegin(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("DirectoryIterator: epoch must be >= 0, but got epoch=" + epoch + ".");
    }
    this.epoch = epoch;
    pipeline.prefetch(epoch, orderFor(epoch), 0);
  }

  /** Cancels the loading in flight, so that no work outlives the epoch. */
  @Override
  public synchronized void onEpochEnd(int epoch) {
    pipeline.cancel();
  }

  /**
   * Returns batch {@code step} of the current epoch: images flattened in (batch, height, width, channels) order and
   * labels as {@link #labelSize()} values per image. The arrays are reused by the next call.
   *
   * @throws IndexOutOfBoundsException if {@code step} is not in {@code [0, steps())}
   * @throws java.io.UncheckedIOException if an image cannot be read (the message names the file)
   */
  @Override
  public synchronized Batch batch(int step) {
    int steps = steps();
    if (step < 0 || step >= steps) {
      throw new IndexOutOfBoundsException("DirectoryIterator: batch " + step + " is out of range; there are " + steps
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

  @Override
  public String toString() {
    return "DirectoryIterator(" + directory + ": " + samples() + " images, classes " + classIndices.keySet()
        + ", batches of " + batchSize + ", image shape " + Arrays.toString(imageShape) + ")";
  }

  // ------------------------------------------------------------------------------------------------ internals

  /** Returns how many batch buffers the loader allocated (tests check the memory bound). */
  int allocatedBuffers() {
    return pipeline.allocatedBuffers();
  }

  private void encodeLabel(int sample, float[] out, int offset) {
    int c = classes[sample];
    if (labelSize == 1) {
      out[offset] = c;
    } else {
      Arrays.fill(out, offset, offset + labelSize, 0f);
      out[offset + c] = 1f;
    }
  }

  private int[] orderFor(int epoch) {
    if (!shuffle) {
      return identity;
    }
    if (epoch != cachedEpoch) {
      cachedOrder = permutation(identity.length, seed, epoch);
      cachedEpoch = epoch;
    }
    return cachedOrder;
  }

  /** Returns epoch {@code epoch}'s order of {@code n} samples: a Fisher–Yates shuffle seeded by (seed, epoch). */
  static int[] permutation(int n, long seed, int epoch) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(mix(seed, epoch));
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Mixes seed and epoch into one well-spread seed (SplitMix64's finalizer). */
  private static long mix(long seed, long epoch) {
    long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Loads one image into {@code x}: decode and resize, augment (with the parameters of (seed, epoch, sample)),
   * standardize, and save when asked. Runs on worker threads.
   */
  private void loadSample(int epoch, int sample, float[] x, int offset) throws IOException {
    Path file = filepaths.get(sample);
    RasterImage image = ImageDecoder.decode(file, channels);
    MersenneTwister random = augmenter != null || saver != null
        ? new MersenneTwister((int) ImageDataGenerator.imageSeed(seed, epoch, sample)) : null;
    if (augmenter == null) {
      Resampler.resizeToFloats(image, (int) imageShape[0], (int) imageShape[1], filter, x, offset);
    } else {
      float[] loaded = scratch.get();
      Resampler.resizeToFloats(image, (int) imageShape[0], (int) imageShape[1], filter, loaded, 0);
      TransformParameters parameters = augmenter.draw(imageShape, random);
      augmenter.apply(loaded, 0, (int) imageShape[0], (int) imageShape[1], channels, parameters, x, offset);
    }
    standardizer.apply(x, offset, imageShape, file);
    if (saver != null) {
      saver.save(x, offset, imageShape, sample, random.nextInt(saver.hashBound()));
    }
  }

  private boolean skip(int sample, Throwable failure) {
    if (!skipCorrupt || !(failure instanceof InvalidImageException invalid)) {
      return false;
    }
    if (warned.add(invalid.path())) {
      System.err.println("Warning: flowFromDirectory skips an image it cannot decode: " + invalid.getMessage());
    }
    return true;
  }
}
