package io.github.keras4j.data;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Sequence preprocessing as Keras's {@code keras.preprocessing.sequence}: {@link #padSequences} brings sequences of
 * different lengths to one length, so that they form the rectangular array a model takes.
 *
 * <pre>{@code
 * List<int[]> sequences = tokenizer.textsToSequences(texts);
 * int[][] x = Sequences.padSequences(sequences, new PadOptions().maxlen(100));   // (texts, 100), zeros before
 * }</pre>
 */
public final class Sequences {
  private Sequences() {}

  /** Pads integer sequences with Keras's defaults (to the longest, zeros before). */
  public static int[][] padSequences(List<int[]> sequences) {
    return padSequences(sequences, new PadOptions());
  }

  /**
   * Pads or truncates integer sequences to one length, as Keras's {@code pad_sequences} with its default dtype
   * {@code int32}: each output row has {@code maxlen} values; a shorter sequence is padded with {@code value}
   * (cast to int) before ({@code "pre"}) or after ({@code "post"}); a longer one loses its first ({@code "pre"}) or
   * last ({@code "post"}) values. An empty sequence becomes a row of padding.
   *
   * @throws NullPointerException if a sequence is null (the message names its position)
   */
  public static int[][] padSequences(List<int[]> sequences, PadOptions options) {
    requireNonNull(sequences, "sequences");
    requireNonNull(options, "options");
    int[] lengths = lengths(sequences.size(), i -> sequences.get(i) == null ? -1 : sequences.get(i).length);
    int maxlen = maxlen(lengths, options);
    int value = (int) options.value();
    int[][] out = new int[sequences.size()][maxlen];
    for (int i = 0; i < out.length; i++) {
      java.util.Arrays.fill(out[i], value);
      int[] s = sequences.get(i);
      int[] range = range(s.length, maxlen, options);
      System.arraycopy(s, range[0], out[i], range[2], range[1]);
    }
    return out;
  }

  /** Pads an array of integer sequences (rows of any lengths). */
  public static int[][] padSequences(int[][] sequences, PadOptions options) {
    requireNonNull(sequences, "sequences");
    return padSequences(java.util.Arrays.asList(sequences), options);
  }

  /**
   * Pads or truncates float sequences to one length, as Keras's {@code pad_sequences} with
   * {@code dtype="float32"} (see {@link #padSequences(List, PadOptions)}).
   */
  public static float[][] padSequencesFloat(List<float[]> sequences, PadOptions options) {
    requireNonNull(sequences, "sequences");
    requireNonNull(options, "options");
    int[] lengths = lengths(sequences.size(), i -> sequences.get(i) == null ? -1 : sequences.get(i).length);
    int maxlen = maxlen(lengths, options);
    float[][] out = new float[sequences.size()][maxlen];
    for (int i = 0; i < out.length; i++) {
      java.util.Arrays.fill(out[i], (float) options.value());
      float[] s = sequences.get(i);
      int[] range = range(s.length, maxlen, options);
      System.arraycopy(s, range[0], out[i], range[2], range[1]);
    }
    return out;
  }

