package io.github.keras4j.layers;

import java.util.List;

/**
 * A plain-Java, double-precision forward pass of Keras's LSTM, GRU and SimpleRNN (tanh / sigmoid), written from
 * Keras's formulas, for the tests: masks keep the state and repeat the previous output (zeros with
 * {@code zeroMasked}); {@code backwards} iterates from the last step and returns outputs in iteration order.
 */
final class RnnReference {
  private RnnReference() {}

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  /**
   * Runs the layer.
   *
   * @param kind LSTM, GRU, GRU0 (reset_after false) or SimpleRNN
   * @param x row-major (batch, steps, features)
   * @param shape the input shape
   * @param w kernel, recurrent_kernel, bias (row-major)
   * @param mask (batch, steps) or null
   */
  static double[] run(String kind, int units, float[] x, long[] shape, List<float[]> w, boolean[][] mask,
      boolean backwards, boolean sequences, boolean zeroMasked) {
    int b = (int) shape[0];
    int t = (int) shape[1];
    int f = (int) shape[2];
    int g = kind.equals("LSTM") ? 4 : kind.startsWith("GRU") ? 3 : 1;
    int cols = g * units;
    float[] k = w.get(0);
    float[] r = w.get(1);
    float[] bias = w.size() > 2 ? w.get(2) : null;
    boolean after = kind.equals("GRU");
    double[] out = new double[sequences ? b * t * units : b * units];
    for (int n = 0; n < b; n++) {
      double[] h = new double[units];
      double[] c = new double[units];
      double[] prev = new double[units];
      for (int step = 0; step < t; step++) {
        int s = backwards ? t - 1 - step : step;
        double[] xp = new double[cols];
        double[] hp = new double[cols];
        for (int j = 0; j < cols; j++) {
          double v = bias == null ? 0 : bias[j];
          for (int i = 0; i < f; i++) {
            v += x[(n * t + s) * f + i] * (double) k[i * cols + j];
          }
          xp[j] = v;
          double u = after && bias != null ? bias[cols + j] : 0;
          for (int i = 0; i < units; i++) {
            u += h[i] * r[i * cols + j];
          }
          hp[j] = u;
        }
        double[] hn = new double[units];
        double[] cn = new double[units];
        for (int j = 0; j < units; j++) {
          switch (kind) {
            case "LSTM" -> {
              double i = sigmoid(xp[j] + hp[j]);
              double fg = sigmoid(xp[units + j] + hp[units + j]);
              double cc = Math.tanh(xp[2 * units + j] + hp[2 * units + j]);
              double o = sigmoid(xp[3 * units + j] + hp[3 * units + j]);
              cn[j] = fg * c[j] + i * cc;
              hn[j] = o * Math.tanh(cn[j]);
            }
            case "GRU" -> {
              double z = sigmoid(xp[j] + hp[j]);
              double rr = sigmoid(xp[units + j] + hp[units + j]);
              double hh = Math.tanh(xp[2 * units + j] + rr * hp[2 * units + j]);
              hn[j] = z * h[j] + (1 - z) * hh;
            }
            case "GRU0" -> {
              double z = sigmoid(xp[j] + hp[j]);
              double rr = sigmoid(xp[units + j] + hp[units + j]);
              double rh = 0;
              for (int i = 0; i < units; i++) {
                // (r ⊙ h)·U_h needs every r_i: recompute r_i
                double ri = sigmoid(xp[units + i] + hp[units + i]);
                rh += ri * h[i] * r[i * cols + 2 * units + j];
              }
              hn[j] = z * h[j] + (1 - z) * Math.tanh(xp[2 * units + j] + rh);
            }
            default -> hn[j] = Math.tanh(xp[j] + hp[j]);
          }
        }
        boolean on = mask == null || mask[n][s];
        double[] o = new double[units];
        for (int j = 0; j < units; j++) {
          if (on) {
            h[j] = hn[j];
            c[j] = cn[j];
            o[j] = hn[j];
          } else {
            o[j] = zeroMasked ? 0 : prev[j];
          }
        }
        prev = o;
        if (sequences) {
          System.arraycopy(o, 0, out, (n * t + step) * units, units);
        }
      }
      if (!sequences) {
        System.arraycopy(prev, 0, out, n * units, units);
      }
    }
    return out;
  }
}
