package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.KerasContext;
import io.github.keras4j.backend.Program;
import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.IncompatibleShapeException;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.Optimizers;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
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
 * <p><b>Models as layers.</b> A model is a {@link Layer}, as in Keras: add it to a {@link Sequential}, call it with
 * {@link #apply(KerasTensor...)} inside another functional model, share it, nest models several levels deep.
 * {@code trainable(false)} freezes every layer in it; {@link #summary()} shows it as one row ({@code (Functional)}
 * or {@code (Sequential)}); saving and loading keep the nesting in every format.
 *
 * <pre>{@code
 * Model base = ...;                          // e.g. a MobileNetV2 without its top
 * base.trainable(false);
 * Sequential classifier = new Sequential(base, new GlobalAveragePooling2D(), new Dense(3).activation("softmax"));
 * }</pre>
 *
 * <p><b>Threads</b> (Keras's contract): {@code predict} and {@code evaluate} may run from many threads at once on
 * one model — e.g. a web service's request threads on a freshly loaded model; the first calls build one compiled
 * program and share it. {@code fit} is single-threaded: it runs alone, and {@code predict}, {@code evaluate},
 * {@code compile} and {@link #close()} from other threads wait until it ends (its callbacks, on the training
 * thread, may still predict and evaluate). Changing the model's structure ({@code add}, {@code pop},
 * {@code trainable}, {@code setWeights}) while another thread uses it is not supported. A model too large to
 * allocate fails with an {@link IllegalStateException} or {@link IllegalArgumentException} that says so; no
 * failure leaves a thread waiting.
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
public class Model extends Layer implements AutoCloseable {
  private final String nameBase;
  private final FunctionalGraph graph;
  private final Object structureLock = new Object();
  private final ProgramCache programs = new ProgramCache(this);
  /** predict/evaluate share it (read lock); fit and close hold it alone (write lock). */
  private final ReentrantReadWriteLock usage = new ReentrantReadWriteLock();
  private volatile CompileConfig compileConfig;
  /** Output masks of this model's calls as a layer, by output and first input operand (for computeMask). */
  private final Map<Object, Operand<TBool>> callMasks =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  private volatile boolean stopTraining;
  private volatile boolean stopEvaluating;
  private volatile boolean stopPredicting;
  private volatile PrintStream out;

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

  @Override
  protected String defaultNameBase() {
    return nameBase;
  }

  @Override
  protected boolean nameFixedOnceBuilt() {
    return false;
  }

  /**
   * Sets the model's name.
   *
   * @throws IllegalArgumentException if empty or containing {@code /}
   */
  @Override
  public Model name(String name) {
    super.name(name);
    return this;
  }

  /**
   * Returns the Keras class name: {@code Functional} (tf.keras ≥ 2.4 and Keras 3 write it for a {@code Model});
   * {@code Sequential} for a Sequential.
   */
  @Override
  public String className() {
    return "Functional";
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

  /** Returns the names of the input layers, in {@link #inputs()} order. */
  List<String> inputNames() {
    return graph == null ? List.of("input") : graph.inputs.stream().map(t -> t.layer().name()).toList();
  }

  /** Returns the number of outputs. */
  int numOutputs() {
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

  /**
   * Adds the forward pass of a one-input, one-output model to a graph (through the one forward path, masks
   * included): what runs when this model is a layer of another model.
   */
  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return call(tf, List.of(x), ctx);
  }

  /** Adds the forward pass of this model used as a layer, for one tensor per input; records the output mask. */
  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    FunctionalGraph g = graph();
    singleTensor(g.outputs, "outputs", "it as a whole model (a nested model must have one output)");
    GraphRunner.Result r = GraphRunner.run(g, tf, inputs, ctx.inputMasks(), ctx);
    Operand<TFloat32> out = r.outputs().get(0);
    Operand<TBool> mask = r.masks().get(0);
    if (mask != null) {
      callMasks.put(out, mask);
      callMasks.put(inputs.get(0), mask);
    }
    return out;
  }

  /**
   * Returns the mask of this model's output for a call of it as a layer (Keras's {@code Functional.compute_mask}):
   * what its graph's last layer computed during {@link #call(Ops, List, CallContext)} on these inputs, or null.
   */
  @Override
  public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    return inputs.isEmpty() ? null : callMasks.get(inputs.get(0));
  }

  /**
   * Returns the output shape of this model called on tensors of {@code inputShape}: its output shape with the
   * caller's batch dimension. A Sequential without an input shape builds itself for it first.
   *
   * @throws IncompatibleShapeException if the shape does not fit the model's input
   */
  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return computeOutputShape(List.of(inputShape));
  }

  @Override
  public Shape computeOutputShape(List<Shape> inputShapes) {
    if (!isBuilt()) {
      Shape first = inputShapes.get(0);
      buildIfNeeded(first.numDimensions() == 0 ? new long[0] : first.tail().asArray());
    }
    List<Shape> expected = inputShapes();
    if (expected.size() != inputShapes.size()) {
      throw new IncompatibleShapeException(
          name(), expected.size() + " input(s)", inputShapes.size() + " input(s)",
          "Model '" + name() + "' expects " + expected.size() + " input(s), but it was called on "
              + inputShapes.size() + ".");
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!io.github.keras4j.layers.Shapes.compatible(expected.get(i), inputShapes.get(i))) {
        throw IncompatibleShapeException.forInput(
            name(), i, "the model's input " + i + " has shape "
                + io.github.keras4j.layers.Shapes.format(expected.get(i)),
            io.github.keras4j.layers.Shapes.format(expected.get(i)), inputShapes.get(i));
      }
    }
    Shape out = singleTensor(outputs(), "outputs", "it as a whole model (a nested model must have one output)")
        .shape();
    long[] dims = out.asArray();
    dims[0] = inputShapes.get(0).numDimensions() == 0 ? -1 : inputShapes.get(0).size(0);
    return Shape.of(dims);
  }

  /** Returns the model's (single) input shape once built, so that it can start a Sequential; else null. */
  @Override
  public Shape declaredInputShape() {
    return isBuilt() && inputs().size() == 1 ? inputShape() : null;
  }

  /** Returns the Keras config of the model ({@code get_config()}: layers, and inbound nodes when functional). */
  @Override
  public Map<String, Object> getConfig() {
    @SuppressWarnings("unchecked")
    Map<String, Object> config =
        (Map<String, Object>) SavingService.get().modelConfig(this).get("config");
    return config;
  }

  /** Returns whether {@code other} is this model or is nested in it, at any depth. */
  boolean contains(Model other) {
    if (other == this) {
      return true;
    }
    for (Layer layer : layers()) {
      if (layer instanceof Model m && m.contains(other)) {
        return true;
      }
    }
    return false;
  }

  /** Every layer of this model and of the models nested in it, depth first (each once). */
  List<Layer> flatLayers() {
    List<Layer> out = new ArrayList<>();
    java.util.Set<Layer> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    collect(this, out, seen);
    return out;
  }

  private static void collect(Model model, List<Layer> out, java.util.Set<Layer> seen) {
    for (Layer layer : model.layers()) {
      if (seen.add(layer)) {
        out.add(layer);
        if (layer instanceof Model m) {
          collect(m, out, seen);
        }
      }
    }
  }

  /**
   * Returns the state variables of the model's stateful recurrent layers ({@code Recurrent.states()}, also inside
   * {@code Bidirectional}): the program holds them besides the weights; they are not weights (not saved, not
   * counted).
   */
  private List<Weight> stateVariables() {
    List<Weight> out = new ArrayList<>();
    for (Layer layer : flatLayers()) {
      if (layer instanceof io.github.keras4j.layers.Recurrent<?> r) {
        out.addAll(r.states());
      } else if (layer instanceof io.github.keras4j.layers.Bidirectional b) {
        out.addAll(b.states());
      }
    }
    return out;
  }

  /**
   * Sets the states of every stateful recurrent layer of the model (nested models and {@code Bidirectional}
   * included) back to zeros, as Keras's {@code model.reset_states()}; layers that are not stateful are left alone.
   */
  public void resetStates() {
    for (Layer layer : flatLayers()) {
      if (layer instanceof io.github.keras4j.layers.Recurrent<?> r && r.stateful()) {
        r.resetStates();
      } else if (layer instanceof io.github.keras4j.layers.Bidirectional b && b.layer().stateful()) {
        b.resetStates();
      }
    }
  }

  /** Adds the forward pass to a graph: one operand per output for one per input. */
  private List<Operand<TFloat32>> callAll(Ops tf, List<Operand<TFloat32>> xs, CallContext ctx) {
    return GraphRunner.run(graph(), tf, xs, List.of(), ctx).outputs();
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

  /**
   * Returns the model's graph: the functional model's own, or the chain a built Sequential made of its layers.
   *
   * @throws IllegalStateException if the model is not built
   */
  FunctionalGraph graph() {
    return functional();
  }

  // ---------------------------------------------------------------- weights

  /** Returns all weights, layer by layer, each layer's trainable weights first (Keras's {@code model.weights}). */
  @Override
  public List<Weight> weights() {
    return dedup(layers().stream().flatMap(l -> l.weights().stream()).toList());
  }

  /** Returns the weights that training updates: none while the model is frozen, as Keras. */
  @Override
  public List<Weight> trainableWeights() {
    if (!trainable()) {
      return List.of();
    }
    return dedup(layers().stream().flatMap(l -> l.trainableWeights().stream()).toList());
  }

  /** Returns the weights that training does not update by gradient: all of them while the model is frozen. */
  @Override
  public List<Weight> nonTrainableWeights() {
    if (!trainable()) {
      return weights();
    }
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
  @Override
  public long countParams() {
    return weights().stream().mapToLong(Weight::size).sum();
  }

  /** Returns {@code "Model"}: messages about a model call it so. */
  @Override
  protected String kind() {
    return "Model";
  }

  /**
   * Freezes or unfreezes the model and every layer in it, nested models' layers included (Keras's
   * {@code model.trainable = …}); takes effect at the next fit. A frozen BatchNormalization runs in inference mode.
   */
  @Override
  public Model trainable(boolean trainable) {
    super.trainable(trainable);
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
    boolean built = isBuilt();
    CompileConfig config =
        CompileConfig.of(optimizer, losses, metrics, built ? numOutputs() : -1, built ? outputNames() : List.of());
    exclusive(() -> compileConfig = config);
  }

  /**
   * Configures the model with metric objects, as Keras's {@code compile(metrics=[AUC(curve="PR"), …])}: each is
   * reported under its {@link io.github.keras4j.metrics.Metric#name()} (e.g.
   * {@code new AUC("pr_auc", AUC.Curve.PR, 200)}, {@code TopKCategoricalAccuracy.sparse("top3", 3)}).
   *
   * @throws IllegalArgumentException if two metrics share a name (or as {@link #compile(Optimizer, Loss, String...)})
   */
  public void compile(Optimizer optimizer, Loss loss, List<io.github.keras4j.metrics.Metric> metrics) {
    boolean built = isBuilt();
    CompileConfig config = CompileConfig.of(optimizer, List.of(requireNonNull(loss, "loss")), metrics,
        built ? numOutputs() : -1, built ? outputNames() : List.of());
    exclusive(() -> compileConfig = config);
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
    return compileConfig != null;
  }

  /** Returns the optimizer, or {@code null} before compile. */
  public Optimizer optimizer() {
    CompileConfig c = compileConfig;
    return c == null ? null : c.optimizer;
  }

  /** Returns the loss (with per-output losses, the first output's), or {@code null} before compile. */
  public Loss loss() {
    CompileConfig c = compileConfig;
    return c == null ? null : c.losses.get(0);
  }

  /**
   * Returns the losses given to compile: one loss for all outputs, or one per output; empty before compile.
   */
  public List<Loss> losses() {
    CompileConfig c = compileConfig;
    return c == null ? List.of() : c.losses;
  }

  /** Returns the metric names given to compile. */
  public List<String> metricNames() {
    CompileConfig c = compileConfig;
    return c == null ? List.of() : c.metricNames;
  }

  /** Returns the compile configuration, or {@code null} before compile. */
  CompileConfig compileConfig() {
    return compileConfig;
  }

  /** Returns the log names of fit and evaluate (Keras 2.x's, see {@link CompileConfig#logNames}). */
  List<String> logNames() {
    return compileConfig.logNames(outputNames());
  }

  private int stepsPerExecution = 1;

  /**
   * Runs {@code n} training steps per TensorFlow call, as Keras's {@code compile(steps_per_execution=n)}: the same
   * updates, losses and metrics as {@code n} single steps (random ops such as dropout draw other numbers);
   * callbacks see one batch per execution (begin at its first step, end at its last), as in Keras. Small models
   * train several times faster. Default 1.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Model stepsPerExecution(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("stepsPerExecution must be >= 1, but got " + n + ".");
    }
    this.stepsPerExecution = n;
    return this;
  }

  /** Returns the training steps per TensorFlow call (Keras's {@code steps_per_execution}); default 1. */
  public int stepsPerExecution() {
    return stepsPerExecution;
  }

  private Integer resumeEpoch;

  /**
   * Makes the {@code fit} that is starting begin at {@code epoch} instead of its {@code initialEpoch}, as Keras's
   * {@code model._initial_epoch}; called by {@code BackupAndRestore} from {@code onTrainBegin}.
   *
   * @throws IllegalArgumentException if negative
   */
  public void resumeAtEpoch(int epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("resumeAtEpoch: epoch must be >= 0, but got " + epoch + ".");
    }
    this.resumeEpoch = epoch;
  }

  /** Returns the epoch set by {@link #resumeAtEpoch}, or {@code fallback}, and clears it. */
  int takeResumeEpoch(int fallback) {
    Integer e = resumeEpoch;
    resumeEpoch = null;
    return e != null ? e : fallback;
  }

  /** Asks a running {@code fit} to stop after the current epoch (what EarlyStopping does). */
  public void stopTraining(boolean stop) {
    this.stopTraining = stop;
  }

  /** Returns whether a stop was requested. */
  public boolean stopTraining() {
    return stopTraining;
  }

  /**
   * Asks a running {@code evaluate} (or {@code fit}'s validation) to stop after the current batch, as Keras 3's
   * {@code model.stop_evaluating = True} set by a callback in {@code onTestBatchEnd}; the logs are then the means
   * over the batches evaluated so far. Each evaluation starts with the flag cleared.
   */
  public void stopEvaluating(boolean stop) {
    this.stopEvaluating = stop;
  }

  /** Returns whether a stop of the running evaluation was requested. */
  public boolean stopEvaluating() {
    return stopEvaluating;
  }

  /**
   * Asks a running {@code predict} to stop after the current batch, as Keras 3's {@code model.stop_predicting = True}
   * set by a callback in {@code onPredictBatchEnd}; {@code predict} then returns the rows of the batches predicted so
   * far. Each prediction starts with the flag cleared.
   */
  public void stopPredicting(boolean stop) {
    this.stopPredicting = stop;
  }

  /** Returns whether a stop of the running prediction was requested. */
  public boolean stopPredicting() {
    return stopPredicting;
  }

  /** Redirects progress and summary output (default {@code System.out}). */
  public void setOutput(PrintStream out) {
    this.out = requireNonNull(out, "out");
  }

  /** Returns where progress and summaries go. */
  PrintStream out() {
    PrintStream o = out;
    return o != null ? o : System.out;
  }

  // ---------------------------------------------------------------- fit

  /** Trains with Keras's defaults (batch size 32, one epoch, verbose 1) on arrays with class-index labels. */
  public History fit(float[][] x, int[] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains with Keras's defaults on arrays with one-hot or regression labels. */
  public History fit(float[][] x, float[][] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains with Keras's defaults on arrays with one label value per sample. */
  public History fit(float[][] x, float[] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains on arrays with class-index labels (for {@code sparse_categorical_crossentropy}). */
  public History fit(float[][] x, int[] y, FitOptions options) {
    return fitArrays(DataAdapters.rows(x, DataAdapters.toFloat(y, "y"), 1, true, "x", "y"), options);
  }

  /** Trains on arrays with one-hot or regression labels, one row per sample. */
  public History fit(float[][] x, float[][] y, FitOptions options) {
    return fitArrays(DataAdapters.rows(
        x, DataAdapters.flattenLabels(y, "y"), DataAdapters.labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Trains on arrays with one label value per sample (binary or regression). */
  public History fit(float[][] x, float[] y, FitOptions options) {
    return fitArrays(DataAdapters.rows(x, DataAdapters.column(y, "y"), 1, false, "x", "y"), options);
  }

  /**
   * Trains with Keras's defaults on token ids (a model whose input is {@code dtype("int32")}, e.g. an
   * {@code Embedding} first) with class-index labels. Ids are fed as float32, exact up to 2^24.
   *
   * @throws IllegalArgumentException if an id is beyond ±2^24 (the message names its position)
   */
  public History fit(int[][] x, int[] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains on token ids with class-index labels. */
  public History fit(int[][] x, int[] y, FitOptions options) {
    return fitArrays(DataAdapters.tokens(x, DataAdapters.toFloat(y, "y"), 1, true, "x", "y"), options);
  }

  /** Trains on token ids with one-hot or regression labels. */
  public History fit(int[][] x, float[][] y, FitOptions options) {
    return fitArrays(DataAdapters.tokens(
        x, DataAdapters.flattenLabels(y, "y"), DataAdapters.labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Trains on token ids with one label value per sample (binary or regression). */
  public History fit(int[][] x, float[] y, FitOptions options) {
    return fitArrays(DataAdapters.tokens(x, DataAdapters.column(y, "y"), 1, false, "x", "y"), options);
  }

  /** Trains with Keras's defaults on an array of any rank with class-index labels. */
  public History fit(FloatNdArray x, int[] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains with Keras's defaults on an array of any rank with one-hot or regression labels. */
  public History fit(FloatNdArray x, float[][] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains with Keras's defaults on an array of any rank with one label value per sample. */
  public History fit(FloatNdArray x, float[] y) {
    return fit(x, y, new FitOptions());
  }

  /** Trains on an array of any rank (images: {@code (n, rows, cols, channels)}) with class-index labels. */
  public History fit(FloatNdArray x, int[] y, FitOptions options) {
    return fitArrays(DataAdapters.nd(x, DataAdapters.toFloat(y, "y"), 1, true, "x", "y"), options);
  }

  /** Trains on an array of any rank with one-hot or regression labels. */
  public History fit(FloatNdArray x, float[][] y, FitOptions options) {
    return fitArrays(DataAdapters.nd(
        x, DataAdapters.flattenLabels(y, "y"), DataAdapters.labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Trains on an array of any rank with one label value per sample (binary or regression). */
  public History fit(FloatNdArray x, float[] y, FitOptions options) {
    return fitArrays(DataAdapters.nd(x, DataAdapters.column(y, "y"), 1, false, "x", "y"), options);
  }

  /**
   * Trains a model with several inputs and/or outputs, as Keras's {@code fit([x1, x2], [y1, y2])}: one array per
   * input — a {@code FloatNdArray} of any rank (samples first), {@code float[][]} rows or {@code int[][]} token
   * ids — and one label array per output (one row per sample: one-hot or regression values, or one class index
   * per row for a sparse loss), in {@link #inputs()} and {@link #outputs()} order. Shuffling and
   * {@code validationSplit} apply to all arrays in unison.
   *
   * @throws IllegalArgumentException if the number of arrays does not match the model, an array is of another
   *     type, the arrays differ in sample count, or labels do not fit an output's loss (the message names the input
   *     or output)
   * @throws IncompatibleShapeException if an array's sample shape does not match its input
   */
  public History fit(List<?> xs, List<float[][]> ys, FitOptions options) {
    return fitArrays(DataAdapters.multi(xs, requireNonNull(ys, "ys")), options);
  }

  /** Trains a multi-input model with Keras's defaults; see {@link #fit(List, List, FitOptions)}. */
  public History fit(List<?> xs, List<float[][]> ys) {
    return fit(xs, ys, new FitOptions());
  }

  /**
   * Trains a model with several inputs and one output, as Keras's {@code fit([x1, x2], y)}. (Java's
   * {@code List.of(y)} of one {@code float[][]} is a list of its rows; this overload avoids the trap.)
   */
  public History fit(List<?> xs, float[][] y, FitOptions options) {
    return fit(xs, List.<float[][]>of(requireNonNull(y, "y")), options);
  }

  /** Trains a model with several inputs and one output with one label value (or class index) per sample. */
  public History fit(List<?> xs, float[] y, FitOptions options) {
    return fit(xs, List.<float[][]>of(column(y)), options);
  }

  /** Trains a model with several inputs and one output with class-index labels. */
  public History fit(List<?> xs, int[] y, FitOptions options) {
    return fit(xs, DataAdapters.toFloat(y, "y"), options);
  }

  private static float[][] column(float[] y) {
    requireNonNull(y, "y");
    float[][] rows = new float[y.length][];
    for (int i = 0; i < y.length; i++) {
      rows[i] = new float[] {y[i]};
    }
    return rows;
  }

  /** Trains on a batch source (an iterator); labels come from the source. */
  public History fit(BatchSource source, FitOptions options) {
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    checkCompiled("fit");
    return exclusive(() -> new TrainingLoop(this).fit(source, options));
  }

  private History fitArrays(ArrayBatches all, FitOptions options) {
    requireNonNull(options, "options");
    checkCompiled("fit");
    return exclusive(() -> new TrainingLoop(this).fit(all, options));
  }

  // ---------------------------------------------------------------- evaluate

  /** Evaluates on arrays with class-index labels; returns {@code loss} and the metrics, as Keras's dict. */
  public Map<String, Double> evaluate(float[][] x, int[] y) {
    return evaluate(x, y, new EvaluateOptions());
  }

  /** Evaluates with Keras's defaults on arrays with one-hot or regression labels. */
  public Map<String, Double> evaluate(float[][] x, float[][] y) {
    return evaluate(x, y, new EvaluateOptions());
  }

  /** Evaluates with Keras's defaults on arrays with one label value per sample. */
  public Map<String, Double> evaluate(float[][] x, float[] y) {
    return evaluate(x, y, new EvaluateOptions());
  }

  /** Evaluates on arrays with class-index labels. */
  public Map<String, Double> evaluate(float[][] x, int[] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.rows(x, DataAdapters.toFloat(y, "y"), 1, true, "x", "y"), options);
  }

  /** Evaluates on arrays with one-hot or regression labels. */
  public Map<String, Double> evaluate(float[][] x, float[][] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.rows(
        x, DataAdapters.flattenLabels(y, "y"), DataAdapters.labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Evaluates on arrays with one label value per sample (binary or regression). */
  public Map<String, Double> evaluate(float[][] x, float[] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.rows(x, DataAdapters.column(y, "y"), 1, false, "x", "y"), options);
  }

  /** Evaluates with Keras's defaults on token ids with class-index labels. */
  public Map<String, Double> evaluate(int[][] x, int[] y) {
    return evaluate(x, y, new EvaluateOptions());
  }

  /** Evaluates on token ids with class-index labels. */
  public Map<String, Double> evaluate(int[][] x, int[] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.tokens(x, DataAdapters.toFloat(y, "y"), 1, true, "x", "y"), options);
  }

  /** Evaluates on token ids with one-hot or regression labels. */
  public Map<String, Double> evaluate(int[][] x, float[][] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.tokens(
        x, DataAdapters.flattenLabels(y, "y"), DataAdapters.labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Evaluates on token ids with one label value per sample. */
  public Map<String, Double> evaluate(int[][] x, float[] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.tokens(x, DataAdapters.column(y, "y"), 1, false, "x", "y"), options);
  }

  /** Evaluates on an array of any rank with class-index labels. */
  public Map<String, Double> evaluate(FloatNdArray x, int[] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.nd(x, DataAdapters.toFloat(y, "y"), 1, true, "x", "y"), options);
  }

  /** Evaluates on an array of any rank with one-hot or regression labels. */
  public Map<String, Double> evaluate(FloatNdArray x, float[][] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.nd(
        x, DataAdapters.flattenLabels(y, "y"), DataAdapters.labelWidth(y, "y"), false, "x", "y"), options);
  }

  /** Evaluates on an array of any rank with one label value per sample. */
  public Map<String, Double> evaluate(FloatNdArray x, float[] y, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.nd(x, DataAdapters.column(y, "y"), 1, false, "x", "y"), options);
  }

  /**
   * Evaluates a model with several inputs and/or outputs: one array per input, one label array per output (as
   * {@link #fit(List, List, FitOptions)}). Returns Keras's logs: {@code loss} (the sum of the outputs' losses),
   * {@code <output>_loss} per output, then {@code <output>_<metric>}.
   */
  public Map<String, Double> evaluate(List<?> xs, List<float[][]> ys, EvaluateOptions options) {
    return evaluateArrays(DataAdapters.multi(xs, requireNonNull(ys, "ys")), options);
  }

  /** Evaluates a model with several inputs and one output, as Keras's {@code evaluate([x1, x2], y)}. */
  public Map<String, Double> evaluate(List<?> xs, float[][] y, EvaluateOptions options) {
    return evaluate(xs, List.<float[][]>of(requireNonNull(y, "y")), options);
  }

  /** Evaluates a model with several inputs and one output with one label value (or class index) per sample. */
  public Map<String, Double> evaluate(List<?> xs, float[] y, EvaluateOptions options) {
    return evaluate(xs, List.<float[][]>of(column(y)), options);
  }

  /** Evaluates a model with several inputs and one output with class-index labels. */
  public Map<String, Double> evaluate(List<?> xs, int[] y, EvaluateOptions options) {
    return evaluate(xs, DataAdapters.toFloat(y, "y"), options);
  }

  /** Evaluates on a batch source. */
  public Map<String, Double> evaluate(BatchSource source, EvaluateOptions options) {
    requireNonNull(source, "source");
    requireNonNull(options, "options");
    checkCompiled("evaluate");
    return shared(() -> {
      InputChecks.check(this, source, true, "evaluate");
      return InferenceLoop.evaluate(this, source, options);
    });
  }

  private Map<String, Double> evaluateArrays(ArrayBatches all, EvaluateOptions options) {
    requireNonNull(options, "options");
    checkCompiled("evaluate");
    return evaluate((BatchSource) all.range(0, all.size(), options.batchSize(), false, 0), options);
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
    return predictArrays(DataAdapters.rows(x, null, 0, false, "x", null), options);
  }

  /** Predicts on token ids (an integer-input model) with Keras's defaults. */
  public float[][] predict(int[][] x) {
    return predict(x, new PredictOptions());
  }

  /**
   * Predicts on token ids; one row of outputs per sample.
   *
   * @throws IllegalArgumentException if an id is beyond ±2^24 (float32 could not feed it exactly)
   */
  public float[][] predict(int[][] x, PredictOptions options) {
    return predictArrays(DataAdapters.tokens(x, null, 0, false, "x", null), options);
  }

  /** Predicts on an array of any rank (images: {@code (n, rows, cols, channels)}) with Keras's defaults. */
  public float[][] predict(FloatNdArray x) {
    return predict(x, new PredictOptions());
  }

  /** Returns one row of outputs per sample of an array of any rank, in input order. */
  public float[][] predict(FloatNdArray x, PredictOptions options) {
    return predictArrays(DataAdapters.nd(x, null, 0, false, "x", null), options);
  }

  private float[][] predictArrays(ArrayBatches all, PredictOptions options) {
    requireNonNull(options, "options");
    return predict((BatchSource) all.range(0, all.size(), options.batchSize(), false, 0), options);
  }

  /**
   * Predicts with a model of several inputs and/or outputs: one array per input in {@link #inputs()} order (a
   * {@code FloatNdArray}, {@code float[][]} rows or {@code int[][]} token ids); returns one array of rows per
   * output, in {@link #outputs()} order (as Keras's list of predictions).
   *
   * @throws IllegalArgumentException if the number of arrays, their types or their sample counts do not match
   * @throws IncompatibleShapeException if an array's sample shape does not match its input
   */
  public List<float[][]> predict(List<?> xs, PredictOptions options) {
    requireNonNull(options, "options");
    ArrayBatches all = DataAdapters.multi(xs, null);
    return predictOutputs(all.range(0, all.size(), options.batchSize(), false, 0), options);
  }

  /** Predicts with a model of several inputs with Keras's defaults; see {@link #predict(List, PredictOptions)}. */
  public List<float[][]> predict(List<?> xs) {
    return predict(xs, new PredictOptions());
  }

  /** Predicts with a one-input model of any number of outputs; returns one array of rows per output. */
  public List<float[][]> predictOutputs(FloatNdArray x, PredictOptions options) {
    requireNonNull(options, "options");
    ArrayBatches all = DataAdapters.nd(x, null, 0, false, "x", null);
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
    return shared(() -> {
      InputChecks.check(this, source, false, "predict");
      return InferenceLoop.predict(this, source, options);
    });
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
    FunctionalGraph g = graph();
    if (!g.isChain()) {
      return Summary.formatGraph(this, g);
    }
    return Summary.format(this, layers(), layerOutputShapes(), List.of());
  }

  // ---------------------------------------------------------------- program and threads

  /**
   * Returns the compiled program, (re)building it when the layers, compile configuration or trainable flags
   * changed since it was built. Threads racing here build one program.
   */
  Program program(boolean training) {
    return program(training, null);
  }

  /**
   * Returns the compiled program for data of these sample shapes (one per input, without the batch; null: the
   * model's own input shapes). A model with recurrent layers whose inputs leave the number of time steps (or
   * another non-batch dimension) unknown gets a program for the data's dimensions, as {@code tf.function}
   * retraces per input shape: the unrolled loops of GRU, SimpleRNN and masked RNNs need the step count when the
   * graph is built. The cache keeps one program per length until the model changes (weights and optimizer state
   * are shared), so data of a length seen before reuses its program.
   */
  Program program(boolean training, List<long[]> sampleShapes) {
    if (!isBuilt()) {
      throw new IllegalStateException(
          "Model '" + name() + "' has no input shape; give the first layer an inputShape(...) or call fit/predict"
              + " with data.");
    }
    CompileConfig config = compileConfig;
    List<Object> signature = new ArrayList<>();
    signature.add(config == null ? List.of() : config);
    signature.add(trainable());
    for (Layer layer : flatLayers()) {
      signature.add(layer);
      signature.add(layer.trainable());
    }
    List<Shape> shapes = programInputShapes(sampleShapes);
    List<String> shapeKey = shapes.stream().map(sh -> java.util.Arrays.toString(sh.asArray())).toList();
    return programs.get(signature, shapeKey, training, () -> compileProgram(config, shapes));
  }

  /**
   * The model's input shapes, with the unknown non-batch dimensions taken from the data where the model has
   * recurrent layers (which unroll over a known number of steps).
   */
  private List<Shape> programInputShapes(List<long[]> sampleShapes) {
    List<Shape> shapes = new ArrayList<>();
    for (Shape declared : inputShapes()) {
      // A declared batch size (stateful RNNs) is checked by the layers that need it, with their own message.
      long[] dims = declared.asArray();
      if (dims.length > 0) {
        dims[0] = -1;
      }
      shapes.add(Shape.of(dims));
    }
    if (sampleShapes == null || sampleShapes.size() != shapes.size()
        || flatLayers().stream().noneMatch(l -> l instanceof io.github.keras4j.layers.Recurrent
            || l instanceof io.github.keras4j.layers.Bidirectional)) {
      return shapes;
    }
    List<Shape> out = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      long[] dims = shapes.get(i).asArray();
      long[] data = sampleShapes.get(i);
      if (data != null && data.length == dims.length - 1) {
        for (int d = 1; d < dims.length; d++) {
          if (dims[d] < 0 && data[d - 1] > 0) {
            dims[d] = data[d - 1];
          }
        }
      }
      out.add(Shape.of(dims));
    }
    return out;
  }

  /**
   * Checks that validation data runs on the training program: with recurrent layers over an unknown number of
   * steps, both must have the same step count.
   *
   * @throws IllegalArgumentException if they do not
   */
  void checkSameProgram(List<long[]> train, List<long[]> validation) {
    List<Shape> a = programInputShapes(train);
    List<Shape> b = programInputShapes(validation);
    for (int i = 0; i < a.size() && i < b.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i).asArray(), b.get(i).asArray())) {
        throw new IllegalArgumentException(
            "Model '" + name() + "': the validation data has input shape " + io.github.keras4j.layers.Shapes.format(b.get(i))
                + " but the training data " + io.github.keras4j.layers.Shapes.format(a.get(i)) + "; the recurrent layers are unrolled over"
                + " the training data's number of steps, so pad both to one length (pad_sequences).");
      }
    }
  }

  private Program compileProgram(CompileConfig config, List<Shape> inputShapes) {
    List<Loss> outputLosses = null;
    List<List<Metric>> metrics = null;
    Optimizer optimizer = null;
    if (config != null) {
      config.checkLossCount(name(), outputNames());
      outputLosses = config.outputLosses(numOutputs());
      metrics = config.outputMetrics(outputShapes());
      optimizer = config.optimizer;
    }
    List<Weight> variables = new ArrayList<>(weights());
    variables.addAll(stateVariables());
    return Program.compile(new Program.Spec(
        inputShapes, this::callAll, variables, trainableWeights(), optimizer, outputLosses, metrics,
        KerasContext.current().nextSeed()));
  }

  /** Builds a deferred model for samples of this shape, once even when threads race here. */
  void buildIfNeeded(long[] sampleShape) {
    synchronized (structureLock) {
      if (!isBuilt()) {
        buildFor(sampleShape);
      }
    }
  }

  /** Runs {@code body} as predict/evaluate do: alongside other such calls, never during fit. */
  private <T> T shared(java.util.function.Supplier<T> body) {
    usage.readLock().lock();
    try {
      return body.get();
    } finally {
      usage.readLock().unlock();
    }
  }

  /** Runs {@code body} as fit does: alone (other calls wait; callbacks on this thread may predict). */
  private <T> T exclusive(java.util.function.Supplier<T> body) {
    usage.writeLock().lock();
    try {
      return body.get();
    } finally {
      usage.writeLock().unlock();
    }
  }

  /**
   * Frees the TensorFlow graph and session after running calls finish; weights keep their values and the model
   * can be used again.
   */
  @Override
  public void close() {
    exclusive(() -> {
      programs.close();
      return null;
    });
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
    SavingService.get().save(this, path);
  }

  /** Saves to a path given as a string; see {@link #save(java.nio.file.Path)}. */
  public void save(String path) throws java.io.IOException {
    save(java.nio.file.Path.of(requireNonNull(path, "path")));
  }

  /** Saves the weights to a path given as a string; see {@link #saveWeights(java.nio.file.Path)}. */
  public void saveWeights(String path) throws java.io.IOException {
    saveWeights(java.nio.file.Path.of(requireNonNull(path, "path")));
  }

  /** Loads weights from a path given as a string; see {@link #loadWeights(java.nio.file.Path)}. */
  public void loadWeights(String path) throws java.io.IOException {
    loadWeights(java.nio.file.Path.of(requireNonNull(path, "path")));
  }

  /**
   * Returns the whole model as the bytes of a Keras file: {@code "keras"} (Keras 3 archive) or {@code "h5"}
   * (legacy HDF5), as {@link #save} would write it; {@link Models#load(byte[])} reads them back. No file is left
   * behind.
   *
   * @throws IllegalArgumentException for another format name
   */
  public byte[] toBytes(String format) throws java.io.IOException {
    return SavingService.get().toBytes(this, format);
  }

  /**
   * Saves the weights only, as Keras's {@code save_weights}: {@code *.weights.h5} → Keras 3's layout, another
   * {@code .h5} → Keras 2's.
   */
  public void saveWeights(java.nio.file.Path path) throws java.io.IOException {
    SavingService.get().saveWeights(this, path);
  }

  /**
   * Loads weights saved by Keras4J or Python Keras into this model, layer by layer in order, as Keras's
   * {@code load_weights}.
   *
   * @throws io.github.keras4j.saving.KerasFileException if the file is malformed or does not match the model
   */
  public void loadWeights(java.nio.file.Path path) throws java.io.IOException {
    SavingService.get().loadWeights(this, path);
  }

  /** Returns the architecture as Keras's {@code to_json()}; {@link Models#fromJson} reads it back. */
  public String toJson() {
    return SavingService.get().toJson(this);
  }

  /** Returns the architecture as Keras 2's {@code to_yaml()}; {@link Models#fromYaml} reads it back. */
  public String toYaml() {
    return SavingService.get().toYaml(this);
  }

  // ---------------------------------------------------------------- checks

  private void checkCompiled(String what) {
    if (!isCompiled()) {
      throw new IllegalStateException(
          "Model '" + name() + "' is not compiled. Call compile(...) before " + what + "().");
    }
  }
}
