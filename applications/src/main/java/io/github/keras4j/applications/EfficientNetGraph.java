package io.github.keras4j.applications;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.VarianceScaling;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.DepthwiseConv2D;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Multiply;
import io.github.keras4j.layers.Normalization;
import io.github.keras4j.layers.Rescaling;
import io.github.keras4j.layers.Reshape;
import io.github.keras4j.models.Model;

/**
 * Builds EfficientNet exactly as Keras's {@code efficientnet.EfficientNet(width, depth, size, dropout, …)} does
 * (names, order, shapes, initializers): {@code rescaling} (1/255), {@code normalization} (ImageNet statistics
 * from the weights), with ImageNet weights a second {@code rescaling_1} (1/√std, Keras's fix of TF issue 49930),
 * {@code stem_conv_pad}, {@code stem_conv}, {@code stem_bn}, {@code stem_activation} (swish), the MBConv blocks
 * {@code block1a_…} … {@code block7a_…} with squeeze-and-excitation, {@code top_conv}, {@code top_bn},
 * {@code top_activation}, then {@code avg_pool}, {@code top_dropout}, {@code predictions}.
 */
final class EfficientNetGraph {
  /** (kernel, repeats, filters in, filters out, expand ratio, strides) of B0's seven stages; SE ratio 0.25. */
  private static final int[][] BLOCKS = {
    {3, 1, 32, 16, 1, 1}, {3, 2, 16, 24, 6, 2}, {5, 2, 24, 40, 6, 2}, {3, 3, 40, 80, 6, 2},
    {5, 3, 80, 112, 6, 1}, {5, 4, 112, 192, 6, 2}, {3, 1, 192, 320, 6, 1}
  };
  private static final double SE_RATIO = 0.25;
  private static final double[] IMAGENET_STDDEV_RGB = {0.229, 0.224, 0.225};

  private EfficientNetGraph() {}

  private static Initializer convInit() {
    return new VarianceScaling(2.0, VarianceScaling.Mode.FAN_OUT, VarianceScaling.Distribution.TRUNCATED_NORMAL,
        null);
  }

  private static Initializer denseInit() {
    return new VarianceScaling(1.0 / 3.0, VarianceScaling.Mode.FAN_OUT, VarianceScaling.Distribution.UNIFORM, null);
  }

  static Model build(ApplicationOptions<?> options, double width, double depth, int defaultSize, double dropout,
      String modelName) {
    options.validate(modelName);
    boolean imagenet = ApplicationOptions.IMAGENET.equals(options.weights());
    int[] shape = InputShapes.obtain(options.inputShape(), defaultSize, 32, options.includeTop(), imagenet);
    double dropConnectRate = 0.2;
    KerasTensor input = Input.shape(shape);
    KerasTensor x = new Rescaling(1.0 / 255.0).apply(input);
    x = new Normalization(3).apply(x);
    if (imagenet) {
      double[] scale = new double[3];
      for (int i = 0; i < 3; i++) {
        scale[i] = 1.0 / Math.sqrt(IMAGENET_STDDEV_RGB[i]);
      }
      x = new Rescaling(scale, new double[] {0, 0, 0}).apply(x);
    }
    x = Zoo.correctPad(x, 3).name("stem_conv_pad").apply(x);
    x = new Conv2D(roundFilters(32, width), 3).strides(2).padding("valid").useBias(false)
        .kernelInitializer(convInit()).name("stem_conv").apply(x);
    x = new BatchNormalization().name("stem_bn").apply(x);
    x = new Activation("swish").name("stem_activation").apply(x);

    int total = 0;
    for (int[] args : BLOCKS) {
      total += roundRepeats(args[1], depth);
    }
    int b = 0;
    for (int i = 0; i < BLOCKS.length; i++) {
      int[] args = BLOCKS[i];
      int filtersIn = roundFilters(args[2], width);
      int filtersOut = roundFilters(args[3], width);
      int strides = args[5];
      int repeats = roundRepeats(args[1], depth);
      for (int j = 0; j < repeats; j++) {
        if (j > 0) {
          strides = 1;
          filtersIn = filtersOut;
        }
        x = block(x, dropConnectRate * b / total, "block" + (i + 1) + (char) ('a' + j) + "_", filtersIn,
            filtersOut, args[0], strides, args[4]);
        b++;
      }
    }
    x = new Conv2D(roundFilters(1280, width), 1).padding("same").useBias(false).kernelInitializer(convInit())
        .name("top_conv").apply(x);
    x = new BatchNormalization().name("top_bn").apply(x);
    x = new Activation("swish").name("top_activation").apply(x);
    if (options.includeTop()) {
      x = new GlobalAveragePooling2D().name("avg_pool").apply(x);
      if (dropout > 0) {
        x = new Dropout(dropout).name("top_dropout").apply(x);
      }
      x = new Dense(options.classes()).activation(options.classifierActivation()).kernelInitializer(denseInit())
          .name("predictions").apply(x);
    } else {
      x = Zoo.pooling(x, options, "avg_pool", "max_pool");
    }
    return new Model(input, x).name(modelName);
  }

