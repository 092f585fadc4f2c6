package io.github.keras4j.layers;

import java.util.Arrays;
import java.util.StringJoiner;
import org.tensorflow.ndarray.Shape;

/**
 * Helpers for {@link Shape}s as Keras uses them: the first dimension is the batch ({@code -1}, printed
 * {@code None}).
 */
public final class Shapes {
  private Shapes() {}

  /** Returns {@code (None, d1, d2, …)}: a batch shape for one sample of the given dimensions. */
  public static Shape batchOf(long... sampleDims) {
    long[] dims = new long[sampleDims.length + 1];
    dims[0] = Shape.UNKNOWN_SIZE;
    System.arraycopy(sampleDims, 0, dims, 1, sampleDims.length);
    return Shape.of(dims);
  }

  /** Returns the shape without its first (batch) dimension. */
  public static long[] sampleDims(Shape batchShape) {
    long[] all = batchShape.asArray();
    return Arrays.copyOfRange(all, 1, all.length);
  }

  /** Returns the number of values in one sample (the product of all but the batch dimension). */
  public static long sampleSize(Shape batchShape) {
    long size = 1;
    for (int i = 1; i < batchShape.numDimensions(); i++) {
      size *= batchShape.size(i);
    }
    return size;
  }

  /** Formats a shape as Keras prints it: {@code (None, 16)}, {@code (None, 224, 224, 3)}, {@code (None,)}. */
  public static String format(Shape shape) {
    if (shape == null || shape.isUnknown()) {
      return "?";
    }
    StringJoiner joiner = new StringJoiner(", ", "(", shape.numDimensions() == 1 ? ",)" : ")");
    for (long d : shape.asArray()) {
      joiner.add(d < 0 ? "None" : Long.toString(d));
    }
    return joiner.toString();
  }

  /** Returns whether two shapes agree in every dimension that both know (an unknown size matches anything). */
  public static boolean compatible(Shape a, Shape b) {
    if (a.numDimensions() != b.numDimensions()) {
      return false;
    }
    for (int i = 0; i < a.numDimensions(); i++) {
      long x = a.size(i);
      long y = b.size(i);
      if (x >= 0 && y >= 0 && x != y) {
        return false;
      }
    }
    return true;
  }
}
