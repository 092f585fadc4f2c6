package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.backend.KerasContext;
import io.github.keras4j.backend.Program;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.callbacks.Progbar;
import io.github.keras4j.callbacks.ProgbarLogger;
import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.IncompatibleShapeException;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Shapes;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.Optimizers;
import java.io.PrintStream;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A trainable model: layers plus compile configuration, with Keras's {@code compile}, {@code fit},
 * {@code evaluate}, {@code predict} and {@code summary}.
 *
 * <p>A model compiles itself into one TensorFlow graph and session on first use (see the internal backend):
 * a training step is one session run. The program is rebuilt when the layers, the compile configuration or any
 * {@code trainable} flag changes. Weights keep their values across rebuilds. Close the model (or use
 * try-with-resources) to free native memory early; a cleaner frees it when the model is garbage-collected.
 *
 * <pre>{@code
 * try (Sequential model = new Sequential(new Dense(16).inputShape(1).activation("relu"),
 *                                         new Dense(2).activation("softmax"))) {
 *   model.compile(new Adam(0.0001), "sparse_categorical_crossentropy", "accuracy");
 *   History history = model.fit(x, y, new FitOptions().batchSize(10).epochs(30).verbose(2));
 *   float[][] p = model.predict(xTest);
 * }
 * }</pre>
 */
