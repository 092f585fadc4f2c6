package io.github.keras4j.applications;

import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.AveragePooling2D;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Concatenate;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.models.Model;

/**
 * Builds InceptionV3 exactly as tf.keras 2.4's {@code InceptionV3(...)} does (names, order, shapes): the
 * {@code conv2d_bn} units are auto-named, so the layers must be created in Keras's order.
 */
final class InceptionV3Graph {
  private InceptionV3Graph() {}

  static Model build(ApplicationOptions<?> options) {
    options.validate("InceptionV3");
    int[] shape = InputShapes.obtain(options.inputShape(), 299, 75, options.includeTop(),
        ApplicationOptions.IMAGENET.equals(options.weights()));
    KerasTensor input = Input.shape(shape);
    KerasTensor x = convBn(input, 32, 3, 3, 2, "valid");
    x = convBn(x, 32, 3, 3, 1, "valid");
    x = convBn(x, 64, 3, 3, 1, "same");
    x = new MaxPooling2D(3, 3).strides(2, 2).apply(x);
    x = convBn(x, 80, 1, 1, 1, "valid");
    x = convBn(x, 192, 3, 3, 1, "valid");
    x = new MaxPooling2D(3, 3).strides(2, 2).apply(x);

    // mixed 0, 1, 2: 35 x 35 x 256 / 288
    for (int i = 0; i < 3; i++) {
      KerasTensor branch1x1 = convBn(x, 64, 1, 1);
      KerasTensor branch5x5 = convBn(x, 48, 1, 1);
      branch5x5 = convBn(branch5x5, 64, 5, 5);
      KerasTensor branch3x3dbl = convBn(x, 64, 1, 1);
      branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3);
      branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3);
      KerasTensor branchPool = avgPool(x);
      branchPool = convBn(branchPool, i == 0 ? 32 : 64, 1, 1);
      x = concat("mixed" + i, branch1x1, branch5x5, branch3x3dbl, branchPool);
    }

    // mixed 3: 17 x 17 x 768
    KerasTensor branch3x3 = convBn(x, 384, 3, 3, 2, "valid");
    KerasTensor branch3x3dbl = convBn(x, 64, 1, 1);
    branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3);
    branch3x3dbl = convBn(branch3x3dbl, 96, 3, 3, 2, "valid");
    KerasTensor branchPool = new MaxPooling2D(3, 3).strides(2, 2).apply(x);
    x = concat("mixed3", branch3x3, branch3x3dbl, branchPool);

    // mixed 4, 5, 6, 7: 17 x 17 x 768
    int[] widths = {128, 160, 160, 192};
    for (int i = 0; i < 4; i++) {
      int c = widths[i];
      KerasTensor branch1x1 = convBn(x, 192, 1, 1);
      KerasTensor branch7x7 = convBn(x, c, 1, 1);
      branch7x7 = convBn(branch7x7, c, 1, 7);
      branch7x7 = convBn(branch7x7, 192, 7, 1);
      KerasTensor branch7x7dbl = convBn(x, c, 1, 1);
      branch7x7dbl = convBn(branch7x7dbl, c, 7, 1);
      branch7x7dbl = convBn(branch7x7dbl, c, 1, 7);
      branch7x7dbl = convBn(branch7x7dbl, c, 7, 1);
      branch7x7dbl = convBn(branch7x7dbl, 192, 1, 7);
      KerasTensor pool = avgPool(x);
      pool = convBn(pool, 192, 1, 1);
      x = concat("mixed" + (4 + i), branch1x1, branch7x7, branch7x7dbl, pool);
    }

    // mixed 8: 8 x 8 x 1280
    branch3x3 = convBn(x, 192, 1, 1);
    branch3x3 = convBn(branch3x3, 320, 3, 3, 2, "valid");
    KerasTensor branch7x7x3 = convBn(x, 192, 1, 1);
    branch7x7x3 = convBn(branch7x7x3, 192, 1, 7);
    branch7x7x3 = convBn(branch7x7x3, 192, 7, 1);
    branch7x7x3 = convBn(branch7x7x3, 192, 3, 3, 2, "valid");
    branchPool = new MaxPooling2D(3, 3).strides(2, 2).apply(x);
    x = concat("mixed8", branch3x3, branch7x7x3, branchPool);

    // mixed 9, 10: 8 x 8 x 2048
    for (int i = 0; i < 2; i++) {
      KerasTensor branch1x1 = convBn(x, 320, 1, 1);
      KerasTensor b3 = convBn(x, 384, 1, 1);
      KerasTensor b31 = convBn(b3, 384, 1, 3);
      KerasTensor b32 = convBn(b3, 384, 3, 1);
      b3 = concat("mixed9_" + i, b31, b32);
      KerasTensor dbl = convBn(x, 448, 1, 1);
      dbl = convBn(dbl, 384, 3, 3);
      KerasTensor dbl1 = convBn(dbl, 384, 1, 3);
      KerasTensor dbl2 = convBn(dbl, 384, 3, 1);
      dbl = new Concatenate(3).apply(dbl1, dbl2);
      KerasTensor pool = avgPool(x);
      pool = convBn(pool, 192, 1, 1);
      x = concat("mixed" + (9 + i), branch1x1, b3, dbl, pool);
    }
    x = Zoo.top(x, options, "avg_pool", null, null);
    return new Model(input, x).name("inception_v3");
  }

  private static KerasTensor avgPool(KerasTensor x) {
    return new AveragePooling2D(3, 3).strides(1, 1).padding("same").apply(x);
  }

  private static KerasTensor concat(String name, KerasTensor... parts) {
    return new Concatenate(3).name(name).apply(parts);
  }

  private static KerasTensor convBn(KerasTensor x, int filters, int rows, int cols) {
    return convBn(x, filters, rows, cols, 1, "same");
  }

  /** Keras's {@code conv2d_bn}: Conv2D (no bias), BatchNormalization (no scale), ReLU, all auto-named. */
  private static KerasTensor convBn(KerasTensor x, int filters, int rows, int cols, int strides, String padding) {
    x = new Conv2D(filters, rows, cols).strides(strides, strides).padding(padding).useBias(false).apply(x);
    x = new BatchNormalization().scale(false).apply(x);
    return new Activation("relu").apply(x);
  }
}
