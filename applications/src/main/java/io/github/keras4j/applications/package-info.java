/**
 * Keras's applications: ImageNet models and their input preprocessing. {@link io.github.keras4j.applications.VGG16}
 * and {@link io.github.keras4j.applications.MobileNet} with their {@code preprocessInput},
 * {@link io.github.keras4j.applications.ImagenetUtils} (the caffe, tf and torch modes), and
 * {@link io.github.keras4j.applications.ImageNet} ({@code decodePredictions}).
 *
 * <pre>{@code
 * DirectoryIterator trainBatches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(trainPath, new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10));
 * }</pre>
 */
package io.github.keras4j.applications;
