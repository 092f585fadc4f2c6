package io.github.keras4j.spark;

import io.github.keras4j.applications.ImagenetUtils;
import io.github.keras4j.data.image.ImageUtils;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Turns the feature columns of a row into the float arrays of a model's inputs, checking types and widths on the
 * driver ({@link #plan}) so that executors fail only on bad values (nulls, ragged arrays, corrupt images).
 */
final class FeatureReader implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind { ARRAY, VECTOR, SCALARS, IMAGE }

  /** One model input: where its values come from. */
  record Input(Kind kind, int[] columns, String[] names, long[] sampleShape, int width) implements Serializable {}

  /** How image columns are decoded. */
  record ImageSpec(String colorMode, String interpolation, ImagenetUtils.Mode preprocess, int pathColumn)
      implements Serializable {}

  private final List<Input> inputs;
  private final ImageSpec image;
  private final String who;

  private FeatureReader(List<Input> inputs, ImageSpec image, String who) {
    this.inputs = List.copyOf(inputs);
    this.image = image;
    this.who = who;
  }

  List<Input> inputs() {
    return inputs;
  }

  /**
   * Plans how the columns feed the model's inputs. One column per input: each column is that input (an
   * {@code array<number>}, an ML {@code Vector} or image bytes); several numeric scalar columns and a model with
   * one input: the columns are the input's features in order.
   *
   * @throws IllegalArgumentException naming the column, its type and what the model expects
   */
  static FeatureReader plan(
      StructType schema, List<String> columns, List<Shape> modelInputs, ImageSpec image, String who) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(who + ": no input column set; call setInputCol(name) or setInputCols(...).");
    }
    int[] idx = new int[columns.size()];
    DataType[] types = new DataType[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i);
      if (!Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException(who + ": input column '" + name + "' is not in the dataset; its columns"
            + " are " + Arrays.toString(schema.fieldNames()) + ".");
      }
      idx[i] = schema.fieldIndex(name);
      types[i] = schema.fields()[idx[i]].dataType();
    }
    List<Input> plan = new ArrayList<>();
    if (columns.size() == modelInputs.size()) {
      for (int i = 0; i < columns.size(); i++) {
        long[] shape = sampleShape(modelInputs.get(i), who, i);
        plan.add(single(columns.get(i), idx[i], types[i], shape, who));
      }
    } else if (modelInputs.size() == 1 && allNumeric(types)) {
      long[] shape = sampleShape(modelInputs.get(0), who, 0);
      int width = width(shape);
      if (width != columns.size()) {
        throw new IllegalArgumentException(who + ": the model's input takes " + width + " features per row (shape "
            + Arrays.toString(shape) + "), but " + columns.size() + " numeric columns were given: " + columns + ".");
      }
      plan.add(new Input(Kind.SCALARS, idx, columns.toArray(String[]::new), shape, width));
    } else {
      throw new IllegalArgumentException(who + ": the model has " + modelInputs.size() + " input(s) but "
          + columns.size() + " input columns were given " + columns + "; give one column per model input, or"
          + " several numeric columns for a single-input model.");
    }
    boolean anyImage = plan.stream().anyMatch(in -> in.kind() == Kind.IMAGE);
    return new FeatureReader(plan, anyImage ? image : null, who);
  }

  private static Input single(String name, int index, DataType type, long[] shape, String who) {
    int width = width(shape);
    Kind kind;
    if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
      kind = Kind.ARRAY;
    } else if (type instanceof VectorUDT) {
      kind = Kind.VECTOR;
    } else if (type instanceof BinaryType) {
      if (shape.length != 3) {
        throw new IllegalArgumentException(who + ": column '" + name + "' holds image bytes, but the model's input"
            + " has sample shape " + Arrays.toString(shape) + "; images need (height, width, channels).");
      }
      kind = Kind.IMAGE;
    } else if (type instanceof NumericType && width == 1) {
      kind = Kind.SCALARS;
    } else {
      throw new IllegalArgumentException(who + ": column '" + name + "' has type " + type.simpleString()
          + ", but the model's input takes " + width + " values per row (sample shape " + Arrays.toString(shape)
          + "); use array<float>/array<double>, an ML Vector, numeric columns, or binary image content"
          + " (spark.read().format(\"binaryFile\")).");
    }
    return new Input(kind, new int[] {index}, new String[] {name}, shape, width);
  }

  private static boolean allNumeric(DataType[] types) {
    for (DataType t : types) {
      if (!(t instanceof NumericType)) {
        return false;
      }
    }
    return true;
  }

  private static long[] sampleShape(Shape shape, String who, int input) {
    long[] dims = shape.asArray();
    long[] sample = Arrays.copyOfRange(dims, 1, dims.length);
    for (long d : sample) {
      if (d <= 0) {
        throw new IllegalArgumentException(who + ": the model's input " + input + " has an unknown dimension (shape "
            + shape + "); build the model with a fixed input shape.");
      }
    }
    return sample;
  }

  static int width(long[] sampleShape) {
    long w = 1;
    for (long d : sampleShape) {
      w *= d;
    }
    if (w > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("input of " + w + " values per row is too large");
    }
    return (int) w;
  }

  /**
   * Reads one row's values into {@code dest[input]} at row slot {@code slot}.
   *
   * @return false when the row is to be skipped ({@link NullPolicy#SKIP} and a null value)
   * @throws IllegalArgumentException for a null value under {@link NullPolicy#FAIL}, or a ragged array
   */
  boolean read(Row row, float[][] dest, int slot, NullPolicy nulls, float fill) {
    for (int k = 0; k < inputs.size(); k++) {
      Input in = inputs.get(k);
      int off = slot * in.width();
      float[] out = dest[k];
      switch (in.kind()) {
        case SCALARS -> {
          for (int c = 0; c < in.columns().length; c++) {
            Object v = row.get(in.columns()[c]);
            if (v == null) {
              if (nulls == NullPolicy.SKIP) {
                return false;
              }
              if (nulls == NullPolicy.FAIL) {
                throw nullValue(in.names()[c], row);
              }
              out[off + c] = fill;
            } else {
              out[off + c] = ((Number) v).floatValue();
            }
          }
        }
        case ARRAY -> {
          Object v = row.get(in.columns()[0]);
          if (v == null) {
            if (nulls == NullPolicy.SKIP) {
              return false;
            }
            throw nullValue(in.names()[0], row);
          }
          List<?> list = row.getList(in.columns()[0]);
          checkWidth(in, list.size(), row);
          for (int j = 0; j < list.size(); j++) {
            Object e = list.get(j);
            if (e == null) {
              if (nulls == NullPolicy.SKIP) {
                return false;
              }
              if (nulls == NullPolicy.FAIL) {
                throw nullValue(in.names()[0] + "[" + j + "]", row);
              }
              out[off + j] = fill;
            } else {
              out[off + j] = ((Number) e).floatValue();
            }
          }
        }
        case VECTOR -> {
          Object v = row.get(in.columns()[0]);
          if (v == null) {
            if (nulls == NullPolicy.SKIP) {
              return false;
            }
            throw nullValue(in.names()[0], row);
          }
          double[] values = ((Vector) v).toArray();
          checkWidth(in, values.length, row);
          for (int j = 0; j < values.length; j++) {
            out[off + j] = (float) values[j];
          }
        }
        case IMAGE -> {
          Object v = row.get(in.columns()[0]);
          if (v == null) {
            if (nulls == NullPolicy.SKIP) {
              return false;
            }
            throw nullValue(in.names()[0], row);
          }
          decodeImage((byte[]) v, imageName(row, in), in, out, off);
        }
      }
    }
    return true;
  }

  private String imageName(Row row, Input in) {
    if (image.pathColumn() >= 0 && row.get(image.pathColumn()) != null) {
      return row.get(image.pathColumn()).toString();
    }
    return "image in column '" + in.names()[0] + "'";
  }

  private void decodeImage(byte[] bytes, String name, Input in, float[] out, int off) {
    long[] s = in.sampleShape();
    int h = (int) s[0];
    int w = (int) s[1];
    int c = (int) s[2];
    String mode = image.colorMode() != null ? image.colorMode() : c == 1 ? "grayscale" : c == 4 ? "rgba" : "rgb";
    BufferedImage img;
    try {
      img = ImageUtils.loadImg(bytes, name, mode, h, w, image.interpolation());
    } catch (IOException e) {
      throw new UncheckedIOException(who + ": " + e.getMessage(), e);
    }
    FloatNdArray x = ImageUtils.imgToArray(img);
    if (x.shape().size() != in.width()) {
      throw new IllegalArgumentException(who + ": image " + name + " decodes to shape " + x.shape()
          + " but the model expects " + Arrays.toString(s) + "; set the color mode.");
    }
    if (image.preprocess() != null) {
      x = ImagenetUtils.preprocessInput(x, image.preprocess());
    }
    x.copyTo(DataBuffers.of(out, false, false).offset(off).narrow(in.width()));
  }

  private void checkWidth(Input in, int actual, Row row) {
    if (actual != in.width()) {
      throw new IllegalArgumentException(who + ": column '" + in.names()[0] + "' holds " + actual
          + " values in row " + describe(row) + ", but the model's input takes " + in.width() + " (sample shape "
          + Arrays.toString(in.sampleShape()) + ").");
    }
  }

  private IllegalArgumentException nullValue(String column, Row row) {
    return new IllegalArgumentException(who + ": null in feature column '" + column + "' of row " + describe(row)
        + "; drop such rows first, or choose setNullPolicy(NullPolicy.SKIP) or NullPolicy.FILL with setFillValue.");
  }

  static String describe(Row row) {
    String s = row.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  /**
   * Checks that a batch of {@code rows} rows fits this JVM: its float buffers, the tensors fed to TensorFlow and
   * the outputs take about three times the input values; more than a quarter of the heap is refused.
   *
   * @throws IllegalArgumentException naming the batch size, the memory it needs and the fix
   */
  void checkBatchFits(int rows) {
    long values = 0;
    for (Input in : inputs) {
      values += in.width();
    }
    long bytes = values * 4L * rows * 3L;
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes > heap / 4) {
      throw new IllegalArgumentException(who + ": a batch of " + rows + " rows needs about " + (bytes >> 20)
          + " MB, more than a quarter of this JVM's " + (heap >> 20) + " MB heap; lower setBatchSize(...) or give the"
          + " JVM more memory (spark.executor.memory / spark.driver.memory).");
    }
  }

  /** Returns the per-input flat buffers for a batch of {@code rows} rows. */
  float[][] newBuffers(int rows) {
    float[][] b = new float[inputs.size()][];
    for (int k = 0; k < b.length; k++) {
      b[k] = new float[rows * inputs.get(k).width()];
    }
    return b;
  }

  static StructField field(StructType schema, String name) {
    return schema.fields()[schema.fieldIndex(name)];
  }
}
