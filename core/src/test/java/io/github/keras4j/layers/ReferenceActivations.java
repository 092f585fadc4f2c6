package io.github.keras4j.layers;

/** Plain-Java versions of the built-in activations, in double precision, for the layer tests. */
final class ReferenceActivations {
  static final double SELU_ALPHA = 1.6732632423543772848170429916717;
  static final double SELU_SCALE = 1.0507009873554804934193349852946;

  private ReferenceActivations() {}

  /** Applies the activation called {@code name} to {@code z}, whose last axis has {@code lastDim} values. */
  static double[] apply(String name, double[] z, int lastDim) {
    double[] out = new double[z.length];
    if (name.equals("log_softmax")) {
      double[] p = apply("softmax", z, lastDim);
      for (int i = 0; i < p.length; i++) {
        out[i] = Math.log(p[i]);
      }
      return out;
    }
    if (name.equals("softmax")) {
      for (int row = 0; row < z.length / lastDim; row++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < lastDim; j++) {
          max = Math.max(max, z[row * lastDim + j]);
        }
        double sum = 0;
        for (int j = 0; j < lastDim; j++) {
          out[row * lastDim + j] = Math.exp(z[row * lastDim + j] - max);
          sum += out[row * lastDim + j];
        }
        for (int j = 0; j < lastDim; j++) {
          out[row * lastDim + j] /= sum;
        }
      }
      return out;
    }
    for (int i = 0; i < z.length; i++) {
      double v = z[i];
      out[i] =
          switch (name) {
            case "linear" -> v;
            case "relu" -> Math.max(0, v);
            case "relu6" -> Math.min(6, Math.max(0, v));
            case "sigmoid" -> 1 / (1 + Math.exp(-v));
            case "tanh" -> Math.tanh(v);
            case "elu" -> v > 0 ? v : Math.expm1(v);
            case "selu" -> SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v));
            case "softplus" -> Math.log1p(Math.exp(v));
            case "softsign" -> v / (Math.abs(v) + 1);
            case "exponential" -> Math.exp(v);
            case "swish", "silu" -> v / (1 + Math.exp(-v));
            case "gelu" -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
            case "gelu_approximate" ->
                0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            case "hard_sigmoid" -> Math.min(1, Math.max(0, 0.2 * v + 0.5));
            case "hard_sigmoid_keras3" -> Math.min(1, Math.max(0, v / 6 + 0.5));
            case "hard_swish", "hard_silu" -> v * Math.min(1, Math.max(0, v / 6 + 0.5));
            case "leaky_relu" -> v >= 0 ? v : 0.2 * v;
            case "cube" -> v * v * v; // the test ActivationProvider's
            case "mish" -> v * Math.tanh(Math.log1p(Math.exp(v)));
            default -> throw new IllegalArgumentException("no reference for activation " + name);
          };
    }
    return out;
  }

  /** The error function by its Maclaurin series (|x| < 5 here), exact to double rounding for the test inputs. */
  static double erf(double x) {
    if (Math.abs(x) > 5) {
      return Math.signum(x);
    }
    double sum = 0;
    double term = x;
    for (int n = 0; n < 200; n++) {
      sum += term / (2 * n + 1);
      term *= -x * x / (n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
