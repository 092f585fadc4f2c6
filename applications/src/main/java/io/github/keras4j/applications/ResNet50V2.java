package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * ResNet50V2 (He et al., 2016, "Identity Mappings in Deep Residual Networks"), as Keras's
 * {@code keras.applications.resnet_v2}, built exactly as tf.keras 2.4 builds it: pre-activation bottleneck blocks
 * ({@code convN_blockM_preact_bn} … {@code convN_blockM_out}), {@code post_bn}, {@code post_relu}, then
 * {@code avg_pool} and {@code predictions}: 192 layers, 25,613,800 parameters (45,440 non-trainable).
 *
 * <pre>{@code
 * Model model = ResNet50V2.create();                                 // ImageNet weights via the cache
 * Model base = ResNet50V2.create(new ResNet50V2.Options().includeTop(false).weights((String) null).pooling("avg"));
 * FloatNdArray x = ResNet50V2.preprocessInput(batch);                // x / 127.5 - 1
 * }</pre>
 */
public final class ResNet50V2 {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50v2_weights_tf_dim_ordering_tf_kernels.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "3ef43a0b657b3be2300d5770ece849e0";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50v2_weights_tf_dim_ordering_tf_kernels_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "fac2f116257151a9d068a22e544a4917";

  private ResNet50V2() {}

  /** ResNet50V2's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 224×224×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds ResNet50V2 with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there if
   * needed), as {@code keras.applications.ResNet50V2()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /** Builds the graph without loading weights. */
  static Model build(ApplicationOptions<?> options) {
    return ResNetGraph.resnet50v2(options);
  }

  /**
   * Builds ResNet50V2 with these options. ImageNet weights are loaded layer by layer in order, as Keras's
   * {@code load_weights}; a file given with {@link Options#weights(java.nio.file.Path)} is loaded by layer name.
   *
   * @throws IllegalArgumentException for Keras's invalid combinations (ImageNet weights with a top need 1000
   *     classes and a 224×224×3 input; inputs smaller than 32×32)
   * @throws IOException if the weights file cannot be found, downloaded or read, or does not match
   */
  public static Model create(Options options) throws IOException {
    return Zoo.withWeights(build(options), options, WEIGHTS_URL, WEIGHTS_MD5, WEIGHTS_URL_NO_TOP, WEIGHTS_MD5_NO_TOP);
  }

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as ResNet50V2 expects, as Keras's
   * {@code resnet_v2.preprocess_input}: "tf" mode, {@code x / 127.5 − 1}, values from −1 to 1. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TF);
  }
}
