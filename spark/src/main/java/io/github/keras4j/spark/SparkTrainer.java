package io.github.keras4j.spark;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.ModelCallback;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Synchronous data-parallel training on Apache Spark with parameter averaging.
 *
 * <p>Each partition of the training {@code Dataset} is one worker's shard, held in executor memory for the whole
 * run. Every averaging round the driver broadcasts the model's weights and optimizer state; each worker trains a
 * copy on the next {@link #averagingFrequency} batches of its shard (shuffled per epoch with a seed derived from
 * {@link FitOptions#seed}), and the driver sets the model to the average of the workers' weights and optimizer
 * state, each weighted by the samples it saw — DL4J's {@code ParameterAveragingTrainingMaster} with updater-state
 * averaging. With {@code averagingFrequency(0)} (the default) a round is a whole epoch of every shard.
 *
 * <p>The driver holds the model: validation ({@code validationSplit} takes a seeded random split of the rows;
 * {@link #validationData} a dataset of its own), the {@link History}, and the callbacks (EarlyStopping,
 * ModelCheckpoint, …) run there at the end of each epoch, as in {@code Model.fit}. Logs are Keras's: the epoch's
 * {@code loss} and metrics are the sample-weighted means of what the workers measured while training, then
 * {@code val_*}. Spark's task retries are safe: a worker's result depends only on the broadcast state, its shard
 * and the seed, and Spark keeps exactly one result per partition.
 *
 * <pre>{@code
 * History h = SparkTrainer.fit(model, table, "features", "label",
 *     new FitOptions().batchSize(10).epochs(30).validationSplit(0.1).verbose(2));
 * }</pre>
 *
 * <p>Not thread-safe: one {@code fit} per trainer at a time, and the model must not be used elsewhere meanwhile.
 */
public final class SparkTrainer {
  private int averagingFrequency;
  private Dataset<Row> validation;
  private NullPolicy nullPolicy = NullPolicy.FAIL;
  private float fillValue;
  private PrintStream out = System.out;

  /** Creates a trainer that averages once per epoch. */
  public SparkTrainer() {}

  /**
   * Trains {@code model} on the rows of {@code data}, as {@code model.fit}: features from {@code featuresCol}
   * ({@code array<number>} or ML {@code Vector}), labels from {@code labelCol} (an integer class id for sparse
   * losses, a number, or an array/Vector of targets).
   */
  public static History fit(Model model, Dataset<Row> data, String featuresCol, String labelCol, FitOptions options) {
    return new SparkTrainer().train(model, data, featuresCol, labelCol, options);
  }

  /**
   * Sets how many batches each worker trains between two averagings; 0 (the default) averages once per epoch.
   * Smaller values follow single-machine training more closely and cost one Spark job per round.
   */
  public SparkTrainer averagingFrequency(int batches) {
    if (batches < 0) {
      throw new IllegalArgumentException("SparkTrainer: averagingFrequency must be 0 (once per epoch) or a positive"
          + " number of batches, but got " + batches + ".");
    }
    this.averagingFrequency = batches;
    return this;
  }

  /** Sets a validation dataset (same columns as the training data), evaluated on the driver after each epoch. */
  public SparkTrainer validationData(Dataset<Row> validation) {
    this.validation = requireNonNull(validation, "validation");
    return this;
  }

  /** Sets what a null feature or label does: fail (default), skip the row, or fill numbers with the fill value. */
  public SparkTrainer nullPolicy(NullPolicy policy, float fillValue) {
    this.nullPolicy = requireNonNull(policy, "policy");
    this.fillValue = fillValue;
    return this;
  }

  /** Sets where epoch lines go (default standard output). */
  public SparkTrainer output(PrintStream out) {
    this.out = requireNonNull(out, "out");
    return this;
  }

  /** Trains as {@link #fit(Model, Dataset, String, String, FitOptions)} with this trainer's settings. */
  public History train(Model model, Dataset<Row> data, String featuresCol, String labelCol, FitOptions options) {
    requireNonNull(model, "model");
    requireNonNull(data, "data");
    requireNonNull(featuresCol, "featuresCol");
    requireNonNull(labelCol, "labelCol");
    requireNonNull(options, "options");
    if (!model.isCompiled()) {
      throw new IllegalStateException("Model '" + model.name() + "' is not compiled. Call compile(...) before"
          + " SparkTrainer.fit().");
    }
    if (options.hasValidationData()) {
      throw new IllegalArgumentException("SparkTrainer: FitOptions.validationData(arrays) is not read on Spark;"
          + " pass a Dataset with SparkTrainer.validationData(dataset), or use validationSplit.");
    }
    long seed = options.seed() != null ? options.seed() : 1337L;
    Dataset<Row> train = data;
    Dataset<Row> val = validation;
    if (options.validationSplit() > 0) {
      if (val != null) {
        throw new IllegalArgumentException("SparkTrainer: give validationSplit or validationData, not both.");
      }
      Dataset<Row>[] parts = data.randomSplit(new double[] {1 - options.validationSplit(),
          options.validationSplit()}, seed);
      train = parts[0];
      val = parts[1];
    }
    ShardSpec spec = ShardSpec.plan(train, featuresCol, labelCol, model, nullPolicy, fillValue);
    int batchSize = options.batchSize() != null ? options.batchSize() : 32;

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(train.sparkSession().sparkContext());
    JavaRDD<Shard> shards = train.toJavaRDD().mapPartitions(rows -> List.of(spec.read(rows)).iterator());
    shards.persist(StorageLevel.MEMORY_AND_DISK());
    ModelPayload payload;
    try {
      payload = ModelPayload.of(model.toBytes("keras"));
    } catch (IOException e) {
      throw new UncheckedIOException("SparkTrainer: cannot serialize model '" + model.name() + "': "
          + e.getMessage(), e);
    }
    Broadcast<ModelPayload> modelBroadcast = jsc.broadcast(payload);
    Validation validationSet = val == null ? null : Validation.collect(val, featuresCol, labelCol, model,
        nullPolicy, fillValue);
    try {
      List<Long> shardSizes = shards.map(s -> (long) s.n).collect();
      long total = shardSizes.stream().mapToLong(Long::longValue).sum();
      if (total == 0) {
        throw new IllegalArgumentException("SparkTrainer: the training data has no rows.");
      }
      long maxBatches = shardSizes.stream().mapToLong(n -> (n + batchSize - 1) / batchSize).max().orElse(0);
      int rounds = averagingFrequency == 0 ? 1 : (int) ((maxBatches + averagingFrequency - 1) / averagingFrequency);
      int perRound = averagingFrequency == 0 ? Integer.MAX_VALUE : averagingFrequency;

      History history = new History();
      List<ModelCallback> callbacks = new ArrayList<>();
      callbacks.add(history);
      callbacks.addAll(options.callbacks());
      callbacks.forEach(c -> c.setModel(model));
      model.stopTraining(false);
      callbacks.forEach(c -> c.onTrainBegin(Map.of()));
      Map<String, Double> logs = Map.of();
      for (int epoch = options.initialEpoch(); epoch < options.epochs() && !model.stopTraining(); epoch++) {
        long t0 = System.nanoTime();
        final int e = epoch;
        callbacks.forEach(c -> c.onEpochBegin(e, Map.of()));
        Map<String, double[]> sums = new LinkedHashMap<>();
        long seen = 0;
        for (int round = 0; round < rounds; round++) {
          Broadcast<TrainingState> state = jsc.broadcast(TrainingState.of(model));
          Worker worker = new Worker(modelBroadcast, state, seed, e, round, perRound, batchSize,
              options.shuffle(), spec.labelWidth == 1 && spec.integerLabels);
          List<WorkerResult> results = shards.mapPartitionsWithIndex(worker, false).collect();
          state.destroy();
          List<TrainingState> states = new ArrayList<>();
          List<Long> counts = new ArrayList<>();
          for (WorkerResult r : results) {
            if (r.samples > 0) {
              states.add(r.state);
              counts.add(r.samples);
              seen += r.samples;
              r.logs.forEach((k, v) -> sums.computeIfAbsent(k, x -> new double[1])[0] += v * r.samples);
            }
          }
          if (!states.isEmpty()) {
            TrainingState.average(states, counts).applyTo(model);
          }
        }
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> s : sums.entrySet()) {
          epochLogs.put(s.getKey(), s.getValue()[0] / seen);
        }
        if (validationSet != null) {
          validationSet.evaluate(model, batchSize).forEach((k, v) -> epochLogs.put("val_" + k, v));
        }
        logs = Map.copyOf(epochLogs);
        if (options.verbose() > 0) {
          printEpoch(epoch, options.epochs(), maxBatches, System.nanoTime() - t0, epochLogs);
        }
        Map<String, Double> done = epochLogs;
        callbacks.forEach(c -> c.onEpochEnd(e, done));
      }
      if (model.optimizer().useEma() && model.optimizer().iterationCount() > 0) {
        model.optimizer().finalizeVariableValues(model.trainableWeights()); // as Model.fit, before on_train_end
      }
      Map<String, Double> last = logs;
      callbacks.forEach(c -> c.onTrainEnd(last));
      return history;
    } finally {
      shards.unpersist(false);
      modelBroadcast.destroy();
    }
  }

  private void printEpoch(int epoch, int epochs, long steps, long nanos, Map<String, Double> logs) {
    StringBuilder line = new StringBuilder();
    line.append("Epoch ").append(epoch + 1).append('/').append(epochs).append('\n');
    line.append(steps).append('/').append(steps).append(" - ").append(Math.round(nanos / 1e9)).append('s');
    logs.forEach((k, v) -> line.append(" - ").append(k).append(": ").append(String.format(Locale.ROOT, "%.4f", v)));
    out.println(line);
    out.flush();
  }

  /** Where the feature and label columns come from. */
  static final class ShardSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    final FeatureReader features;
    final int labelColumn;
    final String labelName;
    final int labelWidth;
    final boolean integerLabels;
    final NullPolicy nulls;
    final float fill;

    private ShardSpec(FeatureReader features, int labelColumn, String labelName, int labelWidth,
        boolean integerLabels, NullPolicy nulls, float fill) {
      this.features = features;
      this.labelColumn = labelColumn;
      this.labelName = labelName;
      this.labelWidth = labelWidth;
      this.integerLabels = integerLabels;
      this.nulls = nulls;
      this.fill = fill;
    }

    static ShardSpec plan(Dataset<Row> data, String featuresCol, String labelCol, Model model, NullPolicy nulls,
        float fill) {
      FeatureReader features = FeatureReader.plan(data.schema(), List.of(featuresCol), model.inputShapes(),
          new FeatureReader.ImageSpec(null, "nearest", null, -1), "SparkTrainer");
      if (!Arrays.asList(data.schema().fieldNames()).contains(labelCol)) {
        throw new IllegalArgumentException("SparkTrainer: label column '" + labelCol + "' is not in the dataset;"
            + " its columns are " + Arrays.toString(data.schema().fieldNames()) + ".");
      }
      DataType type = FeatureReader.field(data.schema(), labelCol).dataType();
      long units = model.outputShape().size(model.outputShape().numDimensions() - 1);
      int width;
      boolean integer;
      if (type instanceof NumericType) {
        width = 1;
        integer = !(type instanceof FloatType || type instanceof DoubleType);
      } else if (type instanceof ArrayType a && a.elementType() instanceof NumericType || type instanceof VectorUDT) {
        width = (int) units;
        integer = false;
      } else {
        throw new IllegalArgumentException("SparkTrainer: label column '" + labelCol + "' has type "
            + type.simpleString() + "; use an integer class id, a number, or an array/Vector of targets.");
      }
      return new ShardSpec(features, data.schema().fieldIndex(labelCol), labelCol, width, integer, nulls, fill);
    }

    Shard read(Iterator<Row> rows) {
      int width = features.inputs().get(0).width();
      List<float[]> xs = new ArrayList<>();
      List<float[]> ys = new ArrayList<>();
      float[][] buffer = features.newBuffers(1);
      while (rows.hasNext()) {
        Row row = rows.next();
        if (!features.read(row, buffer, 0, nulls, fill)) {
          continue;
        }
        float[] y = label(row);
        if (y == null) {
          continue;
        }
        xs.add(buffer[0].clone());
        ys.add(y);
      }
      float[] x = new float[xs.size() * width];
      float[] y = new float[ys.size() * labelWidth];
      for (int i = 0; i < xs.size(); i++) {
        System.arraycopy(xs.get(i), 0, x, i * width, width);
        System.arraycopy(ys.get(i), 0, y, i * labelWidth, labelWidth);
      }
      return new Shard(xs.size(), x, y);
    }

    private float[] label(Row row) {
      Object v = row.get(labelColumn);
      if (v == null) {
        if (nulls == NullPolicy.SKIP) {
          return null;
        }
        if (nulls == NullPolicy.FILL && labelWidth == 1) {
          return new float[] {fill};
        }
        throw new IllegalArgumentException("SparkTrainer: null in label column '" + labelName + "' of row "
            + FeatureReader.describe(row) + "; drop such rows first, or choose NullPolicy.SKIP.");
      }
      if (v instanceof Number n) {
        return new float[] {n.floatValue()};
      }
      double[] values = v instanceof org.apache.spark.ml.linalg.Vector vec ? vec.toArray()
          : row.getList(labelColumn).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
      if (values.length != labelWidth) {
        throw new IllegalArgumentException("SparkTrainer: label column '" + labelName + "' holds " + values.length
            + " values in row " + FeatureReader.describe(row) + ", but the model's output has " + labelWidth + ".");
      }
      float[] out = new float[values.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) values[i];
      }
      return out;
    }

    FloatNdArray x(float[] flat, int n) {
      long[] sample = features.inputs().get(0).sampleShape();
      long[] shape = new long[sample.length + 1];
      shape[0] = n;
      System.arraycopy(sample, 0, shape, 1, sample.length);
      return NdArrays.wrap(Shape.of(shape), DataBuffers.of(flat, true, false));
    }
  }

  /** One worker's shard, resident in executor memory for the whole run. */
  record Shard(int n, float[] x, float[] y) implements Serializable {}

  /** What a worker returns for one round. */
  record WorkerResult(long samples, TrainingState state, Map<String, Double> logs) implements Serializable {}

  /** Trains a copy of the model on one round's batches of one shard. */
  static final class Worker
      implements org.apache.spark.api.java.function.Function2<Integer, Iterator<Shard>, Iterator<WorkerResult>> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<ModelPayload> model;
    private final Broadcast<TrainingState> state;
    private final long seed;
    private final int epoch;
    private final int round;
    private final int perRound;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean integerLabels;

    Worker(Broadcast<ModelPayload> model, Broadcast<TrainingState> state, long seed, int epoch, int round,
        int perRound, int batchSize, boolean shuffle, boolean integerLabels) {
      this.model = model;
      this.state = state;
      this.seed = seed;
      this.epoch = epoch;
      this.round = round;
      this.perRound = perRound;
      this.batchSize = batchSize;
      this.shuffle = shuffle;
      this.integerLabels = integerLabels;
    }

    @Override
    public Iterator<WorkerResult> call(Integer partition, Iterator<Shard> shards) {
      List<WorkerResult> out = new ArrayList<>();
      while (shards.hasNext()) {
        out.add(train(partition, shards.next()));
      }
      return out.iterator();
    }

    private WorkerResult train(int partition, Shard shard) {
      int[] order = order(shard.n, partition);
      long first = (long) round * perRound * batchSize;
      if (first >= shard.n) {
        return new WorkerResult(0, null, Map.of());
      }
      int from = (int) first;
      int to = (int) Math.min(shard.n, first + (long) perRound * batchSize);
      int n = to - from;
      int xw = shard.x.length / Math.max(1, shard.n);
      int yw = shard.y.length / Math.max(1, shard.n);
      float[] x = new float[n * xw];
      float[] y = new float[n * yw];
      for (int i = 0; i < n; i++) {
        int src = order[from + i];
        System.arraycopy(shard.x, src * xw, x, i * xw, xw);
        System.arraycopy(shard.y, src * yw, y, i * yw, yw);
      }
      ModelPayload payload = model.value();
      Model keras = ModelCache.borrow(payload);
      try {
        state.value().applyTo(keras);
        long[] sample = keras.inputShape().asArray();
        long[] shape = sample.clone();
        shape[0] = n;
        FloatNdArray xs = NdArrays.wrap(Shape.of(shape), DataBuffers.of(x, true, false));
        FitOptions fit = new FitOptions().batchSize(batchSize).epochs(1).shuffle(false).verbose(0)
            .seed(mix(seed, epoch, round, partition));
        // With use_ema, fit ends by copying the moving averages into the weights (Keras's
        // finalize_variable_values); a round must hand back the trained weights, so the state is taken at the
        // epoch's end, before that. The driver finalizes once, after its last epoch.
        TrainingState[] beforeFinalize = new TrainingState[1];
        if (keras.optimizer().useEma()) {
          fit.callbacks(new Callback() {
            @Override
            public void onEpochEnd(int ep, Map<String, Double> epochLogs) {
              beforeFinalize[0] = TrainingState.of(keras);
            }
          });
        }
        History h;
        if (integerLabels) {
          int[] labels = new int[n];
          for (int i = 0; i < n; i++) {
            labels[i] = (int) y[i];
          }
          h = keras.fit(xs, labels, fit);
        } else {
          float[][] labels = new float[n][];
          for (int i = 0; i < n; i++) {
            labels[i] = Arrays.copyOfRange(y, i * yw, (i + 1) * yw);
          }
          h = keras.fit(xs, labels, fit);
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        h.history().forEach((k, v) -> logs.put(k, v.get(v.size() - 1)));
        return new WorkerResult(n, beforeFinalize[0] != null ? beforeFinalize[0] : TrainingState.of(keras), logs);
      } finally {
        ModelCache.giveBack(payload, keras);
      }
    }

    private int[] order(int n, int partition) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      if (shuffle) {
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, -1, partition));
        for (int i = n - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
      }
      return order;
    }

    private static long mix(long seed, int epoch, int round, int partition) {
      long h = seed * 0x9E3779B97F4A7C15L;
      h ^= (epoch + 1L) * 0xC2B2AE3D27D4EB4FL;
      h ^= (round + 2L) * 0x165667B19E3779F9L;
      h ^= (partition + 3L) * 0xD6E8FEB86659FD93L;
      return (h ^ (h >>> 31)) & Long.MAX_VALUE;
    }
  }

  /** The validation rows, collected to the driver once. */
  static final class Validation {
    private final FloatNdArray x;
    private final int[] intLabels;
    private final float[][] labels;

    private Validation(FloatNdArray x, int[] intLabels, float[][] labels) {
      this.x = x;
      this.intLabels = intLabels;
      this.labels = labels;
    }

    static Validation collect(Dataset<Row> data, String featuresCol, String labelCol, Model model, NullPolicy nulls,
        float fill) {
      ShardSpec spec = ShardSpec.plan(data, featuresCol, labelCol, model, nulls, fill);
      Shard s = spec.read(data.toLocalIterator());
      if (s.n == 0) {
        return null;
      }
      FloatNdArray x = spec.x(s.x, s.n);
      if (spec.labelWidth == 1 && spec.integerLabels) {
        int[] y = new int[s.n];
        for (int i = 0; i < s.n; i++) {
          y[i] = (int) s.y[i];
        }
        return new Validation(x, y, null);
      }
      float[][] y = new float[s.n][];
      for (int i = 0; i < s.n; i++) {
        y[i] = Arrays.copyOfRange(s.y, i * spec.labelWidth, (i + 1) * spec.labelWidth);
      }
      return new Validation(x, null, y);
    }

    Map<String, Double> evaluate(Model model, int batchSize) {
      EvaluateOptions options = new EvaluateOptions().batchSize(batchSize).verbose(0);
      return intLabels != null ? model.evaluate(x, intLabels, options) : model.evaluate(x, labels, options);
    }
  }
}