public class Model implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final String nameBase;
  private final FunctionalGraph graph;
  private String name;
  private Optimizer optimizer;
  private Loss loss;
  private List<String> metricNames = List.of();
  private int compileGeneration;
  private Program program;
  private List<Object> programSignature;
  private Cleaner.Cleanable cleanable;
  private volatile boolean stopTraining;
  private PrintStream out;

  /** Creates a model whose generated name starts with {@code nameBase} ({@code sequential}); for subclasses. */
  protected Model(String nameBase) {
    this.nameBase = requireNonNull(nameBase, "nameBase");
    this.graph = null;
  }

  /**
   * Creates a functional model from its input to its output tensor, as Keras's {@code Model(inputs, outputs)}.
   *
   * <pre>{@code
   * KerasTensor features = mobile.layers().get(mobile.layers().size() - 6).output();
   * KerasTensor output = new Dense(10).activation("softmax").apply(features);
   * Model tuned = new Model(mobile.input(), output);
   * }</pre>
   *
   * @throws IllegalArgumentException if the output is not reachable from the input (graph disconnected), the
   *     input does not come from {@link io.github.keras4j.layers.Input}, or two layers share a name
   */
  public Model(KerasTensor input, KerasTensor output) {
    this(List.of(requireNonNull(input, "input")), List.of(requireNonNull(output, "output")));
  }

  /** Creates a functional model with several inputs and/or outputs. */
  public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
    this.nameBase = "model";
    this.graph = new FunctionalGraph(name(), requireNonNull(inputs, "inputs"), requireNonNull(outputs, "outputs"));
  }

  // ---------------------------------------------------------------- structure

  /** Returns the model's name ({@code sequential}, {@code sequential_1}, … unless set). */
  public String name() {
    if (name == null) {
      name = KerasContext.current().uniqueName(nameBase, true);
    }
    return name;
  }

  /**
   * Sets the model's name.
   *
   * @throws IllegalArgumentException if empty or containing {@code /}
   */
  public Model name(String name) {
    requireNonNull(name, "name");
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException(
          "Model: name must be non-empty and must not contain '/', but got name='" + name + "'.");
    }
    this.name = name;
    return this;
  }

  /**
   * Returns the model's layers in Keras's order (an unmodifiable list): for a functional model, input layers
   * included, by depth from the inputs; for a Sequential, the added layers.
   */
  public List<Layer> layers() {
    return functional().layers;
  }

  /** Returns the input tensors of a functional model. */
  public List<KerasTensor> inputs() {
    return functional().inputs;
  }

  /** Returns the output tensors of a functional model. */
  public List<KerasTensor> outputs() {
    return functional().outputs;
  }

  /**
   * Returns the only input tensor, as Keras's {@code model.input}.
   *
   * @throws IllegalStateException if the model has several inputs
   */
  public KerasTensor input() {
    List<KerasTensor> in = inputs();
    if (in.size() != 1) {
      throw new IllegalStateException("Model '" + name() + "' has " + in.size() + " inputs; use inputs().");
    }
    return in.get(0);
  }

  /**
   * Returns the only output tensor, as Keras's {@code model.output}.
   *
   * @throws IllegalStateException if the model has several outputs
   */
  public KerasTensor output() {
    List<KerasTensor> out = outputs();
    if (out.size() != 1) {
      throw new IllegalStateException("Model '" + name() + "' has " + out.size() + " outputs; use outputs().");
    }
    return out.get(0);
  }

  private FunctionalGraph functional() {
    if (graph == null) {
      throw new IllegalStateException(
          getClass().getSimpleName() + " '" + name() + "' must override this method.");
    }
    return graph;
  }

  /**
   * Returns the layer with this name.
   *
   * @throws IllegalArgumentException if there is none; the message lists the layer names
   */
  public Layer getLayer(String name) {
    requireNonNull(name, "name");
    for (Layer layer : layers()) {
      if (layer.name().equals(name)) {
        return layer;
      }
    }
    throw new IllegalArgumentException(
        "No such layer: " + name + ". Existing layers are: " + layers().stream().map(Layer::name).toList() + ".");
  }

  /**
   * Returns the layer at this index; negative indices count from the end, as in Python.
   *
   * @throws IndexOutOfBoundsException if out of range
   */
  public Layer getLayer(int index) {
    List<Layer> layers = layers();
    int i = index < 0 ? layers.size() + index : index;
    if (i < 0 || i >= layers.size()) {
      throw new IndexOutOfBoundsException(
          "Model '" + name() + "' has " + layers.size() + " layers, but got index " + index + ".");
    }
    return layers.get(i);
  }

  /** Returns whether the input shape is known and every layer is built. */
  public boolean isBuilt() {
    return graph != null;
  }

  /**
   * Returns the batch input shape, e.g. {@code (None, 1)}.
   *
   * @throws IllegalStateException if the model is not built
   */
  public Shape inputShape() {
    return singleTensor(inputs(), "inputs").shape();
  }

  /**
   * Returns the batch output shape, e.g. {@code (None, 2)}.
   *
   * @throws IllegalStateException if the model is not built
   */
  public Shape outputShape() {
    return singleTensor(outputs(), "outputs").shape();
  }

  private KerasTensor singleTensor(List<KerasTensor> tensors, String what) {
    if (tensors.size() != 1) {
      throw new IllegalStateException(
          "Model '" + name() + "' has " + tensors.size() + " " + what + "; fit, evaluate and predict take models"
              + " with one input and one output.");
    }
    return tensors.get(0);
  }

  /** Builds the model for samples of this shape if it has no input shape yet (Keras's deferred build). */
  protected void buildFor(long[] sampleShape) {
    // A functional model is built by construction.
  }

  /** Adds the forward pass to a graph. */
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    FunctionalGraph g = functional();
    Map<KerasTensor, Operand<TFloat32>> values = new IdentityHashMap<>();
    values.put(singleTensor(g.inputs, "inputs"), x);
    for (io.github.keras4j.layers.Node node : g.nodes) {
      if (node.inputs().isEmpty()) {
        continue;
      }
      List<Operand<TFloat32>> args = new ArrayList<>();
      for (KerasTensor in : node.inputs()) {
        args.add(values.get(in));
      }
      values.put(node.output(), node.layer().call(tf, args, ctx));
    }
    return values.get(singleTensor(g.outputs, "outputs"));
  }

  /** Returns the output shape of each layer of {@link #layers()}, for the summary. */
  protected List<Shape> layerOutputShapes() {
    FunctionalGraph g = functional();
    List<Shape> shapes = new ArrayList<>();
    for (Layer layer : g.layers) {
      shapes.add(Summary.commonOutputShape(layer));
    }
    return shapes;
  }

  /** Returns the graph of a functional model, or {@code null} for a Sequential. */
  FunctionalGraph graph() {
    return graph;
  }

  // ---------------------------------------------------------------- weights

  /** Returns all weights, layer by layer, each layer's trainable weights first (Keras's {@code model.weights}). */
  public List<Weight> weights() {
    return dedup(layers().stream().flatMap(l -> l.weights().stream()).toList());
  }

  /** Returns the weights that training updates. */
  public List<Weight> trainableWeights() {
    return dedup(layers().stream().flatMap(l -> l.trainableWeights().stream()).toList());
  }

  /** Returns the weights that training does not update by gradient. */
  public List<Weight> nonTrainableWeights() {
    return dedup(layers().stream().flatMap(l -> l.nonTrainableWeights().stream()).toList());
  }

  private static List<Weight> dedup(List<Weight> weights) {
    Map<Weight, Boolean> seen = new IdentityHashMap<>();
    List<Weight> out = new ArrayList<>();
    for (Weight w : weights) {
      if (seen.put(w, Boolean.TRUE) == null) {
        out.add(w);
      }
    }
    return out;
  }

  /** Returns the number of values in all weights. */
  public long countParams() {
    return weights().stream().mapToLong(Weight::size).sum();
  }

  /** Returns copies of all weight values in {@link #weights()} order, as Keras's {@code get_weights()}. */
  public List<FloatNdArray> getWeights() {
    return weights().stream().map(Weight::readNd).toList();
  }

  /**
   * Sets all weight values in {@link #weights()} order, as Keras's {@code set_weights()}.
   *
   * @throws IllegalArgumentException if the count or a shape does not match (the message names the weight)
   */
  public void setWeights(List<? extends FloatNdArray> values) {
    requireNonNull(values, "values");
    List<Weight> ws = weights();
    if (values.size() != ws.size()) {
      throw new IllegalArgumentException(
          "Model '" + name() + "' has " + ws.size() + " weights, but setWeights got " + values.size()
              + " arrays.");
    }
    for (int i = 0; i < ws.size(); i++) {
      ws.get(i).checkShape(values.get(i));
    }
    for (int i = 0; i < ws.size(); i++) {
      ws.get(i).assign(values.get(i));
    }
  }

  /** Freezes or unfreezes every layer (Keras's {@code model.trainable = …}); takes effect at the next fit. */
  public Model trainable(boolean trainable) {
    for (Layer layer : layers()) {
      layer.trainable(trainable);
    }
    return this;
  }

  // ---------------------------------------------------------------- compile

  /**
   * Configures the model for training, as Keras's {@code compile(optimizer, loss, metrics)}.
   *
   * @param optimizer the optimizer
   * @param loss the loss
   * @param metrics Keras metric names; {@code "accuracy"} resolves by output and labels as Keras does
   * @throws IllegalArgumentException for an unknown metric name
   */
  public void compile(Optimizer optimizer, Loss loss, String... metrics) {
    requireNonNull(optimizer, "optimizer");
    requireNonNull(loss, "loss");
    requireNonNull(metrics, "metrics");
    for (String m : metrics) {
      Metrics.get(requireNonNull(m, "metric"), 2, loss.sparseLabels());
    }
    this.optimizer = optimizer;
    this.loss = loss;
    this.metricNames = List.of(metrics);
    this.compileGeneration++;
  }

  /** Compiles with a loss given by Keras name. */
  public void compile(Optimizer optimizer, String loss, String... metrics) {
    compile(optimizer, Losses.get(loss), metrics);
  }

  /** Compiles with optimizer and loss given by Keras name ({@code "adam"}, {@code "mse"}). */
  public void compile(String optimizer, String loss, String... metrics) {
    compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
  }

  /** Returns whether {@code compile} was called. */
  public boolean isCompiled() {
    return loss != null;
  }

  /** Returns the optimizer, or {@code null} before compile. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Returns the loss, or {@code null} before compile. */
  public Loss loss() {
    return loss;
  }

  /** Returns the metric names given to compile. */
  public List<String> metricNames() {
    return metricNames;
  }

  /** Asks a running {@code fit} to stop after the current epoch (what EarlyStopping does). */
  public void stopTraining(boolean stop) {
    this.stopTraining = stop;
  }

  /** Returns whether a stop was requested. */
  public boolean stopTraining() {
    return stopTraining;
  }

  /** Redirects progress and summary output (default {@code System.out}). */
  public void setOutput(PrintStream out) {
    this.out = requireNonNull(out, "out");
  }

  private PrintStream out() {
    return out != null ? out : System.out;
  }

  // ---------------------------------------------------------------- fit

  /** Trains on arrays with class-index labels (for {@code sparse_categorical_crossentropy}). */
  public History fit(float[][] x, int[] y, FitOptions options) {
    return fitArrays(x, toFloat(y), 1, true, options);
  }

  /** Trains on arrays with one-hot or regression labels, one row per sample. */
  public History fit(float[][] x, float[][] y, FitOptions options) {
    return fitArrays(x, flattenLabels(y, "y"), labelWidth(y, "y"), false, options);
  }

  /** Trains on arrays with one label value per sample (binary or regression). */
  public History fit(float[][] x, float[] y, FitOptions options) {
    return fitArrays(x, requireNonNull(y, "y").clone(), 1, false, options);
  }

  /** Trains on an array of any rank (images: {@code (n, rows, cols, channels)}) with class-index labels. */
  public History fit(FloatNdArray x, int[] y, FitOptions options) {
    return fitArrays(ndArrays(x, toFloat(y), 1, true, "x", "y"), options);
  }

  /** Trains on an array of any rank with one-hot or regression labels. */
  public History fit(FloatNdArray x, float[][] y, FitOptions options) {
    return fitArrays(ndArrays(x, flattenLabels(y, "y"), labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Trains on a batch source (an iterator); labels come from the source. */
  public History fit(BatchSource source, FitOptions options) {
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    checkCompiled("fit");
    BatchSource validation = null;
    if (options.validationSplit() > 0) {
      throw new IllegalArgumentException(
          "fit: validationSplit is only supported for arrays; with a batch source, give validationData.");
    }
    if (options.hasValidationData()) {
      validation = validationSource(options, options.batchSize() == null ? 32 : options.batchSize());
    }
    return fitSources(source, validation, options);
  }

  private History fitArrays(float[][] x, float[] y, int labelSize, boolean integerLabels, FitOptions options) {
    return fitArrays(arrays(x, y, labelSize, integerLabels, "x", "y"), options);
  }

  private History fitArrays(ArrayBatches all, FitOptions options) {
    requireNonNull(options, "options");
    checkCompiled("fit");
    int n = all.size();
    int batchSize = options.batchSize() == null ? 32 : options.batchSize();
    long seed = options.seed() != null ? options.seed() : KerasContext.current().nextSeed();
    ArrayBatches train;
    BatchSource validation = null;
    if (options.validationSplit() > 0) {
      int splitAt = (int) Math.floor(n * (1.0 - options.validationSplit()));
      if (splitAt == 0 || splitAt == n) {
        throw new IllegalArgumentException(
            "Training data contains " + n + " samples, which is not sufficient to split it into a validation"
                + " and training set as specified by validationSplit=" + options.validationSplit()
                + ". Either provide more data, or a different value for validationSplit.");
      }
      train = all.range(0, splitAt, batchSize, options.shuffle(), seed);
      validation = all.range(splitAt, n - splitAt, batchSize, false, seed);
    } else {
      train = all.range(0, n, batchSize, options.shuffle(), seed);
    }
    if (options.hasValidationData()) {
      validation = validationSource(options, batchSize);
    }
    return fitSources(train, validation, options);
  }

  private BatchSource validationSource(FitOptions options, int batchSize) {
    FitOptions.Validation v = options.validation();
    if (v.source() != null) {
      return v.source();
    }
    if (v.sparse() != null) {
      return arrays(v.x(), toFloat(v.sparse()), 1, true, "validation x", "validation y")
          .range(0, v.x().length, batchSize, false, 0);
    }
    return arrays(v.x(), flattenLabels(v.dense(), "validation y"), labelWidth(v.dense(), "validation y"), false,
            "validation x", "validation y")
        .range(0, v.x().length, batchSize, false, 0);
  }

  private History fitSources(BatchSource train, BatchSource validation, FitOptions options) {
    checkSource(train, true, "fit");
    if (validation != null) {
      checkSource(validation, true, "fit (validation data)");
    }
    Program p = ensureProgram(true);
    History history = new History();
    List<Callback> callbacks = new ArrayList<>();
    callbacks.add(history);
    ProgbarLogger logger = null;
    int steps = train.steps();
    if (options.verbose() > 0) {
      logger = new ProgbarLogger(options.verbose(), options.epochs(), steps, out(), Progbar.stdoutIsTerminal());
      callbacks.add(logger);
    }
    callbacks.addAll(options.callbacks());
    boolean batchLogs = (logger != null && logger.wantsBatchLogs()) || !options.callbacks().isEmpty();
    for (Callback c : callbacks) {
      c.setModel(this);
    }
    List<String> names = logNames();
    stopTraining = false;
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    for (Callback c : callbacks) {
      c.onTrainBegin(Map.of());
    }
    double[] sums = new double[names.size()];
    for (int epoch = options.initialEpoch(); epoch < options.epochs(); epoch++) {
      train.onEpochBegin(epoch);
      for (Callback c : callbacks) {
        c.onEpochBegin(epoch, Map.of());
      }
      Arrays.fill(sums, 0);
      long seen = 0;
      try {
        for (int step = 0; step < steps; step++) {
          if (batchLogs) {
            for (Callback c : callbacks) {
              c.onTrainBatchBegin(step, Map.of());
            }
          }
          BatchSource.Batch batch = train.batch(step);
          float[] r = p.trainStep(batch.x(), batch.y(), batch.size());
          if (!Float.isFinite(r[0])) {
            if (logger != null) {
              out().println();
            }
            throw new NonFiniteLossException(epoch, step, r[0] / batch.size());
          }
          for (int i = 0; i < sums.length; i++) {
            sums[i] += r[i];
          }
          seen += batch.size();
          if (batchLogs) {
            Map<String, Double> logs = means(names, sums, seen, "");
            for (Callback c : callbacks) {
              c.onTrainBatchEnd(step, logs);
            }
          }
          if (stopTraining) {
            break;
          }
        }
      } catch (RuntimeException e) {
        train.onEpochEnd(epoch);
        throw e;
      }
      train.onEpochEnd(epoch);
      epochLogs = means(names, sums, seen, "");
      if (validation != null) {
        epochLogs.putAll(evaluateSource(p, validation, names, "val_", null));
      }
      for (Callback c : callbacks) {
        c.onEpochEnd(epoch, epochLogs);
      }
      if (stopTraining) {
        break;
      }
    }
    for (Callback c : callbacks) {
      c.onTrainEnd(epochLogs);
    }
    return history;
  }

  private List<String> logNames() {
    List<String> names = new ArrayList<>();
    names.add("loss");
    names.addAll(metricNames);
    return names;
  }

  private static Map<String, Double> means(List<String> names, double[] sums, long seen, String prefix) {
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      logs.put(prefix + names.get(i), seen == 0 ? 0.0 : sums[i] / seen);
    }
    return logs;
  }

  private Map<String, Double> evaluateSource(
      Program p, BatchSource source, List<String> names, String prefix, Progbar bar) {
    source.onEpochBegin(0);
    double[] sums = new double[names.size()];
    long seen = 0;
    int steps = source.steps();
    for (int step = 0; step < steps; step++) {
      BatchSource.Batch batch = source.batch(step);
      float[] r = p.evaluateStep(batch.x(), batch.y(), batch.size());
      for (int i = 0; i < sums.length; i++) {
        sums[i] += r[i];
      }
      seen += batch.size();
      if (bar != null && step + 1 < steps) {
        bar.update(step + 1, means(names, sums, seen, prefix), false);
      }
    }
    source.onEpochEnd(0);
    Map<String, Double> logs = means(names, sums, seen, prefix);
    if (bar != null) {
      bar.update(steps, logs, true);
    }
    return logs;
  }

  // ---------------------------------------------------------------- evaluate

  /** Evaluates on arrays with class-index labels; returns {@code loss} and the metrics, as Keras's dict. */
  public Map<String, Double> evaluate(float[][] x, int[] y) {
    return evaluate(x, y, new EvaluateOptions());
  }

  /** Evaluates on arrays with class-index labels. */
  public Map<String, Double> evaluate(float[][] x, int[] y, EvaluateOptions options) {
    checkCompiled("evaluate");
    return evaluateArrays(arrays(x, toFloat(y), 1, true, "x", "y"), options);
  }

  /** Evaluates on arrays with one-hot or regression labels. */
  public Map<String, Double> evaluate(float[][] x, float[][] y, EvaluateOptions options) {
    checkCompiled("evaluate");
    return evaluateArrays(arrays(x, flattenLabels(y, "y"), labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Evaluates on an array of any rank with class-index labels. */
  public Map<String, Double> evaluate(FloatNdArray x, int[] y, EvaluateOptions options) {
    checkCompiled("evaluate");
    return evaluateArrays(ndArrays(x, toFloat(y), 1, true, "x", "y"), options);
  }

  /** Evaluates on an array of any rank with one-hot or regression labels. */
  public Map<String, Double> evaluate(FloatNdArray x, float[][] y, EvaluateOptions options) {
    checkCompiled("evaluate");
    return evaluateArrays(ndArrays(x, flattenLabels(y, "y"), labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Evaluates on a batch source. */
  public Map<String, Double> evaluate(BatchSource source, EvaluateOptions options) {
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    checkCompiled("evaluate");
    checkSource(source, true, "evaluate");
    return evaluateWithBar(source, options.verbose());
  }

  private Map<String, Double> evaluateArrays(ArrayBatches all, EvaluateOptions options) {
    requireNonNull(options, "options");
    BatchSource source = all.range(0, all.size(), options.batchSize(), false, 0);
    checkSource(source, true, "evaluate");
    return evaluateWithBar(source, options.verbose());
  }

  private Map<String, Double> evaluateWithBar(BatchSource source, int verbose) {
    Progbar bar = verbose > 0 ? new Progbar(source.steps(), verbose, out(), Progbar.stdoutIsTerminal(), "step") : null;
    return evaluateSource(ensureProgram(false), source, logNames(), "", bar);
  }

  // ---------------------------------------------------------------- predict

  /** Predicts with Keras's defaults (batch size 32, silent). */
  public float[][] predict(float[][] x) {
    return predict(x, new PredictOptions());
  }

  /**
   * Returns one row of outputs per sample, in input order, as Keras's {@code predict}.
   *
   * @throws IncompatibleShapeException if the feature count does not match the model's input
   */
  public float[][] predict(float[][] x, PredictOptions options) {
    requireNonNull(options, "options");
    ArrayBatches all = arrays(x, null, 0, false, "x", null);
    return predict(all.range(0, all.size(), options.batchSize(), false, 0), options);
  }

  /** Predicts on an array of any rank (images: {@code (n, rows, cols, channels)}) with Keras's defaults. */
  public float[][] predict(FloatNdArray x) {
    return predict(x, new PredictOptions());
  }

  /** Returns one row of outputs per sample of an array of any rank, in input order. */
  public float[][] predict(FloatNdArray x, PredictOptions options) {
    requireNonNull(options, "options");
    ArrayBatches all = ndArrays(x, null, 0, false, "x", null);
    return predict(all.range(0, all.size(), options.batchSize(), false, 0), options);
  }

  /** Predicts over a batch source (its order must be fixed: an unshuffled iterator gives file order). */
  public float[][] predict(BatchSource source, PredictOptions options) {
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    checkSource(source, false, "predict");
    Program p = ensureProgram(false);
    long units = Shapes.sampleSize(p.outputShape());
    int n = source.size();
    float[][] rows = new float[n][];
    source.onEpochBegin(0);
    int steps = source.steps();
    Progbar bar =
        options.verbose() > 0 ? new Progbar(steps, options.verbose(), out(), Progbar.stdoutIsTerminal(), "step") : null;
    int row = 0;
    for (int step = 0; step < steps; step++) {
      BatchSource.Batch batch = source.batch(step);
      float[] flat = p.predictStep(batch.x(), batch.size());
      for (int i = 0; i < batch.size(); i++) {
        rows[row++] = Arrays.copyOfRange(flat, (int) (i * units), (int) ((i + 1) * units));
      }
      if (bar != null) {
        bar.update(step + 1, Map.of(), step + 1 == steps);
      }
    }
    source.onEpochEnd(0);
    return rows;
  }

  // ---------------------------------------------------------------- summary

  /** Prints the summary to standard output (or the stream given to {@link #setOutput}). */
  public void summary() {
    out().print(summaryString());
    out().flush();
  }

  /**
   * Returns the summary in tf.keras 2.x's format, character for character.
   *
   * @throws IllegalStateException if the model is not built (no input shape)
   */
  public String summaryString() {
    if (!isBuilt()) {
      throw new IllegalStateException(
          "This model has not yet been built. Build the model first by calling `build()` or calling `fit()`"
              + " with some data, or specify an `input_shape` argument in the first layer(s) for automatic"
              + " build.");
    }
    if (graph != null && !graph.isChain()) {
      return Summary.formatGraph(this, graph);
    }
    return Summary.format(this, layers(), layerOutputShapes(), List.of());
  }

  // ---------------------------------------------------------------- program

  /**
   * Returns the compiled program, (re)building it when the layers, compile configuration or trainable flags
   * changed since it was built.
   */
  private Program ensureProgram(boolean training) {
    if (!isBuilt()) {
      throw new IllegalStateException(
          "Model '" + name() + "' has no input shape; give the first layer an inputShape(...) or call fit/predict"
              + " with data.");
    }
    List<Object> signature = new ArrayList<>();
    signature.add(compileGeneration);
    for (Layer layer : layers()) {
      signature.add(layer);
      signature.add(layer.trainable());
    }
    boolean reusable =
        program != null && !program.isClosed() && signature.equals(programSignature)
            && (!training || program.canTrain());
    if (reusable) {
      program.reclaim();
      return program;
    }
    closeProgram();
    List<Metric> metrics = new ArrayList<>();
    if (loss != null) {
      long units = outputShape().size(-1);
      for (String m : metricNames) {
        metrics.add(Metrics.get(m, units, loss.sparseLabels()));
      }
    }
    Program.Spec spec =
        new Program.Spec(
            inputShape(), this::call, weights(), trainableWeights(), optimizer, loss, metrics,
            KerasContext.current().nextSeed());
    Program compiled = Program.compile(spec);
    program = compiled;
    programSignature = signature;
    cleanable = CLEANER.register(this, compiled::close);
    return compiled;
  }

  private void closeProgram() {
    if (cleanable != null) {
      cleanable.clean();
      cleanable = null;
    }
    program = null;
  }

  /** Frees the TensorFlow graph and session; weights keep their values and the model can be used again. */
  @Override
  public void close() {
    closeProgram();
  }

  // ---------------------------------------------------------------- saving (see io.github.keras4j.saving)

  /**
   * Saves architecture, weights, compile configuration and optimizer state, as Keras's {@code model.save}:
   * {@code .keras} → the Keras 3 archive, {@code .h5} → the legacy HDF5 format. The save is atomic; a failing
   * save leaves the previous file intact. Load with {@link Models#load}.
   *
   * @throws java.io.IOException if writing fails or the model does not fit the format (the message says why)
   */
  public void save(java.nio.file.Path path) throws java.io.IOException {
    io.github.keras4j.saving.KerasFiles.save(this, path);
  }

  /**
   * Saves the weights only, as Keras's {@code save_weights}: {@code *.weights.h5} → Keras 3's layout, another
   * {@code .h5} → Keras 2's.
   */
  public void saveWeights(java.nio.file.Path path) throws java.io.IOException {
    io.github.keras4j.saving.KerasFiles.saveWeights(this, path);
  }

  /**
   * Loads weights saved by Keras4J or Python Keras into this model, layer by layer in order, as Keras's
   * {@code load_weights}.
   *
   * @throws io.github.keras4j.saving.KerasFileException if the file is malformed or does not match the model
   */
  public void loadWeights(java.nio.file.Path path) throws java.io.IOException {
    io.github.keras4j.saving.KerasFiles.loadWeights(this, path);
  }

  /** Returns the architecture as Keras's {@code to_json()}; {@link Models#fromJson} reads it back. */
  public String toJson() {
    return io.github.keras4j.saving.KerasFiles.toJson(this);
  }

  /** Returns the architecture as Keras 2's {@code to_yaml()}; {@link Models#fromYaml} reads it back. */
  public String toYaml() {
    return io.github.keras4j.saving.KerasFiles.toYaml(this);
  }

  // ---------------------------------------------------------------- checks and conversions

  private void checkCompiled(String what) {
    if (!isCompiled()) {
      throw new IllegalStateException(
          "Model '" + name() + "' is not compiled. Call compile(...) before " + what + "().");
    }
  }

  private ArrayBatches arrays(
      float[][] x, float[] y, int labelSize, boolean integerLabels, String xName, String yName) {
    requireNonNull(x, xName);
    if (x.length == 0) {
      throw new IllegalArgumentException(xName + " is empty: give at least one sample.");
    }
    int features = -1;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null) {
        throw new IllegalArgumentException(xName + "[" + i + "] is null.");
      }
      if (features < 0) {
        features = x[i].length;
      } else if (x[i].length != features) {
        throw new IllegalArgumentException(
            xName + " is ragged: row 0 has " + features + " features but row " + i + " has " + x[i].length + ".");
      }
    }
    if (y != null && y.length / labelSize != x.length) {
      throw new IllegalArgumentException(
          "Data cardinality is ambiguous: " + xName + " has " + x.length + " samples but " + yName + " has "
              + (y.length / labelSize) + " samples. Make sure all arrays contain the same number of samples.");
    }
    float[] flat = new float[x.length * features];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(x[i], 0, flat, i * features, features);
    }
    return new ArrayBatches(
        flat, new long[] {features}, y, labelSize, integerLabels, 0, x.length, 32, false, 0);
  }

  private static ArrayBatches ndArrays(
      FloatNdArray x, float[] y, int labelSize, boolean integerLabels, String xName, String yName) {
    requireNonNull(x, xName);
    Shape shape = x.shape();
    if (shape.numDimensions() < 2 || shape.size(0) == 0) {
      throw new IllegalArgumentException(
          xName + " must have a batch dimension and at least one sample, but got shape " + shape + ".");
    }
    int n = Math.toIntExact(shape.size(0));
    if (y != null && y.length / labelSize != n) {
      throw new IllegalArgumentException(
          "Data cardinality is ambiguous: " + xName + " has " + n + " samples but " + yName + " has "
              + (y.length / labelSize) + " samples. Make sure all arrays contain the same number of samples.");
    }
    float[] flat = new float[Math.toIntExact(shape.size())];
    x.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(flat, false, false));
    return new ArrayBatches(flat, shape.tail().asArray(), y, labelSize, integerLabels, 0, n, 32, false, 0);
  }

  private void checkSource(BatchSource source, boolean needLabels, String what) {
    long[] sample = source.sampleShape();
    if (!isBuilt()) {
      buildFor(sample);
    }
    Shape expected = inputShape();
    Shape received = Shapes.batchOf(sample);
    if (!Shapes.compatible(expected, received)) {
      throw new IncompatibleShapeException(
          name(),
          Shapes.format(expected),
          Shapes.format(received),
          "Input 0 of model '" + name() + "' is incompatible with the model: expected shape="
              + Shapes.format(expected) + ", but received input with shape=" + Shapes.format(received)
              + " (in " + what + ").");
    }
    if (!needLabels) {
      return;
    }
    if (source.labelSize() == 0) {
      throw new IllegalArgumentException(what + ": the data has no labels, but training and evaluation need them.");
    }
    long units = Shapes.sampleSize(outputShape());
    if (loss.sparseLabels()) {
      if (source.labelSize() != 1) {
        throw new IllegalArgumentException(
            what + ": " + loss.name() + " expects one class index per sample, but the labels have "
                + source.labelSize() + " values per sample; use categorical_crossentropy for one-hot labels.");
      }
      if (source instanceof ArrayBatches arrays) {
        float[] labels = arrays.labels();
        for (int i = 0; i < labels.length; i++) {
          float v = labels[i];
          if (!(v >= 0 && v < units) || v != Math.rint(v)) {
            throw new IllegalArgumentException(
                what + ": label " + v + " at index " + i + " is outside the valid range [0, " + units
                    + ") of class indices for a model with " + units + " outputs.");
          }
        }
      }
    } else if (source.labelSize() != units) {
      throw new IllegalArgumentException(
          what + ": " + loss.name() + " expects labels shaped like the output " + Shapes.format(outputShape())
              + ", but the labels have " + source.labelSize() + " values per sample"
              + (units > 1 && source.labelSize() == 1 ? "; use sparse_categorical_crossentropy for class indices." : "."));
    }
  }

  private static float[] toFloat(int[] y) {
    requireNonNull(y, "y");
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i];
    }
    return out;
  }

  private static int labelWidth(float[][] y, String name) {
    requireNonNull(y, name);
    return y.length == 0 ? 1 : y[0].length;
  }

  private static float[] flattenLabels(float[][] y, String name) {
    requireNonNull(y, name);
    int width = labelWidth(y, name);
    float[] out = new float[y.length * width];
    for (int i = 0; i < y.length; i++) {
      if (y[i] == null || y[i].length != width) {
        throw new IllegalArgumentException(
            name + " is ragged: row 0 has " + width + " values but row " + i + " has "
                + (y[i] == null ? "null" : y[i].length) + ".");
      }
      System.arraycopy(y[i], 0, out, i * width, width);
    }
    return out;
  }
}
