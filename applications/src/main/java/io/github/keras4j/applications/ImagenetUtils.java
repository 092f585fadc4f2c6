package io.github.keras4j.applications;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Keras's {@code imagenet_utils.preprocess_input}: the input scaling each ImageNet model was trained with.
 *
 * <pre>{@code
 * FloatNdArray x = ImagenetUtils.preprocessInput(batch, ImagenetUtils.Mode.CAFFE);   // as VGG16.preprocessInput
 * }</pre>
 *
 * <p>Input: RGB values 0..255, channels last, of any rank whose last dimension is 3: one image
 * {@code (height, width, 3)} (as an {@code ImageDataGenerator} preprocessing function receives it) or a batch
 * {@code (batch, height, width, 3)}. The result is a new array; the input is not modified. The arithmetic is done
 * in float32, step by step as numpy does it, so values equal Keras's.
 */
public final class ImagenetUtils {
  /** Keras's preprocessing modes. */
  public enum Mode {
    /**
     * {@code "caffe"} (VGG16, ResNet50): RGB → BGR, then the ImageNet mean of each channel subtracted
     * (B 103.939, G 116.779, R 123.68); no scaling.
     */
    CAFFE,
    /** {@code "tf"} (MobileNet, Inception): {@code x / 127.5 − 1}, values from −1 to 1. */
    TF,
    /**
     * {@code "torch"} (DenseNet): {@code x / 255}, then per RGB channel minus the mean (0.485, 0.456, 0.406) and
     * divided by the standard deviation (0.229, 0.224, 0.225).
     */
    TORCH
  }

  private static final float[] CAFFE_MEAN_BGR = {103.939f, 116.779f, 123.68f};
  private static final float[] TORCH_MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] TORCH_STD = {0.229f, 0.224f, 0.225f};

  private ImagenetUtils() {}

  /**
   * Returns the images preprocessed as Keras's {@code preprocess_input(x, mode=…)} with channels last.
   *
   * @param x RGB values 0..255, last dimension 3
   * @param mode the model family's preprocessing
   * @throws IllegalArgumentException if the last dimension of {@code x} is not 3
   */
  public static FloatNdArray preprocessInput(FloatNdArray x, Mode mode) {
    requireNonNull(x, "x");
    requireNonNull(mode, "mode");
    long[] shape = x.shape().asArray();
    if (shape.length == 0 || shape[shape.length - 1] != 3) {
      throw new IllegalArgumentException("preprocessInput: expected RGB images with 3 channels last, such as"
          + " (224, 224, 3) or (10, 224, 224, 3), but got shape " + Arrays.toString(shape).replace('[', '(')
              .replace(']', ')') + ".");
    }
    long size = x.shape().size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("preprocessInput: array too large (" + size + " values).");
    }
    float[] v = new float[(int) size];
    x.copyTo(DataBuffers.of(v, false, false));
    switch (mode) {
      case CAFFE -> {
        for (int i = 0; i < v.length; i += 3) {
          float r = v[i];
          v[i] = v[i + 2] - CAFFE_MEAN_BGR[0];
          v[i + 1] = v[i + 1] - CAFFE_MEAN_BGR[1];
          v[i + 2] = r - CAFFE_MEAN_BGR[2];
        }
      }
      case TF -> {
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] / 127.5f - 1f;
        }
      }
      case TORCH -> {
        for (int i = 0; i < v.length; i++) {
          int c = i % 3;
          v[i] = (v[i] / 255f - TORCH_MEAN[c]) / TORCH_STD[c];
        }
      }
      default -> throw new IllegalStateException("unknown mode " + mode);
    }
    return NdArrays.wrap(x.shape(), DataBuffers.of(v, false, false));
  }
}
