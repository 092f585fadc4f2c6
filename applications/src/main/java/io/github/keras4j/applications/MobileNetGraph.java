package io.github.keras4j.applications;

import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.DepthwiseConv2D;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.GlobalMaxPooling2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.Reshape;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.models.Model;
import java.util.List;
import java.util.Locale;

/** Builds MobileNet (v1) exactly as tf.keras 2.4's {@code MobileNet(...)} does (names, order, shapes). */
final class MobileNetGraph {
  /** The (filters, stride) of the 13 depthwise blocks before alpha. */
  private static final int[][] BLOCKS = {
    {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1},
    {1024, 2}, {1024, 1}
  };

  /** The alphas and sizes Keras publishes ImageNet weights for. */
  static final List<Double> ALPHAS = List.of(0.25, 0.5, 0.75, 1.0);

  static final List<Integer> SIZES = List.of(128, 160, 192, 224);

  private MobileNetGraph() {}

  /** The result: the model and the row count its ImageNet weights are for. */
  record Built(Model model, int rows) {}

  static Built build(ApplicationOptions<?> options, double alpha, int depthMultiplier, double dropout) {
    options.validate("MobileNet");
    boolean imagenet = ApplicationOptions.IMAGENET.equals(options.weights());
    int[] shape = InputShapes.obtainMobileNet(options, SIZES);
    int rows = shape[0];
    if (imagenet) {
      if (depthMultiplier != 1) {
        throw new IllegalArgumentException(
            "MobileNet: if imagenet weights are being loaded, depth multiplier must be 1, but got "
                + depthMultiplier + ".");
      }
      if (!ALPHAS.contains(alpha)) {
        throw new IllegalArgumentException(
            "MobileNet: if imagenet weights are being loaded, alpha can be one of `0.25`, `0.50`, `0.75` or `1.0`"
                + " only, but got alpha=" + alpha + ".");
      }
      if (shape[0] != shape[1] || !SIZES.contains(shape[0])) {
        org.slf4j.LoggerFactory.getLogger(MobileNetGraph.class).warn(
            "`input_shape` is undefined or non-square, or `rows` is not in [128, 160, 192, 224]. Weights for"
                + " input shape (224, 224) will be loaded as the default.");
        rows = 224;
      }
    }
    KerasTensor input = Input.shape(shape);
    int filters = (int) (32 * alpha);
    KerasTensor x = new Conv2D(filters, 3).padding("same").useBias(false).strides(2).name("conv1").apply(input);
    x = new BatchNormalization().name("conv1_bn").apply(x);
    x = new ReLU(6.0).name("conv1_relu").apply(x);
    for (int i = 0; i < BLOCKS.length; i++) {
      x = depthwiseBlock(x, BLOCKS[i][0], alpha, depthMultiplier, BLOCKS[i][1], i + 1);
    }
    if (options.includeTop()) {
      int channels = (int) (1024 * alpha);
      x = new GlobalAveragePooling2D().apply(x);
      x = new Reshape(1, 1, channels).name("reshape_1").apply(x);
      x = new Dropout(dropout).name("dropout").apply(x);
      x = new Conv2D(options.classes(), 1).padding("same").name("conv_preds").apply(x);
      x = new Reshape(options.classes()).name("reshape_2").apply(x);
      x = new Activation(options.classifierActivation()).name("predictions").apply(x);
    } else if ("avg".equals(options.pooling())) {
      x = new GlobalAveragePooling2D().apply(x);
    } else if ("max".equals(options.pooling())) {
      x = new GlobalMaxPooling2D().apply(x);
    }
    String name = String.format(Locale.ROOT, "mobilenet_%.2f_%d", alpha, rows);
    return new Built(new Model(input, x).name(name), rows);
  }

  private static KerasTensor depthwiseBlock(
      KerasTensor inputs, int pointwiseFilters, double alpha, int depthMultiplier, int stride, int id) {
    int filters = (int) (pointwiseFilters * alpha);
    KerasTensor x = inputs;
    if (stride != 1) {
      x = new ZeroPadding2D(0, 1, 0, 1).name("conv_pad_" + id).apply(x);
    }
    x = new DepthwiseConv2D(3).padding(stride == 1 ? "same" : "valid").depthMultiplier(depthMultiplier)
        .strides(stride).useBias(false).name("conv_dw_" + id).apply(x);
    x = new BatchNormalization().name("conv_dw_" + id + "_bn").apply(x);
    x = new ReLU(6.0).name("conv_dw_" + id + "_relu").apply(x);
    x = new Conv2D(filters, 1).padding("same").useBias(false).strides(1).name("conv_pw_" + id).apply(x);
    x = new BatchNormalization().name("conv_pw_" + id + "_bn").apply(x);
    return new ReLU(6.0).name("conv_pw_" + id + "_relu").apply(x);
  }

  /** Returns Keras's alpha text in weight file names: 1_0, 7_5, 5_0, 2_5. */
  static String alphaText(double alpha) {
    if (alpha == 1.0) {
      return "1_0";
    }
    return alpha == 0.75 ? "7_5" : alpha == 0.5 ? "5_0" : "2_5";
  }
}
