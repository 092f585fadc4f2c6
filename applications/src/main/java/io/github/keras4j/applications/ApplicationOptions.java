package io.github.keras4j.applications;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The arguments Keras's application builders share ({@code include_top}, {@code weights}, {@code input_shape},
 * {@code pooling}, {@code classes}, {@code classifier_activation}), with Keras's defaults. Each application
 * ({@link VGG16}, {@link MobileNet}, {@link MobileNetV2}, {@link ResNet50}, …) takes a subclass, with its own extra
 * arguments where Keras has them (alpha).
 *
 * @param <O> the concrete options type, for fluent chaining
 */
public abstract class ApplicationOptions<O extends ApplicationOptions<O>> {
  /** The {@code weights} value that loads the ImageNet weights through the cache. */
  public static final String IMAGENET = "imagenet";

  private boolean includeTop = true;
  private String weights = IMAGENET;
  private Path weightsFile;
  private int[] inputShape;
  private String pooling;
  private int classes = 1000;
  private String classifierActivation = "softmax";

  /** Creates options with Keras's defaults. */
  protected ApplicationOptions() {}

  @SuppressWarnings("unchecked")
  private O self() {
    return (O) this;
  }

  /** Whether to include the fully connected classifier on top (default true). */
  public O includeTop(boolean includeTop) {
    this.includeTop = includeTop;
    return self();
  }

  /**
   * {@code "imagenet"} (default: download or take from the cache) or {@code null} (random initialization).
   *
   * @throws IllegalArgumentException for any other name (give a file with {@link #weights(Path)})
   */
  public O weights(String weights) {
    if (weights != null && !weights.equals(IMAGENET)) {
      throw new IllegalArgumentException(
          "The `weights` argument should be either null (random initialization), \"imagenet\" (pre-training on"
              + " ImageNet), or the path to the weights file to be loaded (weights(Path)), but got \"" + weights
              + "\".");
    }
    this.weights = weights;
    this.weightsFile = null;
    return self();
  }

  /**
   * Loads weights from this Keras 2 {@code .h5} file by layer name instead of the ImageNet download; when no layer
   * of the file matches, the layers of a model nested in the file (e.g. {@code model_weights/sequential_1}) are
   * tried. A file without any matching layer is an error.
   */
  public O weights(Path file) {
    this.weightsFile = requireNonNull(file, "file");
    this.weights = null;
    return self();
  }

  /**
   * The input shape (rows, cols, channels); default (224, 224, 3), or what the weights require.
   *
   * @throws IllegalArgumentException unless three positive sizes with 3 channels
   */
  public O inputShape(int... shape) {
    if (shape.length != 3 || shape[0] <= 0 || shape[1] <= 0 || shape[2] != 3) {
      throw new IllegalArgumentException(
          "inputShape must be (rows, cols, 3) with positive sizes, but got " + Arrays.toString(shape) + ".");
    }
    this.inputShape = shape.clone();
    return self();
  }

  /**
   * Pooling after the last convolution when {@code includeTop} is false: {@code null} (4-D output),
   * {@code "avg"} or {@code "max"}.
   */
  public O pooling(String pooling) {
    if (pooling != null && !pooling.equals("avg") && !pooling.equals("max")) {
      throw new IllegalArgumentException(
          "pooling must be null, \"avg\" or \"max\", but got \"" + pooling + "\".");
    }
    this.pooling = pooling;
    return self();
  }

  /**
   * The number of classes of the top classifier (default 1000).
   *
   * @throws IllegalArgumentException if not positive
   */
  public O classes(int classes) {
    if (classes <= 0) {
      throw new IllegalArgumentException("classes must be positive, but got classes=" + classes + ".");
    }
    this.classes = classes;
    return self();
  }

  /** The activation of the top layer (default softmax). */
  public O classifierActivation(String activation) {
    this.classifierActivation = requireNonNull(activation, "activation").toLowerCase(Locale.ROOT);
    return self();
  }

  /** Returns whether the classifier is included. */
  public boolean includeTop() {
    return includeTop;
  }

  /** Returns {@code "imagenet"} or {@code null}. */
  public String weights() {
    return weights;
  }

  /** Returns the weights file, or {@code null}. */
  public Path weightsFile() {
    return weightsFile;
  }

  /** Returns the requested input shape, or {@code null} for the default. */
  public int[] inputShape() {
    return inputShape == null ? null : inputShape.clone();
  }

  /** Returns the pooling, or {@code null}. */
  public String pooling() {
    return pooling;
  }

  /** Returns the number of classes. */
  public int classes() {
    return classes;
  }

  /** Returns the classifier activation. */
  public String classifierActivation() {
    return classifierActivation;
  }

  /** Keras's checks shared by the applications: ImageNet weights with a top need 1000 classes. */
  void validate(String model) {
    if (IMAGENET.equals(weights) && includeTop && classes != 1000) {
      throw new IllegalArgumentException(
          model + ": if using `weights` as `\"imagenet\"` with `include_top` as true, `classes` should be 1000,"
              + " but got classes=" + classes + ".");
    }
    if (IMAGENET.equals(weights) && includeTop && !classifierActivation.equals("softmax")) {
      throw new IllegalArgumentException(
          model + ": only `None` and `softmax` activations are allowed for the `classifier_activation` argument"
              + " when using pretrained weights, with `include_top=True`; but got \"" + classifierActivation
              + "\".");
    }
  }
}
