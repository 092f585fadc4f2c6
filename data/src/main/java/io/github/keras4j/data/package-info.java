/**
 * Data preparation for small arrays: {@link io.github.keras4j.data.MinMaxScaler} (scikit-learn's feature scaling)
 * and {@link io.github.keras4j.data.Datasets} (shuffling samples and labels in unison, {@code reshape(-1, 1)}, a
 * train/test split).
 *
 * <pre>{@code
 * Datasets.shuffle(trainSamples, trainLabels, seed);
 * float[][] scaledTrainSamples = new MinMaxScaler(0, 1).fitTransform(Datasets.column(trainSamples));
 * }</pre>
 *
 * <p>Images live in {@code io.github.keras4j.data.image}, plots in {@link io.github.keras4j.data.plot}.
 */
package io.github.keras4j.data;
