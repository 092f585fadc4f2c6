package io.github.keras4j.applications;

import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.DepthwiseConv2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.models.Model;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * MobileNetV2 (Sandler et al., 2018), as Keras's {@code keras.applications.mobilenet_v2}, built exactly as tf.keras
 * 2.4 builds it: {@code Conv1_pad}, {@code Conv1} (3×3, stride 2), {@code bn_Conv1}, {@code Conv1_relu}, 17
 * inverted residual blocks ({@code expanded_conv_*}, then {@code block_1_*} … {@code block_16_*}: expand 1×1,
 * depthwise 3×3, project 1×1, each with BatchNormalization (momentum 0.999, epsilon 0.001) and ReLU6 except the
 * linear projection, an {@code Add} where input and output match), {@code Conv_1} (1×1, 1280), {@code Conv_1_bn},
 * {@code out_relu}, then global average pooling and {@code predictions}. Alpha 1.0 at 224×224: 156 layers,
 * 3,538,984 parameters (34,112 non-trainable).
 *
 * <pre>{@code
 * Model mobile = MobileNetV2.create();                                  // alpha 1.0, 224, ImageNet weights
 * Model base = MobileNetV2.create(new MobileNetV2.Options().alpha(0.35).includeTop(false)
 *     .inputShape(224, 224, 3).weights(Path.of("keras_model.h5")));     // e.g. a Teachable Machine export
 * FloatNdArray x = MobileNetV2.preprocessInput(batch);                  // x / 127.5 - 1
 * }</pre>
 */
public final class MobileNetV2 {
  /** The folder Keras downloads MobileNetV2 weights from. */
  public static final String BASE_URL =
      "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";

  /** The alphas Keras publishes ImageNet weights for. */
  static final List<Double> ALPHAS = List.of(0.35, 0.5, 0.75, 1.0, 1.3, 1.4);

  /** The square sizes Keras publishes ImageNet weights for. */
  static final List<Integer> SIZES = List.of(96, 128, 160, 192, 224);

  /** (filters, stride, expansion) of the 17 inverted residual blocks. */
  private static final int[][] BLOCKS = {
    {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6}, {64, 1, 6},
    {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6}
  };

  private MobileNetV2() {}

  /** MobileNetV2's arguments: those of {@link ApplicationOptions} plus alpha. */
  public static final class Options extends ApplicationOptions<Options> {
    private double alpha = 1.0;

    /** Creates options with Keras's defaults (alpha 1.0, top, ImageNet weights). */
    public Options() {}

    /**
     * The width multiplier: filters in every layer are scaled by it (rounded to multiples of 8); ImageNet
     * weights exist for 0.35, 0.5, 0.75, 1.0, 1.3 and 1.4.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Options alpha(double alpha) {
      if (!(alpha > 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("MobileNetV2: alpha must be positive, but got alpha=" + alpha + ".");
      }
      this.alpha = alpha;
      return this;
    }

    /** Returns alpha. */
    public double alpha() {
      return alpha;
    }
  }

  /** The model and the row count its ImageNet weights are for. */
  record Built(Model model, int rows) {}

  /**
   * Builds MobileNetV2 (alpha 1.0, 224×224) with the top and ImageNet weights from the cache, as
   * {@code keras.applications.MobileNetV2()}.
   *
   * @throws IOException if the weights can be neither found nor downloaded (the message says where to put them)
   */
  public static Model create() throws IOException {
    return create(new Options());
  }

  /**
   * Builds MobileNetV2 with these options. A weights file given with {@link Options#weights(java.nio.file.Path)}
   * is loaded by layer name, also from a model nested inside it (a Teachable Machine {@code keras_model.h5}).
   *
   * @throws IllegalArgumentException for Keras's invalid combinations (ImageNet weights need alpha in {0.35, 0.5,
   *     0.75, 1.0, 1.3, 1.4}; with the top, 1000 classes and a 224×224×3 input)
   * @throws IOException if the weights file cannot be found, downloaded or read, or does not match
   */
  public static Model create(Options options) throws IOException {
    Built built = build(options);
    if (options.weightsFile() != null) {
      Pretrained.loadByName(built.model(), options.weightsFile());
    } else if (ApplicationOptions.IMAGENET.equals(options.weights())) {
      String file = weightsFileName(options.alpha(), built.rows(), options.includeTop());
      io.github.keras4j.saving.KerasFiles.loadWeights(built.model(),
          new WeightsCache().get(file, BASE_URL + file, null));
    }
    return built.model();
  }

