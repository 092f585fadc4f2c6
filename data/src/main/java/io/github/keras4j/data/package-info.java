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
 * <p>Sequences as Keras's {@code keras.preprocessing.sequence}: {@link io.github.keras4j.data.Sequences}
 * ({@code padSequences} with {@link io.github.keras4j.data.PadOptions}), and windows over time series for
 * forecasting, both usable as {@code fit}'s batch source: {@link io.github.keras4j.data.TimeseriesGenerator}
 * (Keras's {@code TimeseriesGenerator}) and {@link io.github.keras4j.data.TimeseriesDataset} (Keras's
 * {@code timeseries_dataset_from_array}).
 *
 * <pre>{@code
 * int[][] x = Sequences.padSequences(tokenizer.textsToSequences(texts), new PadOptions().maxlen(100));
 * model.fit(new TimeseriesGenerator(series, series, 12).batchSize(16), new FitOptions().epochs(50));
 * }</pre>
 *
 * <p>Images live in {@code io.github.keras4j.data.image}, text in {@code io.github.keras4j.data.text}, plots in
 * {@link io.github.keras4j.data.plot}.
 */
package io.github.keras4j.data;
