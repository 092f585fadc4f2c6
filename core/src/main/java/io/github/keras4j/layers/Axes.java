package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Axis arguments as Keras takes them: an int or a list, negative counting from the end. Package-private. */
final class Axes {
  private Axes() {}

  /**
   * Returns the axes as sorted, distinct, non-negative indices for an input of rank {@code rank}.
   *
   * @throws IncompatibleShapeException if an axis is out of range for the rank
   */
  static int[] resolve(String layerName, String what, int[] axes, org.tensorflow.ndarray.Shape input) {
    int rank = input.numDimensions();
    TreeSet<Integer> out = new TreeSet<>();
    for (int a : axes) {
      int r = a < 0 ? a + rank : a;
      if (r < 0 || r >= rank) {
        throw new IncompatibleShapeException(
            layerName, "an input with axis " + a, Shapes.format(input),
            "Layer '" + layerName + "': " + what + "=" + a + " is out of range for an input of rank " + rank
                + " (shape " + Shapes.format(input) + "); use an axis in [-" + rank + ", " + (rank - 1) + "].");
      }
      out.add(r);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Reads an int or a list of ints from a config; {@code fallback} when absent. */
  static int[] fromConfig(Map<String, Object> config, String key, String layer, int[] fallback) {
    Object v = config.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return new int[] {n.intValue()};
    }
    if (v instanceof List<?> list && !list.isEmpty()) {
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          throw new IllegalArgumentException(
              layer + " config: '" + key + "' must be an integer or a list of integers, but got " + v + ".");
        }
        out[i] = n.intValue();
      }
      return out;
    }
    throw new IllegalArgumentException(
        layer + " config: '" + key + "' must be an integer or a list of integers, but got " + v + ".");
  }

  /** Writes axes as Keras does: a single int stays an int, several become a list. */
  static Object toConfig(int[] axes) {
    if (axes.length == 1) {
      return axes[0];
    }
    List<Integer> out = new ArrayList<>();
    for (int a : axes) {
      out.add(a);
    }
    return out;
  }

  /** Returns the axes as longs for reduction ops. */
  static long[] longs(int[] axes) {
    long[] out = new long[axes.length];
    for (int i = 0; i < axes.length; i++) {
      out[i] = axes[i];
    }
    return out;
  }
}
