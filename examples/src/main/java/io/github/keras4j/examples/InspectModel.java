package io.github.keras4j.examples;

import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.saving.KerasFileException;
import io.github.keras4j.saving.KerasFiles;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Prints what a Keras file holds: the model summary (a nested model — a layer that is itself a model — shows as
 * one row, and its own summary follows under a {@code Nested model} header), a line naming the file's format, then
 * one line per weight in the model's weight order, {@code weight <layer>/<name> <shape> min=… max=… mean=…}, and
 * with {@code --input} the prediction for that single sample. Reads what {@code Models.load} reads: files written
 * by Keras4J and by Python Keras 1.x … 3.x ({@code .h5} of any config size, {@code .keras} including tf.keras
 * 2.13–2.15 and Windows-saved archives) and TF 2.x SavedModel directories ({@code model.save("dir")}).
 * Weights-only files need the architecture ({@code --architecture model.json} or {@code .yaml}).
 *
 * <pre>
 * InspectModel medical_trial_model.h5 --input 0.5
 * InspectModel my_model_weights.h5 --architecture medical_trial_model.json
 * InspectModel savedmodel_dir/
 * </pre>
 */
public final class InspectModel {
  private InspectModel() {}

  /** Runs the inspection; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path file = null;
    Path architecture = null;
    float[] input = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--architecture" -> architecture = Path.of(value(args, ++i, "--architecture"));
        case "--input" -> input = parseInput(value(args, ++i, "--input"));
        default -> {
          if (args[i].startsWith("--") || file != null) {
            usage("unexpected argument '" + args[i] + "'");
            return;
          }
          file = Path.of(args[i]);
        }
      }
    }
    if (file == null) {
      usage("give a Keras file");
      return;
    }
    Model model;
    if (architecture != null) {
      String text = Files.readString(architecture);
      String name = architecture.getFileName().toString().toLowerCase(Locale.ROOT);
      model = name.endsWith(".yaml") || name.endsWith(".yml") ? Models.fromYaml(text) : Models.fromJson(text);
      model.loadWeights(file);
    } else {
      try {
        model = Models.load(file);
      } catch (KerasFileException e) {
        System.err.println(e.getMessage());
        System.err.println("For a weights-only file, give the architecture: --architecture <json|yaml file>.");
        throw e;
      }
    }
    try (model) {
      System.out.print(model.summaryString());
      printNestedSummaries(model);
      System.out.println("format: " + KerasFiles.describeFormat(file));
      for (Weight w : model.weights()) {
        float[] v = w.read();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float x : v) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
        float mean = numpyMean(v);
        System.out.println("weight " + w.path() + " " + shape(w.shape()) + " min=" + g9(min) + " max=" + g9(max)
            + " mean=" + g9(mean));
      }
      if (input != null) {
        long[] dims = model.inputShape().asArray();
        dims[0] = 1;
        long size = 1;
        for (int i = 1; i < dims.length; i++) {
          size *= dims[i];
        }
        if (size != input.length) {
          throw new IllegalArgumentException("--input: the model takes " + size + " values per sample "
              + shape(java.util.Arrays.copyOfRange(dims, 1, dims.length)) + ", but got " + input.length + ".");
        }
        FloatNdArray x = NdArrays.wrap(Shape.of(dims), DataBuffers.of(input, true, false));
        float[] p = model.predict(x)[0];
        StringJoiner line = new StringJoiner(" ", "prediction ", "");
        for (float value : p) {
          line.add(g9(value));
        }
        System.out.println(line);
      }
    }
  }

  /**
   * Prints the summary of every model nested in {@code model} (a Teachable Machine model's MobileNet base, a
   * {@code Sequential} inside a functional model, …), depth first, each under a {@code Nested model} header line;
   * the outer summary shows such a model as one row, as Keras's {@code summary()} does.
   */
  static void printNestedSummaries(Model model) {
    for (io.github.keras4j.layers.Layer layer : model.layers()) {
      if (layer instanceof Model nested) {
        System.out.println();
        System.out.println("Nested model \"" + nested.name() + "\" (in \"" + model.name() + "\"):");
        System.out.print(nested.summaryString());
        printNestedSummaries(nested);
      }
    }
  }

  /**
   * Returns {@code numpy.mean} of a float32 array bit for bit: numpy sums float32 in float32, pairwise within
   * each 8192-element buffer of its reduction loop, buffers one after another, then divides.
   */
  static float numpyMean(float[] v) {
    if (v.length == 0) {
      return Float.NaN;
    }
    float total = 0;
    for (int start = 0; start < v.length; start += 8192) {
      total += pairwiseSum(v, start, Math.min(8192, v.length - start));
    }
    return (float) ((double) total / v.length);
  }

  /** numpy's {@code pairwise_sum} for float32 (blocks of 128 with eight accumulators). */
  private static float pairwiseSum(float[] a, int from, int n) {
    if (n < 8) {
      float res = 0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    if (n <= 128) {
      float[] r = new float[8];
      System.arraycopy(a, from, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[from + i + j];
        }
      }
      float res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value.");
    }
    return args[i];
  }

  private static float[] parseInput(String text) {
    String[] parts = text.split(",");
    float[] values = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        values[i] = Float.parseFloat(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--input: '" + parts[i] + "' is not a number.", e);
      }
    }
    return values;
  }

  private static void usage(String problem) {
    System.err.println("InspectModel: " + problem + ".");
    System.err.println("Usage: InspectModel <file.h5|file.keras> [--architecture <json|yaml file>] [--input v1,v2,…]");
  }

  /** Formats a shape as a Python tuple: {@code (1, 16)}, {@code (16,)}, {@code ()}. */
  static String shape(long[] dims) {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (long d : dims) {
      j.add(Long.toString(d));
    }
    return j.toString();
  }

  /** C's {@code %.9g}: 9 significant digits, trailing zeros removed, exponent form outside [1e-4, 1e9). */
  static String g9(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(9, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 9) {
      BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
      String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
      return String.format(Locale.ROOT, "%se%s%02d", m, exponent < 0 ? "-" : "+", Math.abs(exponent));
    }
    BigDecimal plain = rounded.stripTrailingZeros();
    return plain.scale() <= 0 ? plain.toBigInteger().toString() : plain.toPlainString();
  }
}
