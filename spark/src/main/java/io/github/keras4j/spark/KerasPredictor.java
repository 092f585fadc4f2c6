package io.github.keras4j.spark;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.applications.ImageNet;
import io.github.keras4j.applications.ImagenetUtils;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.PredictOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Scores a Spark {@code Dataset} with a saved Keras model (Keras4J's or Python Keras's {@code .keras}/{@code .h5}):
 * a Spark ML {@link Transformer}, so it fits in a {@code Pipeline}.
 *
 * <p>The model's bytes are broadcast once; each executor JVM loads the model once ({@link ModelCache}, keyed by
 * content hash) and its tasks share it — Keras4J models predict from many threads at once. Each partition is
 * scored in batches of {@link #setBatchSize batchSize} rows through the same {@code predict} as on one machine,
 * so the result does not depend on the partitioning. The output keeps every input column and adds
 * {@code outputCol} ({@code array<float>}, the model's output per row), and optionally {@code predictionCol}
 * (the argmax, an {@code int}) and {@code labelCol} (the ImageNet class name of the argmax).
 *
 * <p>Inputs: one column per model input — {@code array<float|double|int…>}, an ML {@code Vector}, or image bytes
 * (Spark's {@code binaryFile} source: decoded, resized to the model's input size and preprocessed with
 * {@link #setPreprocess}) — or several numeric columns for a single-input model. The model is loaded on the driver
 * first, so a file that cannot be loaded, a column of the wrong type or width fails before any task runs.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").load("photos/*.jpg");
 * Dataset<Row> scored = new KerasPredictor()
 *     .setModel(Path.of("mobilenet.keras"))
 *     .setInputCol("content").setPreprocess("tf")
 *     .setPredictionCol("class").setLabelCol("label")
 *     .transform(images);
 * }</pre>
 *
 * <p>A {@code KerasPredictor} is configured on the driver by one thread; {@code transform} may run concurrently.
 */
public final class KerasPredictor extends Transformer {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private ModelPayload model;
  private List<String> inputCols = List.of("features");
  private String outputCol = "output";
  private String predictionCol;
  private String labelCol;
  private int batchSize = 32;
  private NullPolicy nullPolicy = NullPolicy.FAIL;
  private float fillValue;
  private boolean quiet = true;
  private String preprocess = "none";
  private String interpolation = "nearest";
  private String colorMode;
  private String pathCol = "path";

  /** Creates a predictor with a random uid. */
  public KerasPredictor() {
    this("kerasPredictor_" + UUID.randomUUID().toString().substring(0, 12));
  }

  /** Creates a predictor with the given uid (Spark ML's convention for {@code copy}). */
  public KerasPredictor(String uid) {
    this.uid = requireNonNull(uid, "uid");
  }

  @Override
  public String uid() {
    return uid;
  }

  /** Sets the model from the bytes of a Keras file ({@code .keras} or {@code .h5}; see {@code Model.toBytes}). */
  public KerasPredictor setModel(byte[] bytes) {
    this.model = ModelPayload.of(requireNonNull(bytes, "bytes"));
    return this;
  }

  /** Sets the model from a Keras file on the driver's file system; it is read now. */
  public KerasPredictor setModel(Path file) {
    requireNonNull(file, "file");
    try {
      return setModel(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("KerasPredictor: cannot read the model file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Sets the model from a Keras4J model (saved as {@code .keras} bytes now; later changes are not seen). */
  public KerasPredictor setModel(Model keras) {
    requireNonNull(keras, "model");
    try {
      return setModel(keras.toBytes("keras"));
    } catch (IOException e) {
      throw new UncheckedIOException("KerasPredictor: cannot serialize model '" + keras.name() + "': "
          + e.getMessage(), e);
    }
  }

  /** Sets the single input column (default {@code features}). */
  public KerasPredictor setInputCol(String name) {
    return setInputCols(name);
  }

  /** Sets the input columns: one per model input, or several numeric columns for a single-input model. */
  public KerasPredictor setInputCols(String... names) {
    requireNonNull(names, "names");
    if (names.length == 0) {
      throw new IllegalArgumentException("KerasPredictor: setInputCols needs at least one column name.");
    }
    this.inputCols = List.of(names);
    return this;
  }

  /** Sets the name of the output column, {@code array<float>} (default {@code output}). */
  public KerasPredictor setOutputCol(String name) {
    this.outputCol = requireNonNull(name, "name");
    return this;
  }

  /** Adds an {@code int} column with the argmax of each output row (default: none). */
  public KerasPredictor setPredictionCol(String name) {
    this.predictionCol = name;
    return this;
  }

  /** Adds a {@code string} column with the ImageNet class name of the argmax (1,000-class models; default none). */
  public KerasPredictor setLabelCol(String name) {
    this.labelCol = name;
    return this;
  }

  /** Sets how many rows go through the model at once (default 32). */
  public KerasPredictor setBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("KerasPredictor: batchSize must be positive, but got " + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /** Sets what a null feature does: fail the job (default), skip the row, or fill with {@link #setFillValue}. */
  public KerasPredictor setNullPolicy(NullPolicy policy) {
    this.nullPolicy = requireNonNull(policy, "policy");
    return this;
  }

  /** Sets the value that replaces null numbers under {@link NullPolicy#FILL} (default 0). */
  public KerasPredictor setFillValue(float value) {
    this.fillValue = value;
    return this;
  }

  /** Sets whether progress output is suppressed (default true: executors print nothing). */
  public KerasPredictor setQuiet(boolean quiet) {
    this.quiet = quiet;
    return this;
  }

  /**
   * Sets the preprocessing of image inputs, as Keras's {@code preprocess_input}: {@code none} (default: pixel
   * values 0..255), {@code caffe} (VGG16, ResNet50), {@code tf} (MobileNet, Inception, Xception: −1..1),
   * {@code torch} (DenseNet).
   */
  public KerasPredictor setPreprocess(String mode) {
    String m = requireNonNull(mode, "mode").toLowerCase(Locale.ROOT);
    if (!List.of("none", "caffe", "tf", "torch").contains(m)) {
      throw new IllegalArgumentException("KerasPredictor: unknown preprocess mode '" + mode
          + "'; use none, caffe, tf or torch.");
    }
    this.preprocess = m;
    return this;
  }

  /** Sets the resize filter for images: {@code nearest} (default, as Keras's load_img), {@code bilinear}, … */
  public KerasPredictor setInterpolation(String interpolation) {
    this.interpolation = requireNonNull(interpolation, "interpolation");
    return this;
  }

  /** Sets the image color mode ({@code rgb}, {@code grayscale}, {@code rgba}); default from the input's channels. */
  public KerasPredictor setColorMode(String colorMode) {
    this.colorMode = colorMode;
    return this;
  }

  /** Sets the column that names images in error messages (default {@code path}, as the binaryFile source). */
  public KerasPredictor setPathCol(String name) {
    this.pathCol = name;
    return this;
  }

  /** Returns the batch size. */
  public int getBatchSize() {
    return batchSize;
  }

  /** Returns the input columns. */
  public List<String> getInputCols() {
    return inputCols;
  }

  /** Returns the output column. */
  public String getOutputCol() {
    return outputCol;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    plan(schema, driverModel());
    return outputSchema(schema);
  }

  private StructType outputSchema(StructType schema) {
    List<StructField> fields = new ArrayList<>(Arrays.asList(schema.fields()));
    for (String name : outputNames()) {
      if (Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("KerasPredictor: output column '" + name
            + "' already exists in the dataset; choose another name.");
      }
    }
    fields.add(DataTypes.createStructField(outputCol, DataTypes.createArrayType(DataTypes.FloatType, false), false));
    if (predictionCol != null) {
      fields.add(DataTypes.createStructField(predictionCol, DataTypes.IntegerType, false));
    }
    if (labelCol != null) {
      fields.add(DataTypes.createStructField(labelCol, DataTypes.StringType, false));
    }
    return DataTypes.createStructType(fields);
  }

  private List<String> outputNames() {
    List<String> names = new ArrayList<>(List.of(outputCol));
    if (predictionCol != null) {
      names.add(predictionCol);
    }
    if (labelCol != null) {
      names.add(labelCol);
    }
    return names;
  }

  private Model driverModel() {
    if (model == null) {
      throw new IllegalStateException("KerasPredictor: no model set; call setModel(Path | byte[] | Model) first.");
    }
    try {
      return ModelCache.shared(model);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("KerasPredictor: the model cannot be loaded: " + e.getMessage(), e);
    }
  }

  private FeatureReader plan(StructType schema, Model keras) {
    if (keras.outputShapes().size() != 1) {
      throw new IllegalArgumentException("KerasPredictor: model '" + keras.name() + "' has "
          + keras.outputShapes().size() + " outputs; score one output at a time (build a Model over the output"
          + " you need).");
    }
    int pathIndex = pathCol != null && Arrays.asList(schema.fieldNames()).contains(pathCol)
        ? schema.fieldIndex(pathCol) : -1;
    ImagenetUtils.Mode mode = switch (preprocess) {
      case "caffe" -> ImagenetUtils.Mode.CAFFE;
      case "tf" -> ImagenetUtils.Mode.TF;
      case "torch" -> ImagenetUtils.Mode.TORCH;
      default -> null;
    };
    return FeatureReader.plan(schema, inputCols, keras.inputShapes(),
        new FeatureReader.ImageSpec(colorMode, interpolation, mode, pathIndex), "KerasPredictor");
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    requireNonNull(dataset, "dataset");
    Dataset<Row> df = dataset.toDF();
    Model keras = driverModel();
    FeatureReader reader = plan(df.schema(), keras);
    reader.checkBatchFits(batchSize);
    if (labelCol != null && (keras.outputShape().numDimensions() != 2 || keras.outputShape().size(1) != 1000)) {
      throw new IllegalArgumentException("KerasPredictor: labelCol needs a 1,000-class ImageNet model, but the"
          + " model's output has shape " + keras.outputShape() + ".");
    }
    StructType out = outputSchema(df.schema());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
    Broadcast<ModelPayload> broadcast = jsc.broadcast(model);
    Scorer scorer = new Scorer(broadcast, reader, batchSize, nullPolicy, fillValue, quiet,
        predictionCol != null, labelCol != null);
    return df.mapPartitions(scorer, Encoders.row(out));
  }

  @Override
  public KerasPredictor copy(ParamMap extra) {
    KerasPredictor c = new KerasPredictor(uid);
    c.model = model;
    c.inputCols = inputCols;
    c.outputCol = outputCol;
    c.predictionCol = predictionCol;
    c.labelCol = labelCol;
    c.batchSize = batchSize;
    c.nullPolicy = nullPolicy;
    c.fillValue = fillValue;
    c.quiet = quiet;
    c.preprocess = preprocess;
    c.interpolation = interpolation;
    c.colorMode = colorMode;
    c.pathCol = pathCol;
    return c;
  }

  @Override
  public String toString() {
    return "KerasPredictor[uid=" + uid + ", model=" + model + ", inputCols=" + inputCols + ", batchSize="
        + batchSize + "]";
  }

  /** The partition function: batches rows, predicts, appends the output columns. */
  static final class Scorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ModelPayload> model;
    private final FeatureReader reader;
    private final int batchSize;
    private final NullPolicy nulls;
    private final float fill;
    private final boolean quiet;
    private final boolean argmax;
    private final boolean label;

    Scorer(Broadcast<ModelPayload> model, FeatureReader reader, int batchSize, NullPolicy nulls, float fill,
        boolean quiet, boolean argmax, boolean label) {
      this.model = model;
      this.reader = reader;
      this.batchSize = batchSize;
      this.nulls = nulls;
      this.fill = fill;
      this.quiet = quiet;
      this.argmax = argmax;
      this.label = label;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      reader.checkBatchFits(batchSize); // the executor's heap may be smaller than the driver's
      Model keras = ModelCache.shared(model.value());
      return new Iterator<>() {
        private final List<Row> pending = new ArrayList<>();
        private int next;

        @Override
        public boolean hasNext() {
          if (next < pending.size()) {
            return true;
          }
          pending.clear();
          next = 0;
          fill(keras);
          return !pending.isEmpty();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return pending.get(next++);
        }

        /** One batch of inputs per partition, reused: {@code read} overwrites every value of a row's slot. */
        private float[][] buffers;

        private void fill(Model keras) {
          if (buffers == null) {
            buffers = reader.newBuffers(batchSize);
          }
          List<Row> batch = new ArrayList<>(batchSize);
          while (batch.size() < batchSize && rows.hasNext()) {
            Row row = rows.next();
            if (reader.read(row, buffers, batch.size(), nulls, fill)) {
              batch.add(row);
            }
          }
          if (batch.isEmpty()) {
            return;
          }
          float[][] outputs = predict(keras, buffers, batch.size());
          for (int i = 0; i < batch.size(); i++) {
            pending.add(append(batch.get(i), outputs[i]));
          }
        }
      };
    }

    private float[][] predict(Model keras, float[][] buffers, int n) {
      List<FloatNdArray> xs = new ArrayList<>();
      for (int k = 0; k < buffers.length; k++) {
        FeatureReader.Input in = reader.inputs().get(k);
        long[] shape = new long[in.sampleShape().length + 1];
        shape[0] = n;
        System.arraycopy(in.sampleShape(), 0, shape, 1, in.sampleShape().length);
        float[] values = n * in.width() == buffers[k].length ? buffers[k] : Arrays.copyOf(buffers[k], n * in.width());
        xs.add(NdArrays.wrap(Shape.of(shape), DataBuffers.of(values, true, false)));
      }
      PredictOptions options = new PredictOptions().batchSize(n).verbose(quiet ? 0 : 1);
      return keras.predict(xs, options).get(0);
    }

    private Row append(Row row, float[] output) {
      int extra = 1 + (argmax ? 1 : 0) + (label ? 1 : 0);
      Object[] values = new Object[row.length() + extra];
      for (int i = 0; i < row.length(); i++) {
        values[i] = row.get(i);
      }
      int o = row.length();
      values[o++] = output;
      int best = argmax(output);
      if (argmax) {
        values[o++] = best;
      }
      if (label) {
        values[o] = ImageNet.classIndex().get(best).name();
      }
      return RowFactory.create(values);
    }

    private static int argmax(float[] v) {
      int best = 0;
      for (int i = 1; i < v.length; i++) {
        if (v[i] > v[best] || (Float.isNaN(v[i]) && !Float.isNaN(v[best]))) {
          best = i;
        }
      }
      return best;
    }
  }
}
