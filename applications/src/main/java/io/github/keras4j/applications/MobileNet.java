package io.github.keras4j.applications;

import io.github.keras4j.models.Model;
import java.io.IOException;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * MobileNet (v1, Howard et al., 2017), as Keras's {@code keras.applications.mobilenet}, built exactly as tf.keras
 * 2.4 builds it: {@code conv1} (3×3, stride 2), 13 depthwise-separable blocks ({@code conv_pad_N} before the
 * stride-2 ones, {@code conv_dw_N}, {@code conv_pw_N}, each with BatchNormalization and ReLU6), then
 * global average pooling, {@code reshape_1}, {@code dropout}, {@code conv_preds}, {@code reshape_2},
 * {@code predictions}. Alpha 1.0 at 224×224: 4,253,864 parameters, 21,888 of them non-trainable.
 *
 * <pre>{@code
 * Model mobile = MobileNet.create();                                    // alpha 1.0, 224, ImageNet weights
 * Model small = MobileNet.create(new MobileNet.Options().alpha(0.25).inputShape(128, 128, 3)
 *     .weights(Path.of("mobilenet_2_5_128_tf.h5")));
 * }</pre>
 *
 * <pre>{@code
 * FloatNdArray x = MobileNet.preprocessInput(ImageUtils.expandDims(ImageUtils.imgToArray(
 *     ImageUtils.loadImg(Path.of("1.png"), 224, 224))));
 * }</pre>
 */
public final class MobileNet {
  /** The folder Keras downloads MobileNet weights from. */
  public static final String BASE_URL = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/";

  private MobileNet() {}

  /** MobileNet's arguments: those of {@link ApplicationOptions} plus alpha, depth multiplier and dropout. */
  public static final class Options extends ApplicationOptions<Options> {
    private double alpha = 1.0;
    private int depthMultiplier = 1;
    private double dropout = 1e-3;

    /** Creates options with Keras's defaults (alpha 1.0, depth multiplier 1, dropout 0.001). */
    public Options() {}

    /**
     * The width multiplier: filters in every layer are scaled by it; ImageNet weights exist for 0.25, 0.5, 0.75
     * and 1.0.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Options alpha(double alpha) {
      if (!(alpha > 0)) {
        throw new IllegalArgumentException("MobileNet: alpha must be positive, but got alpha=" + alpha + ".");
      }
      this.alpha = alpha;
      return this;
    }

    /**
     * The depth multiplier of the depthwise convolutions (default 1, required for ImageNet weights).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Options depthMultiplier(int depthMultiplier) {
      if (depthMultiplier <= 0) {
        throw new IllegalArgumentException(
            "MobileNet: depthMultiplier must be positive, but got depthMultiplier=" + depthMultiplier + ".");
      }
      this.depthMultiplier = depthMultiplier;
      return this;
    }

    /**
     * The dropout rate before the classifier (default 0.001).
     *
     * @throws IllegalArgumentException if not in {@code [0, 1)}
     */
    public Options dropout(double dropout) {
      if (!(dropout >= 0 && dropout < 1)) {
        throw new IllegalArgumentException("MobileNet: dropout must be in [0, 1), but got dropout=" + dropout + ".");
      }
      this.dropout = dropout;
      return this;
    }

    /** Returns alpha. */
    public double alpha() {
      return alpha;
    }

    /** Returns the depth multiplier. */
    public int depthMultiplier() {
      return depthMultiplier;
    }

    /** Returns the dropout rate. */
    public double dropout() {
      return dropout;
    }
  }

  /**
   * Builds MobileNet (alpha 1.0, 224×224) with the top and ImageNet weights from the cache, as
   * {@code keras.applications.MobileNet()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /**
   * Builds MobileNet with these options.
   *
   * @throws IllegalArgumentException for Keras's invalid combinations (ImageNet weights need alpha in {0.25, 0.5,
   *     0.75, 1.0}, depth multiplier 1 and, with the top, a square input of 128, 160, 192 or 224)
   * @throws IOException if the weights file cannot be found, downloaded or read, or does not match
   */
  public static Model create(Options options) throws IOException {
    MobileNetGraph.Built built =
        MobileNetGraph.build(options, options.alpha(), options.depthMultiplier(), options.dropout());
    Model model = built.model();
    if (options.weightsFile() != null) {
      Pretrained.loadByName(model, options.weightsFile());
    } else if (ApplicationOptions.IMAGENET.equals(options.weights())) {
      String file = weightsFileName(options.alpha(), built.rows(), options.includeTop());
      Pretrained.loadByName(model, new WeightsCache().get(file, BASE_URL + file, null));
    }
    return model;
  }

  /** Returns Keras's weight file name, e.g. {@code mobilenet_2_5_128_tf.h5} or {@code …_tf_no_top.h5}. */
  public static String weightsFileName(double alpha, int rows, boolean includeTop) {
    return "mobilenet_" + MobileNetGraph.alphaText(alpha) + "_" + rows + (includeTop ? "_tf.h5" : "_tf_no_top.h5");
  }

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as MobileNet expects, as Keras's
   * {@code mobilenet.preprocess_input}: "tf" mode, {@code x / 127.5 − 1}, so values lie between −1 and 1. Returns a
   * new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TF);
  }
}
