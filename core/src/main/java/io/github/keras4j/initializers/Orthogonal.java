package io.github.keras4j.initializers;

import java.util.Map;
import java.util.Random;

/**
 * Keras's {@code Orthogonal} initializer (Keras 3: {@code OrthogonalInitializer}): a random orthogonal matrix
 * times {@code gain}; the default of the recurrent kernels of LSTM, GRU and SimpleRNN.
 *
 * <p>The weight is viewed as a matrix of {@code rows = prod(shape[:-1])} by {@code cols = shape[-1]}. A standard
 * normal matrix of {@code max(rows, cols)} by {@code min(rows, cols)} is orthonormalized column by column
 * (Gram-Schmidt, which is QR with a positive diagonal of R, i.e. Keras's {@code q * sign(diag(r))}) and transposed
 * when {@code rows < cols}. So {@code W Wᵀ = gain² I} (or {@code Wᵀ W}, whichever is smaller).
 *
 * <pre>{@code
 * new LSTM(32).recurrentInitializer(new Orthogonal(1.0, 7L))
 * }</pre>
 */
public final class Orthogonal extends SeededInitializer {
  private final double gain;

  /**
   * Creates the initializer.
   *
   * @param gain the factor applied to the orthogonal matrix (Keras default 1.0)
   * @param seed an explicit seed, or {@code null} to draw one from the Keras session
   */
  public Orthogonal(double gain, Long seed) {
    super("Orthogonal", seed);
    if (!Double.isFinite(gain)) {
      throw new IllegalArgumentException("Orthogonal: gain must be finite, but got gain=" + gain + ".");
    }
    this.gain = gain;
  }

  /** Creates the initializer with gain 1 and a seed from the Keras session. */
  public Orthogonal() {
    this(1.0, null);
  }

  /** Returns the gain. */
  public double gain() {
    return gain;
  }

  @Override
  public float[] generate(long[] shape, long seed) {
    if (shape.length < 2) {
      throw new IllegalArgumentException(
          "Orthogonal: the initializer needs a weight of at least 2 dimensions, but got shape "
              + java.util.Arrays.toString(shape) + ".");
    }
    long cols = shape[shape.length - 1];
    long rows = Initializers.product(shape) / Math.max(1, cols);
    int n = Math.toIntExact(Math.max(rows, cols));
    int m = Math.toIntExact(Math.min(rows, cols));
    Random random = new Random(seed);
    double[][] q = new double[m][n]; // m column vectors of length n
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < n; i++) {
        q[j][i] = random.nextGaussian();
      }
    }
    for (int j = 0; j < m; j++) {
      for (int pass = 0; pass < 2; pass++) { // re-orthogonalize once for float accuracy
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += q[j][i] * q[k][i];
          }
          for (int i = 0; i < n; i++) {
            q[j][i] -= dot * q[k][i];
          }
        }
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += q[j][i] * q[j][i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        q[j][i] /= norm;
      }
    }
    float[] out = new float[Math.toIntExact(rows * cols)];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        // rows >= cols: out[r][c] = q[c][r] (columns are the vectors); otherwise the transpose.
        double v = rows >= cols ? q[c][r] : q[r][c];
        out[Math.toIntExact(r * cols + c)] = (float) (gain * v);
      }
    }
    return out;
  }

  @Override
  void putConfig(Map<String, Object> config) {
    config.put("gain", gain);
  }
}
