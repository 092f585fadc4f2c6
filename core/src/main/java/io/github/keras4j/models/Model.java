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
 * <p>A functional model may have several inputs and outputs, as Keras's {@code Model(inputs=[a, b],
 * outputs=[c, d])}: give one array per input and one label array per output, in the order of {@link #inputs()}
 * and {@link #outputs()} ({@link #fit(List, List, FitOptions)}, {@link #evaluate(List, List, EvaluateOptions)},
 * {@link #predict(List, PredictOptions)}). The loss minimized is the sum of the outputs' losses, and the logs are
 * Keras 2.x's: {@code loss}, then {@code <output layer>_loss} per output, then {@code <output layer>_<metric>}
 * per output and metric.
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
  private List<Loss> losses;
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

  /**
   * Creates a functional model with several inputs and/or outputs, as Keras's
   * {@code Model(inputs=[a, b], outputs=[c, d])}. Data is given in the order of these lists; logs name each
   * output by its layer's name.
   *
   * <pre>{@code
   * KerasTensor a = Input.shape(3), b = Input.shape(2);
   * KerasTensor h = new Concatenate().apply(new Dense(4).apply(a), new Dense(4).apply(b));
   * Model model = new Model(List.of(a, b), List.of(new Dense(1).name("y1").apply(h), new Dense(2).name("y2").apply(h)));
   * }</pre>
   *
   * @throws IllegalArgumentException as {@link #Model(KerasTensor, KerasTensor)}
   */
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
   * @throws IllegalStateException if the model is not built or has several inputs (see {@link #inputShapes()})
   */
  public Shape inputShape() {
    return singleTensor(inputs(), "inputs", "inputShapes()").shape();
  }

  /**
   * Returns the batch output shape, e.g. {@code (None, 2)}.
   *
   * @throws IllegalStateException if the model is not built or has several outputs (see {@link #outputShapes()})
   */
  public Shape outputShape() {
    return singleTensor(outputs(), "outputs", "outputShapes()").shape();
  }

  /**
   * Returns the batch shape of each input, in {@link #inputs()} order.
   *
   * @throws IllegalStateException if the model is not built
   */
  public List<Shape> inputShapes() {
    return graph == null ? List.of(inputShape()) : graph.inputs.stream().map(KerasTensor::shape).toList();
  }

  /**
   * Returns the batch shape of each output, in {@link #outputs()} order.
   *
   * @throws IllegalStateException if the model is not built
   */
  public List<Shape> outputShapes() {
    return graph == null ? List.of(outputShape()) : graph.outputs.stream().map(KerasTensor::shape).toList();
  }

  /**
   * Returns the names of the output layers, in {@link #outputs()} order (Keras's {@code output_names}); logs of a
   * model with several outputs are prefixed with them.
   */
  public List<String> outputNames() {
    return graph == null ? List.of(layers().get(layers().size() - 1).name())
        : graph.outputs.stream().map(t -> t.layer().name()).toList();
  }

  private List<String> inputNames() {
    return graph == null ? List.of("input") : graph.inputs.stream().map(t -> t.layer().name()).toList();
  }

  private int numOutputs() {
    return graph == null ? 1 : graph.outputs.size();
  }

  private KerasTensor singleTensor(List<KerasTensor> tensors, String what, String instead) {
    if (tensors.size() != 1) {
      throw new IllegalStateException(
          "Model '" + name() + "' has " + tensors.size() + " " + what + "; use " + instead + ".");
    }
    return tensors.get(0);
  }

  /** Builds the model for samples of this shape if it has no input shape yet (Keras's deferred build). */
  protected void buildFor(long[] sampleShape) {
    // A functional model is built by construction.
  }

  /** Adds the forward pass of a one-input, one-output model to a graph. */
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    FunctionalGraph g = functional();
    singleTensor(g.inputs, "inputs", "several input arrays");
    singleTensor(g.outputs, "outputs", "predictOutputs");
    return callAll(tf, List.of(x), ctx).get(0);
  }

  /** Adds the forward pass to a graph: one operand per output for one per input. */
  private List<Operand<TFloat32>> callAll(Ops tf, List<Operand<TFloat32>> xs, CallContext ctx) {
    if (graph == null) {
      return List.of(call(tf, xs.get(0), ctx));
    }
    FunctionalGraph g = graph;
    Map<KerasTensor, Operand<TFloat32>> values = new IdentityHashMap<>();
    for (int i = 0; i < g.inputs.size(); i++) {
      values.put(g.inputs.get(i), xs.get(i));
    }
    for (io.github.keras4j.layers.Node node : g.nodes) {
      if (node.inputs().isEmpty()) {
        continue;
      }
      List<Operand<TFloat32>> args = new ArrayList<>();
      for (KerasTensor in : node.inputs()) {
        args.add(values.get(in));
      }
      Operand<TFloat32> out = node.layer().call(tf, args, ctx);
      node.layer().addActivityLoss(tf, out, ctx);
      values.put(node.output(), out);
    }
    List<Operand<TFloat32>> outs = new ArrayList<>();
    for (KerasTensor t : g.outputs) {
      outs.add(values.get(t));
    }
    return outs;
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
    compile(optimizer, List.of(requireNonNull(loss, "loss")), metrics);
  }

  /**
   * Configures a model with several outputs for training with one loss per output, as Keras's
   * {@code compile(loss=[…])}. The loss minimized is the sum of the outputs' losses; every metric is computed for
   * every output ({@code <output layer>_<metric>}). A list of one loss applies it to every output.
   *
   * @param losses one loss per output, in {@link #outputs()} order, or one loss for all
   * @throws IllegalArgumentException if the list is empty, or has several losses but not one per output, or for
   *     an unknown metric name
   */
  public void compile(Optimizer optimizer, List<Loss> losses, String... metrics) {
    requireNonNull(optimizer, "optimizer");
    requireNonNull(losses, "losses");
    requireNonNull(metrics, "metrics");
    if (losses.isEmpty()) {
      throw new IllegalArgumentException("compile: give at least one loss.");
    }
    for (Loss l : losses) {
      requireNonNull(l, "loss");
      for (String m : metrics) {
        Metrics.get(requireNonNull(m, "metric"), 2, l.sparseLabels());
      }
    }
    if (losses.size() > 1 && isBuilt() && losses.size() != numOutputs()) {
      throw new IllegalArgumentException(
          "compile: the loss list should have one entry per model output. The model has " + numOutputs()
              + " outputs " + outputNames() + ", but got " + losses.size() + " losses.");
    }
    this.optimizer = optimizer;
    this.losses = List.copyOf(losses);
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
    return losses != null;
  }

  /** Returns the optimizer, or {@code null} before compile. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Returns the loss (with per-output losses, the first output's), or {@code null} before compile. */
  public Loss loss() {
    return losses == null ? null : losses.get(0);
  }

  /**
   * Returns the losses given to compile: one loss for all outputs, or one per output; empty before compile.
   */
  public List<Loss> losses() {
    return losses == null ? List.of() : losses;
  }

  /** Returns the loss of output {@code o}. */
  private Loss lossFor(int o) {
    return losses.size() == 1 ? losses.get(0) : losses.get(o);
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

  /**
   * Trains a model with several inputs and/or outputs, as Keras's {@code fit([x1, x2], [y1, y2])}: one array per
   * input (any rank, samples first) and one label array per output (one row per sample: one-hot or regression
   * values, or one class index per row for a sparse loss), in {@link #inputs()} and {@link #outputs()} order.
   * Shuffling and {@code validationSplit} apply to all arrays in unison.
   *
   * @throws IllegalArgumentException if the number of arrays does not match the model, the arrays differ in sample
   *     count, or labels do not fit an output's loss (the message names the input or output)
   * @throws IncompatibleShapeException if an array's sample shape does not match its input
   */
  public History fit(List<? extends FloatNdArray> xs, List<float[][]> ys, FitOptions options) {
    return fitArrays(multiArrays(xs, requireNonNull(ys, "ys")), options);
  }

  /**
   * Trains a model with several inputs and one output, as Keras's {@code fit([x1, x2], y)}. (Java's
   * {@code List.of(y)} of one {@code float[][]} is a list of its rows; this overload avoids the trap.)
   */
  public History fit(List<? extends FloatNdArray> xs, float[][] y, FitOptions options) {
    return fit(xs, List.<float[][]>of(requireNonNull(y, "y")), options);
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
    if (v.xs() != null) {
      ArrayBatches arrays = multiArrays(v.xs(), v.ys());
      return arrays.range(0, arrays.size(), batchSize, false, 0);
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
    double[] sums = new double[p.numSums()];
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
          float[] r = p.trainStep(batch.xs(), batch.ys(), batch.size());
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
            Map<String, Double> logs = means(p, names, sums, seen, "");
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
      epochLogs = means(p, names, sums, seen, "");
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

  /**
   * Keras 2.x's log names: {@code loss} and the metrics; with several outputs, {@code loss}, each output's
   * {@code <name>_loss}, then each output's {@code <name>_<metric>}.
   */
  private List<String> logNames() {
    List<String> names = new ArrayList<>();
    names.add("loss");
    if (numOutputs() == 1) {
      names.addAll(metricNames);
      return names;
    }
    List<String> outs = outputNames();
    for (String o : outs) {
      names.add(o + "_loss");
    }
    for (String o : outs) {
      for (String m : metricNames) {
        names.add(o + "_" + m);
      }
    }
    return names;
  }

  private static Map<String, Double> means(
      Program p, List<String> names, double[] sums, long seen, String prefix) {
    double[] values = p.results(sums, seen);
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      logs.put(prefix + names.get(i), values[i]);
    }
    return logs;
  }

  private Map<String, Double> evaluateSource(
      Program p, BatchSource source, List<String> names, String prefix, Progbar bar) {
    source.onEpochBegin(0);
    double[] sums = new double[p.numSums()];
    long seen = 0;
    int steps = source.steps();
    for (int step = 0; step < steps; step++) {
      BatchSource.Batch batch = source.batch(step);
      float[] r = p.evaluateStep(batch.xs(), batch.ys(), batch.size());
      for (int i = 0; i < sums.length; i++) {
        sums[i] += r[i];
      }
      seen += batch.size();
      if (bar != null && step + 1 < steps) {
        bar.update(step + 1, means(p, names, sums, seen, prefix), false);
      }
    }
    source.onEpochEnd(0);
    Map<String, Double> logs = means(p, names, sums, seen, prefix);
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

  /**
   * Evaluates a model with several inputs and/or outputs: one array per input, one label array per output (as
   * {@link #fit(List, List, FitOptions)}). Returns Keras's logs: {@code loss} (the sum of the outputs' losses),
   * {@code <output>_loss} per output, then {@code <output>_<metric>}.
   */
  public Map<String, Double> evaluate(
      List<? extends FloatNdArray> xs, List<float[][]> ys, EvaluateOptions options) {
    checkCompiled("evaluate");
    return evaluateArrays(multiArrays(xs, requireNonNull(ys, "ys")), options);
  }

  /** Evaluates a model with several inputs and one output, as Keras's {@code evaluate([x1, x2], y)}. */
  public Map<String, Double> evaluate(List<? extends FloatNdArray> xs, float[][] y, EvaluateOptions options) {
    return evaluate(xs, List.<float[][]>of(requireNonNull(y, "y")), options);
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

  /**
   * Predicts with a model of several inputs and/or outputs: one array per input in {@link #inputs()} order;
   * returns one array of rows per output, in {@link #outputs()} order (as Keras's list of predictions).
   *
   * @throws IllegalArgumentException if the number of arrays or their sample counts do not match
   * @throws IncompatibleShapeException if an array's sample shape does not match its input
   */
  public List<float[][]> predict(List<? extends FloatNdArray> xs, PredictOptions options) {
    requireNonNull(options, "options");
    ArrayBatches all = multiArrays(xs, null);
    return predictOutputs(all.range(0, all.size(), options.batchSize(), false, 0), options);
  }

  /** Predicts with a one-input model of any number of outputs; returns one array of rows per output. */
  public List<float[][]> predictOutputs(FloatNdArray x, PredictOptions options) {
    requireNonNull(options, "options");
    ArrayBatches all = ndArrays(x, null, 0, false, "x", null);
    return predictOutputs(all.range(0, all.size(), options.batchSize(), false, 0), options);
  }

  /**
   * Predicts over a batch source with a one-output model (its order must be fixed: an unshuffled iterator gives
   * file order).
   *
   * @throws IllegalStateException if the model has several outputs (use {@link #predictOutputs(BatchSource,
   *     PredictOptions)})
   */
  public float[][] predict(BatchSource source, PredictOptions options) {
    if (isBuilt() && numOutputs() != 1) {
      throw new IllegalStateException(
          "Model '" + name() + "' has " + numOutputs() + " outputs " + outputNames() + "; use predictOutputs(...)"
              + " or predict(List, PredictOptions), which return one array per output.");
    }
    return predictOutputs(source, options).get(0);
  }

  /** Predicts over a batch source; returns one array of rows per output, in {@link #outputs()} order. */
  public List<float[][]> predictOutputs(BatchSource source, PredictOptions options) {
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    checkSource(source, false, "predict");
    Program p = ensureProgram(false);
    List<Shape> shapes = p.outputShapes();
    int outputs = shapes.size();
    long[] units = new long[outputs];
    int n = source.size();
    List<float[][]> rows = new ArrayList<>();
    for (int o = 0; o < outputs; o++) {
      units[o] = Shapes.sampleSize(shapes.get(o));
      rows.add(new float[n][]);
    }
    source.onEpochBegin(0);
    int steps = source.steps();
    Progbar bar =
        options.verbose() > 0 ? new Progbar(steps, options.verbose(), out(), Progbar.stdoutIsTerminal(), "step") : null;
    int row = 0;
    for (int step = 0; step < steps; step++) {
      BatchSource.Batch batch = source.batch(step);
      List<float[]> flat = p.predictStep(batch.xs(), batch.size());
      for (int o = 0; o < outputs; o++) {
        float[][] dest = rows.get(o);
        float[] values = flat.get(o);
        long u = units[o];
        for (int i = 0; i < batch.size(); i++) {
          dest[row + i] = Arrays.copyOfRange(values, (int) (i * u), (int) ((i + 1) * u));
        }
      }
      row += batch.size();
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
    List<Loss> outputLosses = null;
    List<List<Metric>> metrics = null;
    if (losses != null) {
      checkLossCount();
      List<Shape> outputShapes = outputShapes();
      outputLosses = new ArrayList<>();
      metrics = new ArrayList<>();
      for (int o = 0; o < outputShapes.size(); o++) {
        Loss l = lossFor(o);
        long units = outputShapes.get(o).size(-1);
        List<Metric> perOutput = new ArrayList<>();
        for (String m : metricNames) {
          perOutput.add(Metrics.get(m, units, l.sparseLabels()));
        }
        outputLosses.add(l);
        metrics.add(perOutput);
      }
    }
    Program.Spec spec =
        new Program.Spec(
            inputShapes(), this::callAll, weights(), trainableWeights(), optimizer, outputLosses, metrics,
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

  private void checkLossCount() {
    if (losses.size() > 1 && losses.size() != numOutputs()) {
      throw new IllegalArgumentException(
          "Model '" + name() + "' has " + numOutputs() + " outputs " + outputNames() + ", but was compiled with "
              + losses.size() + " losses; give one loss per output or one for all.");
    }
  }

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
    List<long[]> samples = source.sampleShapes();
    if (!isBuilt()) {
      buildFor(samples.get(0));
    }
    List<Shape> expectedShapes = inputShapes();
    boolean several = expectedShapes.size() > 1 || numOutputs() > 1;
    if (samples.size() != expectedShapes.size()) {
      throw new IllegalArgumentException(
          what + ": model '" + name() + "' expects " + expectedShapes.size() + " input array(s) " + inputNames()
              + ", but got " + samples.size() + ".");
    }
    for (int i = 0; i < samples.size(); i++) {
      Shape expected = expectedShapes.get(i);
      Shape received = Shapes.batchOf(samples.get(i));
      if (!Shapes.compatible(expected, received)) {
        String input = several ? "Input " + i + " ('" + inputNames().get(i) + "')" : "Input " + i;
        throw new IncompatibleShapeException(
            name(),
            Shapes.format(expected),
            Shapes.format(received),
            input + " of model '" + name() + "' is incompatible with the model: expected shape="
                + Shapes.format(expected) + ", but received input with shape=" + Shapes.format(received)
                + " (in " + what + ").");
      }
    }
    if (!needLabels) {
      return;
    }
    List<Integer> labelSizes = source.labelSizes();
    if (labelSizes.isEmpty()) {
      throw new IllegalArgumentException(what + ": the data has no labels, but training and evaluation need them.");
    }
    checkLossCount();
    int outputs = numOutputs();
    if (labelSizes.size() != outputs) {
      throw new IllegalArgumentException(
          what + ": model '" + name() + "' has " + outputs + " output(s) " + outputNames() + " and needs one label"
              + " array per output, but got " + labelSizes.size() + ".");
    }
    List<Shape> outputShapes = outputShapes();
    for (int o = 0; o < outputs; o++) {
      Loss l = lossFor(o);
      Shape outputShape = outputShapes.get(o);
      long units = Shapes.sampleSize(outputShape);
      int labelSize = labelSizes.get(o);
      String prefix = several ? what + " (output '" + outputNames().get(o) + "')" : what;
      if (l.sparseLabels()) {
        if (labelSize != 1) {
          throw new IllegalArgumentException(
              prefix + ": " + l.name() + " expects one class index per sample, but the labels have "
                  + labelSize + " values per sample; use categorical_crossentropy for one-hot labels.");
        }
        if (source instanceof ArrayBatches arrays) {
          float[] labels = arrays.labels(o);
          for (int i = 0; i < labels.length; i++) {
            float v = labels[i];
            if (!(v >= 0 && v < units) || v != Math.rint(v)) {
              throw new IllegalArgumentException(
                  prefix + ": label " + v + " at index " + i + " is outside the valid range [0, " + units
                      + ") of class indices for a model with " + units + " outputs.");
            }
          }
        }
      } else if (labelSize != units) {
        throw new IllegalArgumentException(
            prefix + ": " + l.name() + " expects labels shaped like the output " + Shapes.format(outputShape)
                + ", but the labels have " + labelSize + " values per sample"
                + (units > 1 && labelSize == 1 ? "; use sparse_categorical_crossentropy for class indices." : "."));
      }
    }
  }

  /**
   * Gathers one array per input and (unless {@code ys} is null) one label array per output, checking that they
   * all have the same number of samples.
   */
  private static ArrayBatches multiArrays(List<? extends FloatNdArray> xs, List<float[][]> ys) {
    requireNonNull(xs, "xs");
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("xs is empty: give one array per model input.");
    }
    List<float[]> flatXs = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    int[] xCounts = new int[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      FloatNdArray x = xs.get(i);
      String name = "x[" + i + "]";
      requireNonNull(x, name);
      Shape shape = x.shape();
      if (shape.numDimensions() < 2 || shape.size(0) == 0) {
        throw new IllegalArgumentException(
            name + " must have a batch dimension and at least one sample, but got shape " + shape + ".");
      }
      xCounts[i] = Math.toIntExact(shape.size(0));
      float[] flat = new float[Math.toIntExact(shape.size())];
      x.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(flat, false, false));
      flatXs.add(flat);
      shapes.add(shape.tail().asArray());
    }
    List<float[]> flatYs = null;
    int[] labelSizes = new int[0];
    int[] yCounts = new int[0];
    if (ys != null) {
      if (ys.isEmpty()) {
        throw new IllegalArgumentException("ys is empty: give one label array per model output.");
      }
      flatYs = new ArrayList<>();
      labelSizes = new int[ys.size()];
      yCounts = new int[ys.size()];
      for (int o = 0; o < ys.size(); o++) {
        String name = "y[" + o + "]";
        float[][] y = requireNonNull(ys.get(o), name);
        labelSizes[o] = labelWidth(y, name);
        yCounts[o] = y.length;
        flatYs.add(flattenLabels(y, name));
      }
    }
    boolean same = true;
    for (int c : xCounts) {
      same &= c == xCounts[0];
    }
    for (int c : yCounts) {
      same &= c == xCounts[0];
    }
    if (!same) {
      throw new IllegalArgumentException(
          "Data cardinality is ambiguous: x sizes: " + Arrays.toString(xCounts)
              + (ys == null ? "" : ", y sizes: " + Arrays.toString(yCounts))
              + ". Make sure all arrays contain the same number of samples.");
    }
    return new ArrayBatches(flatXs, shapes, flatYs, labelSizes, false, 0, xCounts[0], 32, false, 0);
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
