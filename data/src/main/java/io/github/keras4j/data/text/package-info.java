/**
 * Text preprocessing as Keras's {@code keras.preprocessing.text}: {@link io.github.keras4j.data.text.Tokenizer}
 * (vocabulary by frequency, texts to sequences and matrices, and the {@code tokenizer.json} files Python saves
 * next to its models, read and written in Keras's exact format).
 *
 * <pre>{@code
 * Tokenizer tokenizer = new Tokenizer().numWords(10000).oovToken("<OOV>");
 * tokenizer.fitOnTexts(texts);
 * int[][] padded = Sequences.padSequences(tokenizer.textsToSequences(texts), new PadOptions().maxlen(100));
 * Files.writeString(Path.of("tokenizer.json"), tokenizer.toJson());
 * Tokenizer again = Tokenizer.fromJson(Files.readString(Path.of("tokenizer.json")));
 * }</pre>
 *
 * <p>Padding and windowing of sequences live in {@link io.github.keras4j.data} ({@code Sequences},
 * {@code TimeseriesGenerator}, {@code TimeseriesDataset}).
 */
package io.github.keras4j.data.text;