  /**
   * Returns Keras's weight file name, e.g. {@code mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5} or
   * {@code …_0.35_224_no_top.h5}.
   */
  public static String weightsFileName(double alpha, int rows, boolean includeTop) {
    return "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_" + alpha + "_" + rows
        + (includeTop ? ".h5" : "_no_top.h5");
  }

  static Built build(Options options) {
    options.validate("MobileNetV2");
    double alpha = options.alpha();
    boolean imagenet = ApplicationOptions.IMAGENET.equals(options.weights());
    int[] shape = InputShapes.obtainMobileNet(options, SIZES);
    int rows = shape[0];
    if (imagenet) {
      if (!ALPHAS.contains(alpha)) {
        throw new IllegalArgumentException("MobileNetV2: if imagenet weights are being loaded, alpha must be one of"
            + " `0.35`, `0.50`, `0.75`, `1.0`, `1.3` or `1.4` only, but got alpha=" + alpha + ".");
      }
      if (shape[0] != shape[1] || !SIZES.contains(shape[0])) {
        System.getLogger(MobileNetV2.class.getName()).log(System.Logger.Level.WARNING,
            "`input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, 224]. Weights for"
                + " input shape (224, 224) will be loaded as the default.");
        rows = 224;
      }
    }
    KerasTensor input = Input.shape(shape);
    int firstFilters = makeDivisible(32 * alpha, 8);
    KerasTensor x = Zoo.correctPad(input, 3).name("Conv1_pad").apply(input);
    x = new Conv2D(firstFilters, 3).strides(2).padding("valid").useBias(false).name("Conv1").apply(x);
    x = bn("bn_Conv1").apply(x);
    x = new ReLU(6.0).name("Conv1_relu").apply(x);
    for (int i = 0; i < BLOCKS.length; i++) {
      x = invertedResBlock(x, BLOCKS[i][2], BLOCKS[i][1], alpha, BLOCKS[i][0], i);
    }
    int lastFilters = alpha > 1.0 ? makeDivisible(1280 * alpha, 8) : 1280;
    x = new Conv2D(lastFilters, 1).useBias(false).name("Conv_1").apply(x);
    x = bn("Conv_1_bn").apply(x);
    x = new ReLU(6.0).name("out_relu").apply(x);
    x = Zoo.top(x, options, null, null, null);
    String name = String.format(Locale.ROOT, "mobilenetv2_%.2f_%s", alpha, Zoo.size(rows));
    return new Built(new Model(input, x).name(name), rows);
  }

  private static BatchNormalization bn(String name) {
    return new BatchNormalization().epsilon(1e-3).momentum(0.999).name(name);
  }

  private static KerasTensor invertedResBlock(
      KerasTensor inputs, int expansion, int stride, double alpha, int filters, int blockId) {
    int inChannels = (int) inputs.shape().asArray()[3];
    int pointwiseFilters = makeDivisible((int) (filters * alpha), 8);
    KerasTensor x = inputs;
    String prefix = "block_" + blockId + "_";
    if (blockId != 0) {
      x = new Conv2D(expansion * inChannels, 1).padding("same").useBias(false).name(prefix + "expand").apply(x);
      x = bn(prefix + "expand_BN").apply(x);
      x = new ReLU(6.0).name(prefix + "expand_relu").apply(x);
    } else {
      prefix = "expanded_conv_";
    }
    if (stride == 2) {
      x = Zoo.correctPad(x, 3).name(prefix + "pad").apply(x);
    }
    x = new DepthwiseConv2D(3).strides(stride).useBias(false).padding(stride == 1 ? "same" : "valid")
        .name(prefix + "depthwise").apply(x);
    x = bn(prefix + "depthwise_BN").apply(x);
    x = new ReLU(6.0).name(prefix + "depthwise_relu").apply(x);
    x = new Conv2D(pointwiseFilters, 1).padding("same").useBias(false).name(prefix + "project").apply(x);
    x = bn(prefix + "project_BN").apply(x);
    if (inChannels == pointwiseFilters && stride == 1) {
      return new Add().name(prefix + "add").apply(inputs, x);
    }
    return x;
  }

  /** Keras's {@code _make_divisible}: the nearest multiple of the divisor, never more than 10% below. */
  static int makeDivisible(double v, int divisor) {
    int newV = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    if (newV < 0.9 * v) {
      newV += divisor;
    }
    return newV;
  }

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as MobileNetV2 expects, as
   * Keras's {@code mobilenet_v2.preprocess_input}: "tf" mode, {@code x / 127.5 − 1}. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TF);
  }
}
