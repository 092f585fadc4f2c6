/**
 * Images, as Keras's {@code keras.preprocessing.image}: {@link io.github.keras4j.data.image.ImageUtils} (load,
 * convert, save), {@link io.github.keras4j.data.image.ImageFolders} (organize a data set into train/valid/test
 * class folders), {@link io.github.keras4j.data.image.ImageDataGenerator} (random augmentation and
 * standardization) with {@link io.github.keras4j.data.image.FlowOptions}, whose {@code flowFromDirectory} returns a
 * {@link io.github.keras4j.data.image.DirectoryIterator} and whose {@code flow} returns a
 * {@link io.github.keras4j.data.image.NumpyArrayIterator}, both read by {@code fit}, {@code evaluate} and
 * {@code predict}; {@link io.github.keras4j.data.image.TransformParameters} is one image's augmentation.
 *
 * <pre>{@code
 * ImageFolders.splitByFilePrefix(Path.of("data/dogs-vs-cats"), List.of("cat", "dog"),
 *     new int[] {500, 100, 50}, new Random(42));
 * DirectoryIterator trainBatches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(Path.of("data/dogs-vs-cats/train"),
 *         new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10));
 * ImageBatch batch = trainBatches.next();     // images (10, 224, 224, 3), one-hot labels
 *
 * ImageDataGenerator gen = new ImageDataGenerator().rotationRange(10).widthShiftRange(0.1).heightShiftRange(0.1)
 *     .shearRange(0.15).zoomRange(0.1).channelShiftRange(10).horizontalFlip(true);
 * List<FloatNdArray> augmented = gen.flow(image, new FlowOptions().batchSize(1).seed(7)).take(10);
 * }</pre>
 *
 * <p>Augmentation is Keras's to the bit: the parameters drawn for a seed are those of keras-preprocessing's
 * {@code get_random_transform} with numpy's generator seeded alike, and the resampling is
 * {@code scipy.ndimage.affine_transform}'s (bilinear, every fill mode).
 *
 * <p>Pixels match Keras's, which come from PIL: decoding gives PIL's values (checked on JPEG, PNG, BMP, GIF, TIFF,
 * PPM; gray, palette, RGBA, CMYK and 16-bit files), and resizing reproduces PIL's {@code nearest}, {@code bilinear},
 * {@code bicubic}, {@code lanczos}, {@code box} and {@code hamming} filters to the bit.
 *
 * <p>Design: a {@link io.github.keras4j.data.image.DirectoryIterator} decodes on a small pool of daemon worker
 * threads, one task per image, each writing its own slice of a batch buffer; the next few batches load while the
 * model trains on the current one, so the training thread rarely waits. Orders are fixed by (seed, epoch), so
 * batches do not depend on the number of workers; the augmentation of each image depends on (seed, epoch, image)
 * alone.
 */
package io.github.keras4j.data.image;
