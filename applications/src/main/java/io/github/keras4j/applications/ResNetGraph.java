package io.github.keras4j.applications;

import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.models.Model;

/**
 * Builds ResNet50 and ResNet50V2 exactly as tf.keras 2.4's {@code resnet.ResNet(stack_fn, preact, use_bias, …)}
 * does (names, order, shapes): {@code conv1_pad}, {@code conv1_conv} (7×7, stride 2), [{@code conv1_bn},
 * {@code conv1_relu}], {@code pool1_pad}, {@code pool1_pool}, the stacks {@code conv2} … {@code conv5},
 * [{@code post_bn}, {@code post_relu}], then {@code avg_pool} and {@code predictions}.
 */
final class ResNetGraph {
  private static final double EPSILON = 1.001e-5;

  private ResNetGraph() {}

  /** Builds ResNet50 (v1: post-activation, block1 / stack1). */
  static Model resnet50(ApplicationOptions<?> options) {
    return build(options, false, "resnet50");
  }

  /** Builds ResNet50V2 (pre-activation, block2 / stack2). */
  static Model resnet50v2(ApplicationOptions<?> options) {
    return build(options, true, "resnet50v2");
  }

  private static Model build(ApplicationOptions<?> options, boolean preact, String modelName) {
    options.validate(preact ? "ResNet50V2" : "ResNet50");
    int[] shape = InputShapes.obtain(options.inputShape(), 224, 32, options.includeTop(),
        ApplicationOptions.IMAGENET.equals(options.weights()));
    KerasTensor input = Input.shape(shape);
    KerasTensor x = new ZeroPadding2D(3, 3, 3, 3).name("conv1_pad").apply(input);
    x = new Conv2D(64, 7).strides(2).useBias(true).name("conv1_conv").apply(x);
    if (!preact) {
      x = bn("conv1_bn").apply(x);
      x = new Activation("relu").name("conv1_relu").apply(x);
    }
    x = new ZeroPadding2D(1, 1, 1, 1).name("pool1_pad").apply(x);
    x = new MaxPooling2D(3).strides(2).name("pool1_pool").apply(x);
    if (preact) {
      x = stack2(x, 64, 3, 2, "conv2");
      x = stack2(x, 128, 4, 2, "conv3");
      x = stack2(x, 256, 6, 2, "conv4");
      x = stack2(x, 512, 3, 1, "conv5");
      x = bn("post_bn").apply(x);
      x = new Activation("relu").name("post_relu").apply(x);
    } else {
      x = stack1(x, 64, 3, 1, "conv2");
      x = stack1(x, 128, 4, 2, "conv3");
      x = stack1(x, 256, 6, 2, "conv4");
      x = stack1(x, 512, 3, 2, "conv5");
    }
    x = Zoo.top(x, options, "avg_pool", "avg_pool", "max_pool");
    return new Model(input, x).name(modelName);
  }

  private static BatchNormalization bn(String name) {
    return new BatchNormalization().epsilon(EPSILON).name(name);
  }

  /** Keras's {@code block1}: the bottleneck residual block of ResNet v1. */
  private static KerasTensor block1(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
    KerasTensor shortcut;
    if (convShortcut) {
      shortcut = new Conv2D(4 * filters, 1).strides(stride).name(name + "_0_conv").apply(x);
      shortcut = bn(name + "_0_bn").apply(shortcut);
    } else {
      shortcut = x;
    }
    x = new Conv2D(filters, 1).strides(stride).name(name + "_1_conv").apply(x);
    x = bn(name + "_1_bn").apply(x);
    x = new Activation("relu").name(name + "_1_relu").apply(x);
    x = new Conv2D(filters, 3).padding("same").name(name + "_2_conv").apply(x);
    x = bn(name + "_2_bn").apply(x);
    x = new Activation("relu").name(name + "_2_relu").apply(x);
    x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
    x = bn(name + "_3_bn").apply(x);
    x = new Add().name(name + "_add").apply(shortcut, x);
    return new Activation("relu").name(name + "_out").apply(x);
  }

  private static KerasTensor stack1(KerasTensor x, int filters, int blocks, int stride1, String name) {
    x = block1(x, filters, stride1, true, name + "_block1");
    for (int i = 2; i <= blocks; i++) {
      x = block1(x, filters, 1, false, name + "_block" + i);
    }
    return x;
  }

  /** Keras's {@code block2}: the pre-activation bottleneck block of ResNet v2. */
  private static KerasTensor block2(KerasTensor x, int filters, int stride, boolean convShortcut, String name) {
    KerasTensor preact = bn(name + "_preact_bn").apply(x);
    preact = new Activation("relu").name(name + "_preact_relu").apply(preact);
    KerasTensor shortcut;
    if (convShortcut) {
      shortcut = new Conv2D(4 * filters, 1).strides(stride).name(name + "_0_conv").apply(preact);
    } else {
      shortcut = stride > 1 ? new MaxPooling2D(1).strides(stride).apply(x) : x;
    }
    x = new Conv2D(filters, 1).strides(1).useBias(false).name(name + "_1_conv").apply(preact);
    x = bn(name + "_1_bn").apply(x);
    x = new Activation("relu").name(name + "_1_relu").apply(x);
    x = new ZeroPadding2D(1, 1, 1, 1).name(name + "_2_pad").apply(x);
    x = new Conv2D(filters, 3).strides(stride).useBias(false).name(name + "_2_conv").apply(x);
    x = bn(name + "_2_bn").apply(x);
    x = new Activation("relu").name(name + "_2_relu").apply(x);
    x = new Conv2D(4 * filters, 1).name(name + "_3_conv").apply(x);
    return new Add().name(name + "_out").apply(shortcut, x);
  }

  private static KerasTensor stack2(KerasTensor x, int filters, int blocks, int stride1, String name) {
    x = block2(x, filters, 1, true, name + "_block1");
    for (int i = 2; i < blocks; i++) {
      x = block2(x, filters, 1, false, name + "_block" + i);
    }
    return block2(x, filters, stride1, false, name + "_block" + blocks);
  }
}
