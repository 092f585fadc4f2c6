package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * ResNet50 (He et al., 2015), as Keras's {@code keras.applications.resnet50}, built exactly as tf.keras 2.4 builds
 * it: {@code conv1_pad}, {@code conv1_conv} (7×7, stride 2), {@code conv1_bn}, {@code conv1_relu}, {@code pool1_pad},
 * {@code pool1_pool}, 16 bottleneck blocks in the stacks {@code conv2} … {@code conv5} ({@code convN_blockM_0_conv} …
 * {@code convN_blockM_out}), then {@code avg_pool} and {@code predictions}: 177 layers, 25,636,712 parameters
 * (53,120 non-trainable).
 *
 * <pre>{@code
 * Model model = ResNet50.create();                                 // ImageNet weights via the cache
 * Model base = ResNet50.create(new ResNet50.Options().includeTop(false).weights((String) null).pooling("avg"));
 * FloatNdArray x = ResNet50.preprocessInput(batch);                // RGB to BGR, minus ImageNet means
 * }</pre>
 */
public final class ResNet50 {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "2cb95161c43110f7111970584f804107";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "4d473c1dd8becc155b73f8504c6f6626";

  private ResNet50() {}

  /** ResNet50's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 224×224×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds ResNet50 with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there if
   * needed), as {@code keras.applications.ResNet50()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /** Builds the graph without loading weights. */
  static Model build(ApplicationOptions<?> options) {
    return ResNetGraph.resnet50(options);
  }

  /**
   * Builds ResNet50 with these options. ImageNet weights are loaded layer by layer in order, as Keras's
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
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as ResNet50 expects, as Keras's
   * {@code resnet50.preprocess_input}: "caffe" mode, RGB → BGR and the ImageNet channel means subtracted (B 103.939, G 116.779, R 123.68), no scaling. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.CAFFE);
  }
}
