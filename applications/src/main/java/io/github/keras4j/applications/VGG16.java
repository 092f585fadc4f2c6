package io.github.keras4j.applications;

import org.tensorflow.ndarray.FloatNdArray;

/**
 * VGG16 (Simonyan and Zisserman, 2014), as Keras's {@code keras.applications.vgg16}.
 *
 * <pre>{@code
 * DirectoryIterator batches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(trainPath, new FlowOptions().targetSize(224, 224));
 * }</pre>
 */
public final class VGG16 {
  private VGG16() {}

  /**
   * Preprocesses RGB images (values 0..255, channels last; one image or a batch) as VGG16 expects, as Keras's
   * {@code vgg16.preprocess_input}: "caffe" mode, RGB → BGR and the ImageNet channel means subtracted
   * (B 103.939, G 116.779, R 123.68), no scaling. Returns a new array.
   *
   * @throws IllegalArgumentException if the last dimension is not 3
   * @see ImagenetUtils#preprocessInput(FloatNdArray, ImagenetUtils.Mode)
   */
  public static FloatNdArray preprocessInput(FloatNdArray x) {
    return ImagenetUtils.preprocessInput(x, ImagenetUtils.Mode.CAFFE);
  }
}