  /**
   * Pads or truncates sequences of feature vectors ({@code sequences[i][t]} is step {@code t}'s features) to
   * {@code (n, maxlen, features)}, as Keras's {@code pad_sequences} on 3-D data with {@code dtype="float32"};
   * padded steps hold {@code value} in every feature.
   *
   * @throws IllegalArgumentException if steps have different feature counts (Keras's "Shape of sample … is
   *     different from expected shape")
   */
  public static float[][][] padSequences(float[][][] sequenceArray, PadOptions options) {
    requireNonNull(sequenceArray, "sequences");
    requireNonNull(options, "options");
    List<float[][]> sequences = java.util.Arrays.asList(sequenceArray);
    int[] lengths = lengths(sequences.size(), i -> sequences.get(i) == null ? -1 : sequences.get(i).length);
    int maxlen = maxlen(lengths, options);
    int features = -1;
    for (int i = 0; i < sequences.size() && features < 0; i++) {
      if (sequences.get(i).length > 0) {
        features = requireNonNull(sequences.get(i)[0], "step").length;
      }
    }
    features = Math.max(features, 0);
    float[][][] out = new float[sequences.size()][maxlen][features];
    for (int i = 0; i < out.length; i++) {
      float[][] s = sequences.get(i);
      int[] range = range(s.length, maxlen, options);
      for (int t = 0; t < maxlen; t++) {
        java.util.Arrays.fill(out[i][t], (float) options.value());
      }
      for (int t = 0; t < range[1]; t++) {
        float[] step = s[range[0] + t];
        if (step == null || step.length != features) {
          throw new IllegalArgumentException(
              "padSequences: step " + (range[0] + t) + " of sequence " + i + " has "
                  + (step == null ? "no" : String.valueOf(step.length)) + " features, but the first non-empty"
                  + " sequence has " + features + "; every step must have the same number of features.");
        }
        System.arraycopy(step, 0, out[i][range[2] + t], 0, features);
      }
    }
    return out;
  }

  private static int[] lengths(int n, java.util.function.IntUnaryOperator length) {
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = length.applyAsInt(i);
      if (lengths[i] < 0) {
        throw new NullPointerException("padSequences: sequence " + i + " is null.");
      }
    }
    return lengths;
  }

  private static int maxlen(int[] lengths, PadOptions options) {
    if (options.maxlen() != null) {
      return options.maxlen();
    }
    int max = 0;
    for (int l : lengths) {
      max = Math.max(max, l);
    }
    return max;
  }

  /** Returns {source offset, count, target offset} of the values kept from a sequence of {@code length}. */
  private static int[] range(int length, int maxlen, PadOptions options) {
    int count = Math.min(length, maxlen);
    int from = options.truncating().equals("pre") ? length - count : 0;
    int to = options.padding().equals("pre") ? maxlen - count : 0;
    return new int[] {from, count, to};
  }

  /**
   * Checks that integer sequences all have one length (a model takes a rectangular array) and returns it.
   *
   * @throws IllegalArgumentException naming the first sequence whose length differs, with the fix
   *     ({@link #padSequences})
   */
  public static int requireSameLength(List<int[]> sequences) {
    requireNonNull(sequences, "sequences");
    if (sequences.isEmpty()) {
      return 0;
    }
    int length = requireNonNull(sequences.get(0), "sequence 0").length;
    for (int i = 1; i < sequences.size(); i++) {
      int l = requireNonNull(sequences.get(i), "sequence " + i).length;
      if (l != length) {
        throw new IllegalArgumentException(
            "The sequences are ragged: sequence 0 has " + length + " steps but sequence " + i + " has " + l
                + "; pad them to one length first, e.g. Sequences.padSequences(sequences, new PadOptions()"
                + ".maxlen(" + Math.max(length, l) + ")).");
      }
    }
    return length;
  }

  /** Returns integer sequences of one length as a float array of ids (a model's float input). */
  public static float[][] toFloatArray(List<int[]> sequences) {
    requireSameLength(sequences);
    float[][] out = new float[sequences.size()][];
    for (int i = 0; i < out.length; i++) {
      int[] s = sequences.get(i);
      out[i] = new float[s.length];
      for (int t = 0; t < s.length; t++) {
        out[i][t] = s[t];
      }
    }
    return out;
  }

  /**
   * Sliding windows over a series, as Keras's {@code timeseries_dataset_from_array}; configure the returned
   * dataset's stride, sampling rate, batch size, shuffling and index range with its setters.
   *
   * @see TimeseriesDataset
   */
  public static TimeseriesDataset timeseriesDatasetFromArray(float[][] data, float[][] targets, int sequenceLength) {
    return TimeseriesDataset.fromArray(data, targets, sequenceLength);
  }

  /** Sliding windows over a univariate series, as Keras's {@code timeseries_dataset_from_array}. */
  public static TimeseriesDataset timeseriesDatasetFromArray(float[] data, float[] targets, int sequenceLength) {
    return TimeseriesDataset.fromArray(data, targets, sequenceLength);
  }
}
