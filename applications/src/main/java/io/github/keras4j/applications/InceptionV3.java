package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * InceptionV3 (Szegedy et al., 2015), as Keras's {@code keras.applications.inception_v3}, built exactly as
 * tf.keras 2.4 builds it: 94 {@code conv2d_bn} units (Conv2D without bias, BatchNormalization without scale,
 * ReLU; auto-named {@code conv2d}, {@code batch_normalization}, {@code activation}, …), the blocks {@code mixed0} …
 * {@code mixed10}, then {@code avg_pool} and {@code predictions}: 313 layers at 299×299, 23,851,784 parameters
 * (34,432 non-trainable).
 *
 * <pre>{@code
 * Model model = InceptionV3.create();                                 // ImageNet weights via the cache
 * Model base = InceptionV3.create(new InceptionV3.Options().includeTop(false).weights((String) null).pooling("avg"));
 * FloatNdArray x = InceptionV3.preprocessInput(batch);                // x / 127.5 - 1
 * }</pre>
 */
public final class InceptionV3 {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/inception_v3_weights_tf_dim_ordering_tf_kernels.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "9a0d58056eeedaa3f26cb7ebd46da564";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP = "https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "bcbd6486424b2319ff4ef7d526e38f63";

  private InceptionV3() {}

  /** InceptionV3's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 299×299×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds InceptionV3 with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there if
   * needed), as {@code keras.applications.InceptionV3()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /** Builds the graph without loading weights. */
  static Model build(ApplicationOptions<?> options) {
    return InceptionV3Graph.build(options);
  }

  /**
   * Builds InceptionV3 with these options. ImageNet weights are loaded layer by layer in order, as Keras's
   * {@code load_weights}; a file given with {@link Options#weights(java.nio.file.Path)} is loaded by layer name.
   *
   * @throws IllegalArgumentException for Keras's invalid combinations (ImageNet weights with a top need 1000
   *     classes and a 299×299×3 input; inputs smaller than 75×75)
   * @throws IOException if the weights file cannot be found, downloaded or read, or does not match
   */
  public static Model create(Options options) throws IOException {
    return Zoo.withWeights(build(options), options, WEIGHTS_URL, WEIGHTS_MD5, WEIGHTS_URL_NO_TOP, WEIGHTS_MD5_NO_TOP);
  }

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as InceptionV3 expects, as Keras's
   * {@code inception_v3.preprocess_input}: "tf" mode, {@code x / 127.5 − 1}, values from −1 to 1. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TF);
  }
}