  /** Keras's {@code round_filters} (depth divisor 8). */
  static int roundFilters(int filters, double width) {
    double f = filters * width;
    int divisor = 8;
    int newFilters = Math.max(divisor, (int) (f + divisor / 2.0) / divisor * divisor);
    if (newFilters < 0.9 * f) {
      newFilters += divisor;
    }
    return newFilters;
  }

  private static int roundRepeats(int repeats, double depth) {
    return (int) Math.ceil(depth * repeats);
  }

  /** Keras's {@code block}: the MBConv inverted residual block with squeeze-and-excitation. */
  private static KerasTensor block(KerasTensor inputs, double dropRate, String name, int filtersIn, int filtersOut,
      int kernel, int strides, int expandRatio) {
    int filters = filtersIn * expandRatio;
    KerasTensor x = inputs;
    if (expandRatio != 1) {
      x = new Conv2D(filters, 1).padding("same").useBias(false).kernelInitializer(convInit())
          .name(name + "expand_conv").apply(inputs);
      x = new BatchNormalization().name(name + "expand_bn").apply(x);
      x = new Activation("swish").name(name + "expand_activation").apply(x);
    }
    String convPad = "same";
    if (strides == 2) {
      x = Zoo.correctPad(x, kernel).name(name + "dwconv_pad").apply(x);
      convPad = "valid";
    }
    x = new DepthwiseConv2D(kernel).strides(strides).padding(convPad).useBias(false)
        .depthwiseInitializer(convInit()).name(name + "dwconv").apply(x);
    x = new BatchNormalization().name(name + "bn").apply(x);
    x = new Activation("swish").name(name + "activation").apply(x);

    int filtersSe = Math.max(1, (int) (filtersIn * SE_RATIO));
    KerasTensor se = new GlobalAveragePooling2D().name(name + "se_squeeze").apply(x);
    se = new Reshape(1, 1, filters).name(name + "se_reshape").apply(se);
    se = new Conv2D(filtersSe, 1).padding("same").activation("swish").kernelInitializer(convInit())
        .name(name + "se_reduce").apply(se);
    se = new Conv2D(filters, 1).padding("same").activation("sigmoid").kernelInitializer(convInit())
        .name(name + "se_expand").apply(se);
    x = new Multiply().name(name + "se_excite").apply(x, se);

    x = new Conv2D(filtersOut, 1).padding("same").useBias(false).kernelInitializer(convInit())
        .name(name + "project_conv").apply(x);
    x = new BatchNormalization().name(name + "project_bn").apply(x);
    if (strides == 1 && filtersIn == filtersOut) {
      if (dropRate > 0) {
        x = new Dropout(dropRate).noiseShape(-1, 1, 1, 1).name(name + "drop").apply(x);
      }
      x = new Add().name(name + "add").apply(x, inputs);
    }
    return x;
  }
}
