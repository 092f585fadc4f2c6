package io.github.keras4j.applications;

import java.util.Arrays;
import java.util.List;

/** Keras's {@code imagenet_utils.obtain_input_shape} for channels_last. */
final class InputShapes {
  private InputShapes() {}

  /**
   * Returns the input shape to build: the default square shape with a top and ImageNet weights (anything else is
   * an error, as in Keras), the given shape otherwise (at least {@code minSize}), or {@code (-1, -1, 3)} (Keras's
   * {@code (None, None, 3)}) without a top and without a given shape.
   */
  static int[] obtain(int[] given, int defaultSize, int minSize, boolean requireFlatten, boolean imagenet) {
    int[] defaultShape = {defaultSize, defaultSize, 3};
    if (imagenet && requireFlatten) {
      if (given != null && !Arrays.equals(given, defaultShape)) {
        throw new IllegalArgumentException(
            "When setting `include_top=True` and loading `imagenet` weights, `input_shape` should be ("
                + defaultSize + ", " + defaultSize + ", 3), but got " + Arrays.toString(given) + ".");
      }
      return defaultShape;
    }
    if (given != null) {
      if (given[0] < minSize || given[1] < minSize) {
        throw new IllegalArgumentException(
            "Input size must be at least " + minSize + "x" + minSize + "; got `input_shape="
                + Arrays.toString(given) + "`.");
      }
      return given.clone();
    }
    return requireFlatten ? defaultShape : new int[] {-1, -1, 3};
  }

  /**
   * {@link #obtain} as Keras's MobileNets call it: the default size is the given one when the given shape is square
   * with a size in {@code sizes} (those ImageNet weights exist for), 224 otherwise; inputs at least 32×32.
   */
  static int[] obtainMobileNet(ApplicationOptions<?> options, List<Integer> sizes) {
    int[] given = options.inputShape();
    int defaultSize = given != null && given[0] == given[1] && sizes.contains(given[0]) ? given[0] : 224;
    return obtain(given, defaultSize, 32, options.includeTop(), ApplicationOptions.IMAGENET.equals(options.weights()));
  }
}
