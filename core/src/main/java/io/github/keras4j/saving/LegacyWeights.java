package io.github.keras4j.saving;

import io.github.keras4j.layers.Layer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Converts weights saved by Keras 1.x, or by the Theano backend, to the Keras 2 layout, as Keras 2's
 * {@code preprocess_weights_for_loading} ({@code keras/engine/saving.py}) does:
 *
 * <ul>
 *   <li>Keras 1 files (a weights group without {@code keras_version} counts as Keras 1, as in Keras 2):
 *       {@code Conv1D} kernels {@code (filter_length, 1, input_dim, filters)} (or Keras 1.1's
 *       {@code (filters, input_dim, filter_length, 1)}, transposed (2, 3, 1, 0) first) lose their unit axis;
 *       {@code Conv2D} with {@code channels_first}: {@code (filters, in, rows, cols)} → transposed (2, 3, 1, 0);
 *       {@code Conv2DTranspose}: (0, 1, 3, 2) for channels_last, (2, 3, 0, 1) for channels_first;
 *       {@code Conv3D} channels_first: (2, 3, 4, 1, 0); {@code LSTM} with 12 per-gate arrays (i, c, f, o) and
 *       {@code GRU} with 9 (z, r, h) are concatenated on the last axis into Keras 2's 3 arrays (LSTM order
 *       i, f, c, o).
 *   <li>Theano-backend files ({@code backend == "theano"}): Theano convolves, TensorFlow correlates, so the
 *       kernel of every convolution is flipped on all axes but the last two ({@code conv_utils.convert_kernel});
 *       then, if the kernel's shape still differs from the layer's, it is transposed (3, 2, 0, 1).
 * </ul>
 */
final class LegacyWeights {
  private LegacyWeights() {}

