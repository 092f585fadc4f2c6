/**
 * Keras's applications: ImageNet models and their input preprocessing, built with Keras's layer names, order and
 * parameter counts, with weights from Keras's own files through {@link io.github.keras4j.applications.WeightsCache}.
 *
 * <table>
 *   <caption>The zoo</caption>
 *   <tr><th>model</th><th>default input</th><th>parameters</th><th>{@code preprocessInput}</th></tr>
 *   <tr><td>{@link io.github.keras4j.applications.VGG16}</td><td>224</td><td>138,357,544</td><td>caffe</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.MobileNet}</td><td>224</td><td>4,253,864</td><td>tf</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.MobileNetV2}</td><td>224</td><td>3,538,984</td><td>tf</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.ResNet50}</td><td>224</td><td>25,636,712</td><td>caffe</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.ResNet50V2}</td><td>224</td><td>25,613,800</td><td>tf</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.InceptionV3}</td><td>299</td><td>23,851,784</td><td>tf</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.Xception}</td><td>299</td><td>22,910,480</td><td>tf</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.DenseNet121}</td><td>224</td><td>8,062,504</td><td>torch</td></tr>
 *   <tr><td>{@link io.github.keras4j.applications.EfficientNetB0}</td><td>224</td><td>5,330,571</td><td>none (inside
 *       the model)</td></tr>
 * </table>
 *
 * <p>{@link io.github.keras4j.applications.ImagenetUtils} holds the caffe, tf and torch modes and
 * {@link io.github.keras4j.applications.ImageNet} {@code decodePredictions}. A weights file given to an
 * application's {@code weights(Path)} is loaded by layer name, also from a model nested in the file (the
 * MobileNetV2 inside a Teachable Machine export).
 *
 * <pre>{@code
 * DirectoryIterator trainBatches = new ImageDataGenerator()
 *     .preprocessingFunction(VGG16::preprocessInput)
 *     .flowFromDirectory(trainPath, new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10));
 * Model base = MobileNetV2.create(new MobileNetV2.Options().alpha(0.35).includeTop(false).inputShape(224, 224, 3)
 *     .weights(Path.of("keras_model.h5")));
 * }</pre>
 */
package io.github.keras4j.applications;
