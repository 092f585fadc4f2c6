package io.github.keras4j.layers;

/**
 * Implemented by layers whose weights are stored in legacy {@code .h5} files in another layout than the layer
 * uses, and converted when read: Keras 2's {@code CuDNNLSTM} / {@code CuDNNGRU} entries load as {@link LSTM} /
 * {@link GRU} (column-major input kernels, transposed recurrent kernels per gate, double biases), as Keras 2's
 * {@code preprocess_weights_for_loading} converts them.
 *
 * <pre>{@code
 * float[] bias = layer.fromSaved(layer.bias(), savedValues); // CuDNNLSTM: (8u) -> (4u)
 * }</pre>
 */
public interface LegacyWeights {
  /** Returns the shape of {@code weight} as the file stores it. */
  long[] savedShape(Weight weight);

  /** Converts the values of {@code weight} as read from the file (of {@link #savedShape}) to the layer's layout. */
  float[] fromSaved(Weight weight, float[] saved);
}