  /** One array: row-major values and shape. */
  record Array(float[] values, long[] shape) {
    Array {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      if (n != values.length) {
        throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + values.length
            + " values");
      }
    }
  }

  /** Whether a Keras version string (the {@code keras_version} attribute, {@code null} if absent) is Keras 1. */
  static boolean isKeras1(String kerasVersion) {
    return kerasVersion == null || kerasVersion.equals("1") || kerasVersion.startsWith("1.");
  }

  /** Whether anything needs converting for these file attributes. */
  static boolean applies(String kerasVersion, String backend) {
    return isKeras1(kerasVersion) || "theano".equals(backend);
  }

  /**
   * Converts one layer's saved arrays (in {@code weight_names} order) to what Keras 2's layer expects; arrays of
   * layers that need no conversion come back unchanged.
   *
   * @param layer the Keras4J layer receiving the weights (its class name, config and weight shapes decide)
   */
  static List<Array> preprocess(Layer layer, List<Array> weights, String kerasVersion, String backend) {
    String cls = layer.className();
    List<Array> w = new ArrayList<>(weights);
    Map<String, Object> config = layer.getConfig();
    String dataFormat = config.get("data_format") instanceof String s ? s : "channels_last";
    if (isKeras1(kerasVersion) && !w.isEmpty()) {
      switch (cls) {
        case "Conv1D" -> {
          Array k = w.get(0);
          long[] s = k.shape();
          if (s.length == 4) {
            int length = kernelLength(config);
            int filters = config.get("filters") instanceof Number n ? n.intValue() : -1;
            if (!(s[0] == length && s[1] == 1) || s[3] != filters) {
              k = transpose(k, 2, 3, 1, 0); // Keras 1.1: (filters, input_dim, filter_length, 1)
            }
            long[] ks = k.shape();
            w.set(0, new Array(k.values(), new long[] {ks[0], ks[2], ks[3]})); // drop the unit axis
          }
        }
        case "Conv2D" -> {
          if (dataFormat.equals("channels_first") && w.get(0).shape().length == 4) {
            w.set(0, transpose(w.get(0), 2, 3, 1, 0));
          }
        }
        case "Conv2DTranspose" -> {
          if (w.get(0).shape().length == 4) {
            w.set(0, dataFormat.equals("channels_first") ? transpose(w.get(0), 2, 3, 0, 1)
                : transpose(w.get(0), 0, 1, 3, 2));
          }
        }
        case "Conv3D" -> {
          if (dataFormat.equals("channels_first") && w.get(0).shape().length == 5) {
            w.set(0, transpose(w.get(0), 2, 3, 4, 1, 0));
          }
        }
        case "GRU" -> {
          if (w.size() == 9) {
            w = List.of(concatLast(w, 0, 3, 6), concatLast(w, 1, 4, 7), concatLast(w, 2, 5, 8));
          }
        }
        case "LSTM" -> {
          if (w.size() == 12) { // old: i, c, f, o; new: i, f, c, o
            w = List.of(concatLast(w, 0, 6, 3, 9), concatLast(w, 1, 7, 4, 10), concatLast(w, 2, 8, 5, 11));
          }
        }
        default -> { }
      }
    }
    if (List.of("Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose").contains(cls) && !w.isEmpty()) {
      w = new ArrayList<>(w);
      if ("theano".equals(backend)) {
        w.set(0, flipSpatial(w.get(0)));
      }
      long[] expected = layer.weights().isEmpty() ? null : layer.weights().get(0).shape();
      if (expected != null && w.get(0).shape().length == 4 && expected.length == 4
          && !Arrays.equals(expected, w.get(0).shape())) {
        w.set(0, transpose(w.get(0), 3, 2, 0, 1));
      }
    }
    return w;
  }

  private static int kernelLength(Map<String, Object> config) {
    Object k = config.get("kernel_size");
    if (k instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Number n) {
      return n.intValue();
    }
    return k instanceof Number n ? n.intValue() : -1;
  }

  /** numpy.transpose(a, perm). */
  static Array transpose(Array a, int... perm) {
    long[] s = a.shape();
    if (perm.length != s.length) {
      throw new IllegalArgumentException("cannot transpose an array of shape " + Arrays.toString(s) + " by "
          + Arrays.toString(perm));
    }
    int r = s.length;
    long[] out = new long[r];
    for (int i = 0; i < r; i++) {
      out[i] = s[perm[i]];
    }
    long[] inStrides = strides(s);
    float[] v = new float[a.values().length];
    int[] idx = new int[r];
    for (int o = 0; o < v.length; o++) {
      long src = 0;
      for (int i = 0; i < r; i++) {
        src += idx[i] * inStrides[perm[i]];
      }
      v[o] = a.values()[(int) src];
      for (int i = r - 1; i >= 0; i--) {
        if (++idx[i] < out[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return new Array(v, out);
  }

  /** conv_utils.convert_kernel: reverses every axis but the last two. */
  static Array flipSpatial(Array a) {
    long[] s = a.shape();
    int r = s.length;
    long[] st = strides(s);
    float[] v = new float[a.values().length];
    int[] idx = new int[r];
    for (int o = 0; o < v.length; o++) {
      long src = 0;
      for (int i = 0; i < r; i++) {
        long j = i < r - 2 ? s[i] - 1 - idx[i] : idx[i];
        src += j * st[i];
      }
      v[o] = a.values()[(int) src];
      for (int i = r - 1; i >= 0; i--) {
        if (++idx[i] < s[i]) {
          break;
        }
        idx[i] = 0;
      }
    }
    return new Array(v, s.clone());
  }

  /** numpy.concatenate([w[i] for i in order], axis=-1). */
  static Array concatLast(List<Array> w, int... order) {
    long[] first = w.get(order[0]).shape();
    int r = first.length;
    long rows = 1;
    for (int i = 0; i < r - 1; i++) {
      rows *= first[i];
    }
    long cols = 0;
    for (int i : order) {
      long[] s = w.get(i).shape();
      if (s.length != r || !Arrays.equals(Arrays.copyOf(s, r - 1), Arrays.copyOf(first, r - 1))) {
        throw new IllegalArgumentException("per-gate arrays of shapes " + Arrays.toString(first) + " and "
            + Arrays.toString(s) + " cannot be concatenated");
      }
      cols += s[r - 1];
    }
    float[] v = new float[(int) (rows * cols)];
    long offset = 0;
    for (int i : order) {
      Array a = w.get(i);
      int c = (int) a.shape()[r - 1];
      for (int row = 0; row < rows; row++) {
        System.arraycopy(a.values(), row * c, v, (int) (row * cols + offset), c);
      }
      offset += c;
    }
    long[] shape = first.clone();
    shape[r - 1] = cols;
    return new Array(v, shape);
  }

  private static long[] strides(long[] s) {
    long[] st = new long[s.length];
    long m = 1;
    for (int i = s.length - 1; i >= 0; i--) {
      st[i] = m;
      m *= s[i];
    }
    return st;
  }
}
