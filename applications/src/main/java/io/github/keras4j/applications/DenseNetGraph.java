package io.github.keras4j.applications;

import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.AveragePooling2D;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Concatenate;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.models.Model;

/** Builds DenseNet as Keras's {@code densenet.DenseNet(blocks, …)} does (names, order, shapes). */
final class DenseNetGraph {
  private static final double EPSILON = 1.001e-5;

  private DenseNetGraph() {}

  static Model build(ApplicationOptions<?> options, int[] blocks) {
    options.validate("DenseNet");
    int[] shape = InputShapes.obtain(options.inputShape(), 224, 32, options.includeTop(),
        ApplicationOptions.IMAGENET.equals(options.weights()));
    KerasTensor input = Input.shape(shape);
    KerasTensor x = new ZeroPadding2D(3, 3, 3, 3).apply(input);
    x = new Conv2D(64, 7).strides(2).useBias(false).name("conv1_conv").apply(x);
    x = bn("conv1_bn").apply(x);
    x = new Activation("relu").name("conv1_relu").apply(x);
    x = new ZeroPadding2D(1, 1, 1, 1).apply(x);
    x = new MaxPooling2D(3).strides(2).name("pool1").apply(x);
    for (int i = 0; i < 4; i++) {
      x = denseBlock(x, blocks[i], "conv" + (i + 2));
      if (i < 3) {
        x = transitionBlock(x, 0.5, "pool" + (i + 2));
      }
    }
    x = bn("bn").apply(x);
    x = new Activation("relu").name("relu").apply(x);
    x = Zoo.top(x, options, "avg_pool", "avg_pool", "max_pool");
    return new Model(input, x).name(modelName(blocks));
  }

  static String modelName(int[] blocks) {
    String b = blocks[0] + "," + blocks[1] + "," + blocks[2] + "," + blocks[3];
    return switch (b) {
      case "6,12,24,16" -> "densenet121";
      case "6,12,32,32" -> "densenet169";
      case "6,12,48,32" -> "densenet201";
      default -> "densenet";
    };
  }

  private static BatchNormalization bn(String name) {
    return new BatchNormalization().epsilon(EPSILON).name(name);
  }

  private static KerasTensor denseBlock(KerasTensor x, int blocks, String name) {
    for (int i = 0; i < blocks; i++) {
      x = convBlock(x, 32, name + "_block" + (i + 1));
    }
    return x;
  }

  private static KerasTensor transitionBlock(KerasTensor x, double reduction, String name) {
    x = bn(name + "_bn").apply(x);
    x = new Activation("relu").name(name + "_relu").apply(x);
    int channels = (int) (x.shape().asArray()[3] * reduction);
    x = new Conv2D(channels, 1).useBias(false).name(name + "_conv").apply(x);
    return new AveragePooling2D(2).strides(2).name(name + "_pool").apply(x);
  }

  private static KerasTensor convBlock(KerasTensor x, int growthRate, String name) {
    KerasTensor x1 = bn(name + "_0_bn").apply(x);
    x1 = new Activation("relu").name(name + "_0_relu").apply(x1);
    x1 = new Conv2D(4 * growthRate, 1).useBias(false).name(name + "_1_conv").apply(x1);
    x1 = bn(name + "_1_bn").apply(x1);
    x1 = new Activation("relu").name(name + "_1_relu").apply(x1);
    x1 = new Conv2D(growthRate, 3).padding("same").useBias(false).name(name + "_2_conv").apply(x1);
    return new Concatenate(3).name(name + "_concat").apply(x, x1);
  }
}
