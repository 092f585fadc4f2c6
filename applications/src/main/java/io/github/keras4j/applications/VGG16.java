package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * VGG16 (Simonyan and Zisserman, 2014), as Keras's {@code keras.applications.vgg16}: 13 convolutions in 5
 * blocks, then {@code flatten}, {@code fc1}, {@code fc2} and {@code predictions} — 23 layers and 138,357,544
 * parameters with the top, named and ordered as tf.keras 2.4 builds them.
 *
 * <pre>{@code
 * Model vgg16 = VGG16.create();                                        // ImageNet weights via the cache
 * Model notop = VGG16.create(new VGG16.Options().includeTop(false).weights((String) null).pooling("avg"));
 * Model local = VGG16.create(new VGG16.Options().weights(Path.of("vgg16_weights_tf_dim_ordering_tf_kernels.h5")));
 * }</pre>
 *
 * <pre>{@code
 * DirectoryIterator batches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(trainPath, new FlowOptions().targetSize(224, 224));
 * }</pre>
 */
public final class VGG16 {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
          + "vgg16_weights_tf_dim_ordering_tf_kernels.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "64373286793e3c8b2b4e3219cbf3544b";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP =
      "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
          + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "6d6bbae143d832006294945121d1f1fc";

  private VGG16() {}

  /** VGG16's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 224×224×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds VGG16 with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there if
   * needed), as {@code keras.applications.VGG16()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /**
   * Builds VGG16 with these options.
   *
   * @throws IllegalArgumentException for Keras's invalid combinations (ImageNet weights with a top need 1000
   *     classes and a 224×224×3 input)
   * @throws IOException if the weights file cannot be found, downloaded or read, or does not match
   */
  public static Model create(Options options) throws IOException {
    Model model = Vgg16Graph.build(options);
    if (options.weightsFile() != null) {
      Pretrained.loadByName(model, options.weightsFile());
    } else if (ApplicationOptions.IMAGENET.equals(options.weights())) {
      boolean top = options.includeTop();
      String url = top ? WEIGHTS_URL : WEIGHTS_URL_NO_TOP;
      Pretrained.loadByName(model, new WeightsCache().get(
          url.substring(url.lastIndexOf('/') + 1), url, top ? WEIGHTS_MD5 : WEIGHTS_MD5_NO_TOP));
    }
    return model;
  }

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as VGG16 expects, as Keras's
   * {@code vgg16.preprocess_input}: "caffe" mode, RGB → BGR and the ImageNet channel means subtracted
   * (B 103.939, G 116.779, R 123.68), no scaling. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.CAFFE);
  }
}
