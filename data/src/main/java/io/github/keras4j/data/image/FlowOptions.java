package io.github.keras4j.data.image;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keyword arguments of Keras's {@code flow_from_directory} and {@code flow}, with Keras's defaults, plus the
 * settings of the background loading pipeline. {@code flow} over in-memory images reads the batch size, shuffling,
 * seed, saving and loader settings; the others describe files.
 *
 * <pre>{@code
 * new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10).shuffle(false)
 * new FlowOptions().batchSize(1).seed(7).saveToDir(Path.of("target/augmented")).savePrefix("aug-image-")
 *     .saveFormat("jpeg")
 * }</pre>
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>{@link #targetSize(int, int)}</td><td>256 × 256</td></tr>
 *   <tr><td>{@link #colorMode(String)}</td><td>{@code "rgb"}</td></tr>
 *   <tr><td>{@link #classes(String...)}</td><td>the subfolder names, sorted</td></tr>
 *   <tr><td>{@link #classMode(String)}</td><td>{@code "categorical"}</td></tr>
 *   <tr><td>{@link #batchSize(int)}</td><td>32</td></tr>
 *   <tr><td>{@link #shuffle(boolean)}</td><td>true</td></tr>
 *   <tr><td>{@link #seed(long)}</td><td>none: drawn from Keras4J's seed generator</td></tr>
 *   <tr><td>{@link #interpolation(String)}</td><td>{@code "nearest"}</td></tr>
 *   <tr><td>{@link #onCorruptImage(OnCorruptImage)}</td><td>{@link OnCorruptImage#FAIL}</td></tr>
 *   <tr><td>{@link #saveToDir(Path)}</td><td>none: images are not saved</td></tr>
 *   <tr><td>{@link #savePrefix(String)}</td><td>{@code ""}</td></tr>
 *   <tr><td>{@link #saveFormat(String)}</td><td>{@code "png"}</td></tr>
 *   <tr><td>{@link #workers(int)}</td><td>the number of cores, at least 2 and at most 8</td></tr>
 *   <tr><td>{@link #prefetchBatches(int)}</td><td>2</td></tr>
 * </table>
 */
public final class FlowOptions {
  /** What a batch does with an image file that cannot be decoded. */
  public enum OnCorruptImage {
    /** Fail: the batch request throws an exception naming the file (Keras's behavior). */
    FAIL,
    /**
     * Skip: the image is left out of its batch (which is then one sample shorter) and a warning naming the file is
     * printed to {@code System.err}, once per file. {@code predict} then returns fewer rows than
     * {@code samples()}, so use it for training only.
     */
    SKIP
  }

  private int targetHeight = 256;
  private int targetWidth = 256;
  private String colorMode = "rgb";
  private List<String> classes;
  private String classMode = "categorical";
  private int batchSize = 32;
  private boolean shuffle = true;
  private Long seed;
  private String interpolation = "nearest";
  private OnCorruptImage onCorruptImage = OnCorruptImage.FAIL;
  private int workers = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
  private int prefetchBatches = 2;
  private Path saveToDir;
  private String savePrefix = "";
  private String saveFormat = "png";

  /** Creates options with Keras's defaults. */
  public FlowOptions() {}

  /**
   * Sets the size every image is resized to (Keras's {@code target_size=(height, width)}); default 256 × 256.
   *
   * @throws IllegalArgumentException if either is not positive
   */
  public FlowOptions targetSize(int height, int width) {
    ImageUtils.checkTargetSize(height, width, "FlowOptions.targetSize");
    this.targetHeight = height;
    this.targetWidth = width;
    return this;
  }

  /** Returns the target height. */
  public int targetHeight() {
    return targetHeight;
  }

  /** Returns the target width. */
  public int targetWidth() {
    return targetWidth;
  }

  /**
   * Sets the color mode: {@code "rgb"} (3 channels, default), {@code "grayscale"} (1, PIL's luma) or {@code "rgba"}
   * (4).
   *
   * @throws IllegalArgumentException if not one of those
   */
  public FlowOptions colorMode(String colorMode) {
    ImageUtils.channelsOf(colorMode, "FlowOptions.colorMode");
    this.colorMode = colorMode;
    return this;
  }

  /** Returns the color mode. */
  public String colorMode() {
    return colorMode;
  }

  /**
   * Sets the class subfolders to read, in class-index order (Keras's {@code classes}); by default every subfolder,
   * sorted by name. Every named folder must exist.
   *
   * @throws IllegalArgumentException if empty, a name is blank or repeated
   */
  public FlowOptions classes(String... classes) {
    requireNonNull(classes, "classes");
    return classes(List.of(classes));
  }

  /**
   * Sets the class subfolders to read, in class-index order.
   *
   * @see #classes(String...)
   */
  public FlowOptions classes(List<String> classes) {
    requireNonNull(classes, "classes");
    if (classes.isEmpty()) {
      throw new IllegalArgumentException(
          "FlowOptions: classes must name at least one class subfolder, but got an empty list.");
    }
    Set<String> seen = new HashSet<>();
    for (String c : classes) {
      requireNonNull(c, "classes element");
      if (c.isBlank()) {
        throw new IllegalArgumentException("FlowOptions: class names must not be blank, but got " + classes + ".");
      }
      if (!seen.add(c)) {
        throw new IllegalArgumentException(
            "FlowOptions: class '" + c + "' is listed twice in classes=" + classes + ".");
      }
    }
    this.classes = List.copyOf(new ArrayList<>(classes));
    return this;
  }

  /** Returns the classes given, or {@code null} when they are the sorted subfolder names. */
  public List<String> classes() {
    return classes;
  }

  /**
   * Sets the label encoding: {@code "categorical"} (one-hot rows, default), {@code "binary"} (one 0/1 value; needs
   * exactly two classes), {@code "sparse"} (the class index) or {@code null} / {@code "none"} (no labels, as
   * Keras's {@code class_mode=None}, for predict).
   *
   * @throws IllegalArgumentException if not one of those
   */
  public FlowOptions classMode(String classMode) {
    if (classMode == null || classMode.equals("none")) {
      this.classMode = null;
      return this;
    }
    if (!classMode.equals("categorical") && !classMode.equals("binary") && !classMode.equals("sparse")) {
      throw new IllegalArgumentException("FlowOptions: classMode must be one of 'categorical', 'binary', 'sparse',"
          + " or null for no labels, but got classMode='" + classMode + "'.");
    }
    this.classMode = classMode;
    return this;
  }

  /** Returns the label encoding, {@code null} for none. */
  public String classMode() {
    return classMode;
  }

  /**
   * Sets the number of images per batch; default 32.
   *
   * @throws IllegalArgumentException if not positive
   */
  public FlowOptions batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "FlowOptions: batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /** Returns the batch size. */
  public int batchSize() {
    return batchSize;
  }

  /** Sets whether the order is reshuffled every epoch (default true); false gives file order. */
  public FlowOptions shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** Returns whether batches are shuffled. */
  public boolean shuffle() {
    return shuffle;
  }

  /**
   * Sets the seed of the shuffling and of the augmentation: epoch {@code e}'s order is a function of (seed, e)
   * alone, and the augmentation of image {@code i} in epoch {@code e} a function of (seed, e, i) alone, whatever the
   * number of worker threads.
   */
  public FlowOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Returns the seed, or {@code null} when none was given. */
  public Long seed() {
    return seed;
  }

  /**
   * Sets how images are resized: {@code "nearest"} (default), {@code "bilinear"}, {@code "bicubic"},
   * {@code "lanczos"}, {@code "box"} or {@code "hamming"}, as PIL's filters of those names.
   *
   * @throws IllegalArgumentException if not one of those
   */
  public FlowOptions interpolation(String interpolation) {
    this.interpolation = Resampler.Filter.of(interpolation, "FlowOptions.interpolation").keras;
    return this;
  }

  /** Returns the interpolation. */
  public String interpolation() {
    return interpolation;
  }

  /** Sets what happens to an image file that cannot be decoded; default {@link OnCorruptImage#FAIL}. */
  public FlowOptions onCorruptImage(OnCorruptImage onCorruptImage) {
    this.onCorruptImage = requireNonNull(onCorruptImage, "onCorruptImage");
    return this;
  }

  /** Returns the corrupt-image policy. */
  public OnCorruptImage onCorruptImage() {
    return onCorruptImage;
  }

  /**
   * Sets the number of threads that decode and resize images; default: the number of cores, at least 2 and at
   * most 8. Batches are the same for any number.
   *
   * @throws IllegalArgumentException if not positive
   */
  public FlowOptions workers(int workers) {
    if (workers <= 0) {
      throw new IllegalArgumentException(
          "FlowOptions: workers must be a positive integer, but got workers=" + workers + ".");
    }
    this.workers = workers;
    return this;
  }

  /** Returns the number of worker threads. */
  public int workers() {
    return workers;
  }

  /**
   * Sets how many batches are loaded ahead of the one being consumed; default 2. At most
   * {@code prefetchBatches + 1} batch buffers exist per iterator; 0 loads each batch when it is asked for.
   *
   * @throws IllegalArgumentException if negative
   */
  public FlowOptions prefetchBatches(int prefetchBatches) {
    if (prefetchBatches < 0) {
      throw new IllegalArgumentException(
          "FlowOptions: prefetchBatches must be >= 0, but got prefetchBatches=" + prefetchBatches + ".");
    }
    this.prefetchBatches = prefetchBatches;
    return this;
  }

  /** Returns the number of batches loaded ahead. */
  public int prefetchBatches() {
    return prefetchBatches;
  }

  /**
   * Sets a folder where every image of every batch is also saved, after augmentation and standardization, as
   * Keras's {@code save_to_dir} ("useful for visualizing what you are doing"): named
   * {@code <prefix>_<index>_<hash>.<format>}, with the image's index in the data and a random number (below 10⁴
   * for {@code flow}, 10⁷ for {@code flowFromDirectory}, as in Keras), min-max scaled to 0..255 as Keras's
   * {@code array_to_img}. The folder is created when the iterator is made; {@code null} (the default) saves
   * nothing.
   *
   * @throws IllegalArgumentException if the path exists and is not a folder
   */
  public FlowOptions saveToDir(Path saveToDir) {
    if (saveToDir != null) {
      ImageSaver.checkNotAFile(saveToDir);
    }
    this.saveToDir = saveToDir;
    return this;
  }

  /** Returns the folder augmented images are saved to, or {@code null} when they are not saved. */
  public Path saveToDir() {
    return saveToDir;
  }

  /** Sets the prefix of saved file names (Keras's {@code save_prefix}); default {@code ""}. */
  public FlowOptions savePrefix(String savePrefix) {
    requireNonNull(savePrefix, "savePrefix");
    if (savePrefix.indexOf('/') >= 0 || savePrefix.indexOf('\\') >= 0 || savePrefix.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("FlowOptions: savePrefix must be a file name prefix without folder"
          + " separators, but got savePrefix='" + savePrefix + "'; put folders into saveToDir.");
    }
    this.savePrefix = savePrefix;
    return this;
  }

  /** Returns the prefix of saved file names. */
  public String savePrefix() {
    return savePrefix;
  }

  /**
   * Sets the format of saved images (Keras's {@code save_format}): {@code "png"} (default), {@code "jpeg"} or
   * {@code "jpg"}, {@code "bmp"}, {@code "gif"}, {@code "tif"} or {@code "tiff"}; it is also the file extension.
   *
   * @throws IllegalArgumentException if not one of those
   */
  public FlowOptions saveFormat(String saveFormat) {
    this.saveFormat = ImageSaver.checkFormat(saveFormat);
    return this;
  }

  /** Returns the format of saved images. */
  public String saveFormat() {
    return saveFormat;
  }

  /** Returns an independent copy. */
  FlowOptions copy() {
    FlowOptions c = new FlowOptions();
    c.targetHeight = targetHeight;
    c.targetWidth = targetWidth;
    c.colorMode = colorMode;
    c.classes = classes;
    c.classMode = classMode;
    c.batchSize = batchSize;
    c.shuffle = shuffle;
    c.seed = seed;
    c.interpolation = interpolation;
    c.onCorruptImage = onCorruptImage;
    c.workers = workers;
    c.prefetchBatches = prefetchBatches;
    c.saveToDir = saveToDir;
    c.savePrefix = savePrefix;
    c.saveFormat = saveFormat;
    return c;
  }
}
