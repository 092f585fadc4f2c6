package io.github.keras4j.applications;

import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.layers.SeparableConv2D;
import io.github.keras4j.models.Model;

/**
 * Builds Xception exactly as Keras's {@code Xception(...)} does (names, order, shapes): the residual
 * convolutions, their BatchNormalization and the {@code add} layers are auto-named, so the layers are created in
 * Keras's order.
 */
final class XceptionGraph {
  private XceptionGraph() {}

  static Model build(ApplicationOptions<?> options) {
    options.validate("Xception");
    int[] shape = InputShapes.obtain(options.inputShape(), 299, 71, options.includeTop(),
        ApplicationOptions.IMAGENET.equals(options.weights()));
    KerasTensor input = Input.shape(shape);
    KerasTensor x = new Conv2D(32, 3, 3).strides(2, 2).useBias(false).name("block1_conv1").apply(input);
    x = new BatchNormalization().name("block1_conv1_bn").apply(x);
    x = new Activation("relu").name("block1_conv1_act").apply(x);
    x = new Conv2D(64, 3, 3).useBias(false).name("block1_conv2").apply(x);
    x = new BatchNormalization().name("block1_conv2_bn").apply(x);
    x = new Activation("relu").name("block1_conv2_act").apply(x);

    x = entryBlock(x, 2, 128, 128, false);
    x = entryBlock(x, 3, 256, 256, true);
    x = entryBlock(x, 4, 728, 728, true);

    for (int i = 0; i < 8; i++) {
      KerasTensor residual = x;
      String prefix = "block" + (i + 5);
      for (int j = 1; j <= 3; j++) {
        x = new Activation("relu").name(prefix + "_sepconv" + j + "_act").apply(x);
        x = sepConv(x, 728, prefix + "_sepconv" + j);
        x = new BatchNormalization().name(prefix + "_sepconv" + j + "_bn").apply(x);
      }
      x = new Add().apply(x, residual);
    }

    KerasTensor residual = residual(x, 1024);
    x = new Activation("relu").name("block13_sepconv1_act").apply(x);
    x = sepConv(x, 728, "block13_sepconv1");
    x = new BatchNormalization().name("block13_sepconv1_bn").apply(x);
    x = new Activation("relu").name("block13_sepconv2_act").apply(x);
    x = sepConv(x, 1024, "block13_sepconv2");
    x = new BatchNormalization().name("block13_sepconv2_bn").apply(x);
    x = new MaxPooling2D(3, 3).strides(2, 2).padding("same").name("block13_pool").apply(x);
    x = new Add().apply(x, residual);

    x = sepConv(x, 1536, "block14_sepconv1");
    x = new BatchNormalization().name("block14_sepconv1_bn").apply(x);
    x = new Activation("relu").name("block14_sepconv1_act").apply(x);
    x = sepConv(x, 2048, "block14_sepconv2");
    x = new BatchNormalization().name("block14_sepconv2_bn").apply(x);
    x = new Activation("relu").name("block14_sepconv2_act").apply(x);
    x = Zoo.top(x, options, "avg_pool", null, null);
    return new Model(input, x).name("xception");
  }

  /** Blocks 2–4: a strided 1×1 residual, two separable convolutions, max pooling, add. */
  private static KerasTensor entryBlock(KerasTensor x, int block, int filters1, int filters2, boolean firstRelu) {
    KerasTensor residual = residual(x, filters2);
    String prefix = "block" + block;
    if (firstRelu) {
      x = new Activation("relu").name(prefix + "_sepconv1_act").apply(x);
    }
    x = sepConv(x, filters1, prefix + "_sepconv1");
    x = new BatchNormalization().name(prefix + "_sepconv1_bn").apply(x);
    x = new Activation("relu").name(prefix + "_sepconv2_act").apply(x);
    x = sepConv(x, filters2, prefix + "_sepconv2");
    x = new BatchNormalization().name(prefix + "_sepconv2_bn").apply(x);
    x = new MaxPooling2D(3, 3).strides(2, 2).padding("same").name(prefix + "_pool").apply(x);
    return new Add().apply(x, residual);
  }

  private static KerasTensor residual(KerasTensor x, int filters) {
    KerasTensor r = new Conv2D(filters, 1, 1).strides(2, 2).padding("same").useBias(false).apply(x);
    return new BatchNormalization().apply(r);
  }

  private static KerasTensor sepConv(KerasTensor x, int filters, String name) {
    return new SeparableConv2D(filters, 3, 3).padding("same").useBias(false).name(name).apply(x);
  }
}
