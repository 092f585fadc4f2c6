package io.github.keras4j.data.image;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images of a folder of class subfolders as batches: Keras's {@code DirectoryIterator}, made by
 * {@link ImageDataGenerator#flowFromDirectory(Path, FlowOptions)}, and a
 * {@link io.github.keras4j.models.BatchSource} that {@code fit},
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
public final class DirectoryIterator extends AbstractImageIterator {
  /** The file extensions Keras reads ({@code white_list_formats}), compared case-insensitively. */
  static final List<String> WHITE_LIST = List.of("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff");

  private final Path directory;
  private final List<Path> filepaths;
  private final List<String> filenames;
  private final int[] classes;
  private final Map<String, Integer> classIndices;
  private final String classMode;
  private final int channels;
  private final Resampler.Filter filter;
  private final Augmenter augmenter;
  private final ImageDataGenerator.Standardizer standardizer;
  private final ImageSaver saver;
  private final ThreadLocal<float[]> scratch;
  private final boolean skipCorrupt;
  private final Set<Path> warned = ConcurrentHashMap.newKeySet();

  private DirectoryIterator(Path directory, List<String> classNames, List<Path> filepaths, List<String> filenames,
      int[] classes, FlowOptions options, Augmenter augmenter, ImageDataGenerator.Standardizer standardizer,
      ImageSaver saver) {
    super("DirectoryIterator", options, new long[] {options.targetHeight(), options.targetWidth(),
        ImageUtils.channelsOf(options.colorMode(), "flowFromDirectory")},
        options.classMode() == null ? 0 : options.classMode().equals("categorical") ? classNames.size() : 1,
        filepaths.size());
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
    this.channels = (int) imageShape[2];
    this.filter = Resampler.Filter.of(options.interpolation(), "flowFromDirectory");
    this.augmenter = augmenter.active() ? augmenter : null;
    this.standardizer = standardizer;
    this.saver = saver;
    this.skipCorrupt = options.onCorruptImage() == FlowOptions.OnCorruptImage.SKIP;
    int size = sampleSize;
    this.scratch = ThreadLocal.withInitial(() -> new float[size]);
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

  /** Returns the label encoding: "categorical", "binary", "sparse", or {@code null} for none. */
  public String classMode() {
    return classMode;
  }

  // ------------------------------------------------------------------------------------------------ BatchSource

  /** Returns true for "sparse" (class indices); "binary" labels are 0/1 values for binary cross-entropy. */
  @Override
  public boolean integerLabels() {
    return "sparse".equals(classMode);
  }

  @Override
  public String toString() {
    return "DirectoryIterator(" + directory + ": " + samples() + " images, classes " + classIndices.keySet()
        + ", batches of " + batchSize() + ", image shape " + Arrays.toString(imageShape) + ")";
  }

  // ------------------------------------------------------------------------------------------------ internals

  /** Returns how many batch buffers the loader allocated (tests check the memory bound). */
  int allocatedBuffers() {
    return pipeline.allocatedBuffers();
  }

  @Override
  void encodeLabel(int sample, float[] out, int offset) {
    int c = classes[sample];
    if (labelSize() == 1) {
      out[offset] = c;
    } else {
      Arrays.fill(out, offset, offset + labelSize(), 0f);
      out[offset + c] = 1f;
    }
  }

  /**
   * Loads one image into {@code x}: decode and resize, augment (with the parameters of (seed, epoch, sample)),
   * standardize, and save when asked. Runs on worker threads.
   */
  @Override
  void loadSample(int epoch, int sample, float[] x, int offset) throws IOException {
    Path file = filepaths.get(sample);
    RasterImage image = ImageDecoder.decode(file, channels);
    MersenneTwister random = augmenter != null || saver != null
        ? new MersenneTwister((int) Seeds.imageSeed(seed(), epoch, sample)) : null;
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

  @Override
  boolean skip(int sample, Throwable failure) {
    if (!skipCorrupt || !(failure instanceof InvalidImageException invalid)) {
      return false;
    }
    if (warned.add(invalid.path())) {
      System.err.println("Warning: flowFromDirectory skips an image it cannot decode: " + invalid.getMessage());
    }
    return true;
  }
}
