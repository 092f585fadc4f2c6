package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * EfficientNetB0 (Tan and Le, 2019), as Keras's {@code keras.applications.efficientnet}: the input scaling is part
 * of the model ({@code rescaling} 1/255, {@code normalization} with ImageNet statistics, and with ImageNet weights
 * {@code rescaling_1}), so images go in as RGB values 0..255 and {@link #preprocessInput} returns them unchanged.
 * Then the stem, 16 MBConv blocks ({@code block1a_…} … {@code block7a_…}, swish, squeeze-and-excitation,
 * drop-connect), {@code top_conv}, {@code top_bn}, {@code top_activation}, {@code avg_pool}, {@code top_dropout}
 * (0.2) and {@code predictions}: 5,330,571 parameters (42,023 non-trainable).
 *
 * <pre>{@code
 * Model model = EfficientNetB0.create();                                // ImageNet weights via the cache
 * Model base = EfficientNetB0.create(new EfficientNetB0.Options().includeTop(false).weights((String) null)
 *     .pooling("avg"));
 * float[][] p = model.predict(batchOfRgb0to255);                        // no preprocessing needed
 * }</pre>
 */
public final class EfficientNetB0 {
  /** Where Keras downloads the weights with the top. */
  public static final String WEIGHTS_URL = "https://storage.googleapis.com/keras-applications/efficientnetb0.h5";
  /** Keras's md5 of the weights with the top. */
  public static final String WEIGHTS_MD5 = "902e53a9f72be733fc0bcb005b3ebbac";
  /** Where Keras downloads the weights without the top. */
  public static final String WEIGHTS_URL_NO_TOP =
      "https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5";
  /** Keras's md5 of the weights without the top. */
  public static final String WEIGHTS_MD5_NO_TOP = "50bc09e76180e00e4465e1a485ddc09d";

  private EfficientNetB0() {}

  /** EfficientNetB0's arguments: those of {@link ApplicationOptions}, with Keras's defaults. */
  public static final class Options extends ApplicationOptions<Options> {
    /** Creates options with Keras's defaults (top included, ImageNet weights, 224×224×3, 1000 classes). */
    public Options() {}
  }

  /**
   * Builds EfficientNetB0 with the top and ImageNet weights (from {@code ~/.keras/models}, downloading them there
   * if needed), as {@code keras.applications.EfficientNetB0()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /** Builds the graph without loading weights. */
  static Model build(ApplicationOptions<?> options) {
    return EfficientNetGraph.build(options, 1.0, 1.0, 224, 0.2, "efficientnetb0");
  }

  /**
   * Builds EfficientNetB0 with these options. ImageNet weights are loaded layer by layer in order, as Keras's
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
   * Returns the images unchanged, as Keras's {@code efficientnet.preprocess_input} (a pass-through kept for API
   * symmetry): EfficientNet scales its input itself and expects RGB values 0..255.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    long[] shape = x.shape().asArray();
    if (shape.length == 0 || shape[shape.length - 1] != 3) {
      throw new IllegalArgumentException("preprocessInput: expected RGB images with 3 channels last, such as"
          + " (224, 224, 3) or (10, 224, 224, 3), but got shape " + java.util.Arrays.toString(shape) + ".");
    }
    return x;
  }
}
