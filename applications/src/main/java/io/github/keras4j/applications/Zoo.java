package io.github.keras4j.applications;

import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.GlobalAveragePooling2D;
import io.github.keras4j.layers.GlobalMaxPooling2D;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.models.Model;
import io.github.keras4j.saving.KerasFiles;
import java.io.IOException;

/** What the zoo's builders share: Keras's {@code correct_pad}, the classifier / pooling top, weight loading. */
final class Zoo {
  private Zoo() {}

  /**
   * Keras's {@code imagenet_utils.correct_pad} for a 3×3 (or {@code kernel}) stride-2 convolution: pads
   * ((k/2 − adjust, k/2), …) where adjust is 1 for an even (or unknown) size, 0 for an odd one.
   */
  static ZeroPadding2D correctPad(KerasTensor x, int kernel) {
    long[] shape = x.shape().asArray();
    long rows = shape[1];
    long cols = shape[2];
    int adjustRows = rows < 0 ? 1 : (int) (1 - rows % 2);
    int adjustCols = cols < 0 ? 1 : (int) (1 - cols % 2);
    int correct = kernel / 2;
    return new ZeroPadding2D(correct - adjustRows, correct, correct - adjustCols, correct);
  }

  /**
   * The top as Keras's builders write it: with {@code include_top}, global average pooling (named
   * {@code topPool}, or auto-named when {@code null}) and the {@code predictions} Dense; otherwise the optional
   * {@code pooling} ("avg" → {@code avgName}, "max" → {@code maxName}; {@code null} names are auto-generated).
   */
  static KerasTensor top(KerasTensor x, ApplicationOptions<?> options, String topPool, String avgName,
      String maxName) {
    if (options.includeTop()) {
      GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
      if (topPool != null) {
        pool.name(topPool);
      }
      x = pool.apply(x);
      return new Dense(options.classes()).activation(options.classifierActivation()).name("predictions").apply(x);
    }
    return pooling(x, options, avgName, maxName);
  }

  /** The optional {@code pooling} of a model without its top. */
  static KerasTensor pooling(KerasTensor x, ApplicationOptions<?> options, String avgName, String maxName) {
    if ("avg".equals(options.pooling())) {
      GlobalAveragePooling2D pool = new GlobalAveragePooling2D();
      if (avgName != null) {
        pool.name(avgName);
      }
      return pool.apply(x);
    }
    if ("max".equals(options.pooling())) {
      GlobalMaxPooling2D pool = new GlobalMaxPooling2D();
      if (maxName != null) {
        pool.name(maxName);
      }
      return pool.apply(x);
    }
    return x;
  }

  /**
   * Loads the weights the options ask for: a user's file by layer name ({@link Pretrained#loadByName}), or
   * Keras's ImageNet file through the cache, layer by layer in order as Keras's {@code model.load_weights} does.
   */
  static void loadWeights(Model model, ApplicationOptions<?> options, String url, String md5) throws IOException {
    if (options.weightsFile() != null) {
      Pretrained.loadByName(model, options.weightsFile());
    } else if (ApplicationOptions.IMAGENET.equals(options.weights())) {
      String file = url.substring(url.lastIndexOf('/') + 1);
      KerasFiles.loadWeights(model, new WeightsCache().get(file, url, md5));
    }
  }

  /**
   * Loads the weights the options ask for into a model of the zoo whose ImageNet files come with and without the
   * top ({@code url}/{@code md5} or {@code urlNoTop}/{@code md5NoTop}, picked by {@code include_top}), as
   * {@link #loadWeights}; returns the model.
   */
  static Model withWeights(Model model, ApplicationOptions<?> options, String url, String md5, String urlNoTop,
      String md5NoTop) throws IOException {
    boolean top = options.includeTop();
    loadWeights(model, options, top ? url : urlNoTop, top ? md5 : md5NoTop);
    return model;
  }

  /** Python's {@code str(rows)} for a model name: {@code None} for an unknown size. */
  static String size(int rows) {
    return rows < 0 ? "None" : Integer.toString(rows);
  }
}
