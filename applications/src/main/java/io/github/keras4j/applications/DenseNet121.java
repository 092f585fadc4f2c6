package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * DenseNet121 (Huang et al., 2017), as Keras's {@code keras.applications.densenet}: {@code conv1_conv} (7×7,
 * stride 2), {@code conv1_bn}, {@code conv1_relu}, {@code pool1}, dense blocks of 6, 12, 24 and 16 conv blocks
 * ({@code convN_blockM_0_bn} … {@code convN_blockM_concat}) with transitions {@code pool2} … {@code pool4}, {@code bn},
 * {@code relu}, then {@code avg_pool} and {@code predictions}: 429 layers, 8,062,504 parameters (83,648
 * non-trainable). The stem is named as Keras 3 names it ({@code conv1_conv}); tf.keras 2.x wrote
 * {@code conv1/conv}, a name Keras 3 and Keras4J refuse — weight files using it still load by name.
 *
 * <pre>{@code
 * Model model = DenseNet121.create();                                 // ImageNet weights via the cache
 * Model base = DenseNet121.create(new DenseNet121.Options().includeTop(false).weights((String) null).pooling("avg"));
 * FloatNdArray x = DenseNet121.preprocessInput(batch);                // x / 255, minus mean, / std
 * }</pre>
 */
public final class DenseNet121 {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL = "https://storage.googleapis.com/tensorflow/keras-applications/densenet/densenet121_weights_tf_dim_ordering_tf_kernels.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "9d60b8095a5708f2dcce2bca79d332c7";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP = "https://storage.googleapis.com/tensorflow/keras-applications/densenet/densenet121_weights_tf_dim_ordering_tf_kernels_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "30ee3e1110167f948a6b9946edeeb738";

  private DenseNet121() {}

  /** DenseNet121's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 224×224×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds DenseNet121 with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there if
   * needed), as {@code keras.applications.DenseNet121()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /** Builds the graph without loading weights. */
  static Model build(ApplicationOptions<?> options) {
    return DenseNetGraph.build(options, new int[] {6, 12, 24, 16});
  }

  /**
   * Builds DenseNet121 with these options. ImageNet weights are loaded layer by layer in order, as Keras's
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
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as DenseNet121 expects, as Keras's
   * {@code densenet.preprocess_input}: "torch" mode, {@code x / 255}, then per channel minus the ImageNet mean (0.485, 0.456, 0.406) and divided by the standard deviation (0.229, 0.224, 0.225). Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TORCH);
  }
}
