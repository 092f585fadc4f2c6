package io.github.keras4j.applications;

import org.tensorflow.ndarray.FloatNdArray;

/**
 * MobileNet (v1, Howard et al., 2017), as Keras's {@code keras.applications.mobilenet}.
 *
 * <pre>{@code
 * FloatNdArray x = MobileNet.preprocessInput(ImageUtils.expandDims(ImageUtils.imgToArray(
 *     ImageUtils.loadImg(Path.of("1.png"), 224, 224))));
 * }</pre>
 */
public final class MobileNet {
  private MobileNet() {}

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as MobileNet expects, as Keras's
   * {@code mobilenet.preprocess_input}: "tf" mode, {@code x / 127.5 − 1}, so values lie between −1 and 1. Returns a
   * new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.TF);
  }
}
