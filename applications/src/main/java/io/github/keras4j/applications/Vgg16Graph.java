package io.github.keras4j.applications;

import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.GlobalMaxPooling2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.models.Model;

/** Builds VGG16's layers exactly as tf.keras 2.4's {@code VGG16(...)} does (names, order, shapes). */
final class Vgg16Graph {
  private Vgg16Graph() {}

  static Model build(ApplicationOptions<?> options) {
    options.validate("VGG16");
    int[] shape = InputShapes.obtain(options.inputShape(), 224, 32, options.includeTop(),
        ApplicationOptions.IMAGENET.equals(options.weights()));
    KerasTensor input = Input.shape(shape);
    KerasTensor x = input;
    int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
    for (int b = 0; b < blocks.length; b++) {
      for (int c = 1; c <= blocks[b][1]; c++) {
        x = new Conv2D(blocks[b][0], 3).activation("relu").padding("same")
            .name("block" + (b + 1) + "_conv" + c).apply(x);
      }
      x = new MaxPooling2D(2).strides(2).name("block" + (b + 1) + "_pool").apply(x);
    }
    if (options.includeTop()) {
      x = new Flatten().name("flatten").apply(x);
      x = new Dense(4096).activation("relu").name("fc1").apply(x);
      x = new Dense(4096).activation("relu").name("fc2").apply(x);
      x = new Dense(options.classes()).activation(options.classifierActivation()).name("predictions").apply(x);
    } else if ("avg".equals(options.pooling())) {
      x = new GlobalAveragePooling2D().apply(x);
    } else if ("max".equals(options.pooling())) {
      x = new GlobalMaxPooling2D().apply(x);
    }
    return new Model(input, x).name("vgg16");
  }
}
