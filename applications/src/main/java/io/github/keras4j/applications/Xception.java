package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Xception (Chollet, 2017), as Keras's {@code keras.applications.xception}: {@code block1_conv1} … the entry flow
 * (blocks 2–4: separable convolutions, max pooling and a strided 1×1 residual), the middle flow (blocks 5–12: three
 * separable convolutions and an identity residual each), the exit flow (blocks 13–14), then {@code avg_pool} and
 * {@code predictions}: 134 layers at 299×299, 22,910,480 parameters (54,528 non-trainable).
 *
 * <pre>{@code
 * Model model = Xception.create();                                 // ImageNet weights via the cache
 * Model base = Xception.create(new Xception.Options().includeTop(false).weights((String) null).pooling("avg"));
 * FloatNdArray x = Xception.preprocessInput(batch);                // x / 127.5 - 1
 * }</pre>
 */
public final class Xception {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/xception/"
          + "xception_weights_tf_dim_ordering_tf_kernels.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "0a58e3b7378bc2990ea3b43d5981f1f6";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP =
      "https://storage.googleapis.com/tensorflow/keras-applications/xception/"
          + "xception_weights_tf_dim_ordering_tf_kernels_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "b0042744bf5b25fce3cb969f33bebb97";

  private Xception() {}

  /** Xception's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 299×299×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds Xception with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there if
   * needed), as {@code keras.applications.Xception()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /** Builds the graph without loading weights. */
  static Model build(ApplicationOptions<?> options) {
    return XceptionGraph.build(options);
  }

  /**
   * Builds Xception with these options. ImageNet weights are loaded layer by layer in order, as Keras's
   * {@code load_weights}; a file given with {@link Options#weights(java.nio.file.Path)} is loaded by layer name.
   *
   * @throws IllegalArgumentException for Keras's invalid combinations (ImageNet weights with a top need 1000
   *     classes and a 299×299×3 input; inputs smaller than 71×71)
   * @throws IOException if the weights file cannot be found, downloaded or read, or does not match
   */
  public static Model create(Options options) throws IOException {
    return Zoo.withWeights(build(options), options, WEIGHTS_URL, WEIGHTS_MD5, WEIGHTS_URL_NO_TOP, WEIGHTS_MD5_NO_TOP);
  }

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as Xception expects, as Keras's
   * {@code xception.preprocess_input}: "tf" mode, {@code x / 127.5 − 1}, values from −1 to 1. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TF);
  }
}
