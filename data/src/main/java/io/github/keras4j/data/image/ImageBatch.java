package io.github.keras4j.data.image;

import org.tensorflow.ndarray.FloatNdArray;

/**
 * One batch from an image iterator, as the {@code (x, y)} pair Keras's iterators yield.
 *
 * <pre>{@code
 * ImageBatch batch = trainBatches.next();
 * Plots.images(batch.images(), batch.labels(), Path.of("batch.png"));
 * }</pre>
 *
 * @param images the images, of shape {@code (batch, height, width, channels)}, after augmentation and preprocessing;
 *     a new array for every batch
 * @param labels one row per image: one-hot for class mode "categorical", {@code {index}} for "sparse",
 *     {@code {0}} or {@code {1}} for "binary"; {@code null} for class mode none
 * @param indices each image's position in the iterator's data: in {@code filenames()} and {@code classes()} of a
 *     {@code DirectoryIterator}, in the array given to {@code flow}
 */
public record ImageBatch(FloatNdArray images, float[][] labels, int[] indices) {
  /** Returns the number of images in the batch (the last batch of an epoch may be smaller). */
  public int size() {
    return indices.length;
  }
}
