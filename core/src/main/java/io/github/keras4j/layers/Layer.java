package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.KerasContext;
import io.github.keras4j.constraints.Constraint;
import io.github.keras4j.constraints.Constraints;
import io.github.keras4j.regularizers.Regularizer;
import io.github.keras4j.regularizers.Regularizers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The base of every layer, and the extension point for custom ones (Keras's {@code keras.layers.Layer}).
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li><b>Configure</b>: constructor and fluent setters, each validating its value. No TensorFlow work happens
 *       here. Once built, setters throw {@link IllegalStateException}.
 *   <li><b>Build</b>: when the layer joins a model whose input shape is known, the framework calls
 *       {@link #build(BuildContext, Shape)} once with the input shape; the layer creates its weights there with
 *       {@link BuildContext#addWeight}. A subclass never calls its own {@code build}.
 *   <li><b>Call</b>: each time a model compiles, the framework calls {@link #call(Ops, Operand, CallContext)} to
 *       add the forward pass to the TensorFlow graph (twice: a training and an inference flavour).
 * </ol>
 * {@link #trainable(boolean)} may change at any time; it takes effect at the next {@code compile} or {@code fit}.
 *
 * <h2>Writing a layer</h2>
 * Implement {@code build} (if it has weights), {@code call}, {@link #computeOutputShape(Shape)} and, to save and
 * load it, {@link #getConfig()}:
 *
 * <pre>{@code
 * public final class Scale extends Layer {            // y = x * factor, one learned factor per feature
 *   private final double initial;
 *   private Weight factor;
 *
 *   public Scale(double initial) {                     // hyperparameters: validated, no TensorFlow work
 *     if (!(initial > 0)) {
 *       throw new IllegalArgumentException("Scale: initial must be positive, but got initial=" + initial + ".");
 *     }
 *     this.initial = initial;
 *   }
 *
 *   protected void build(BuildContext ctx, Shape inputShape) {
 *     factor = ctx.addWeight("factor", Shape.of(inputShape.size(-1)), new Constant(initial), true);
 *   }
 *
 *   public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
 *     return tf.math.mul(x, ctx.read(factor));
 *   }
 *
 *   public Shape computeOutputShape(Shape inputShape) {
 *     return inputShape;
 *   }
 *
 *   public Map<String, Object> getConfig() {           // name, trainable, … plus the layer's own keys
 *     Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
 *     config.put("initial", initial);
 *     return config;
 *   }
 *
 *   public static Scale fromConfig(Map<String, Object> config) {
 *     return Configs.applyCommon(new Scale(((Number) config.getOrDefault("initial", 1.0)).doubleValue()), config);
 *   }
 * }
 *
 * // Makes "Scale" loadable from JSON, .h5 and .keras files: list this class in
 * // META-INF/services/io.github.keras4j.layers.LayerFactory
 * public final class MyLayers implements LayerFactory {
 *   public Map<String, Function<Map<String, Object>, Layer>> layers() {
 *     return Map.of("Scale", Scale::fromConfig);
 *   }
 * }
 * }</pre>
 *
 * <p>Test a layer with the layer test kit that Keras4J's own layers pass ({@code LayerTestKit} in the
 * {@code keras4j-core} test jar, classifier {@code tests}): shape inference, config round trip, forward reference,
 * gradients against finite differences and one training step.
 *
 * <p>Layer names are unique like Keras's: a layer without an explicit {@link #name(String)} gets
 * {@code <snake_case class name>}, {@code …_1}, … from the Keras session the first time its name is needed.
 */
public abstract class Layer {
  private String name;
  private boolean trainable = true;
  private long[] declaredInputShape;
  private long declaredBatchSize = -1;
  private Shape builtInputShape;
  private List<Weight> weights = List.of();
  private final List<Node> inboundNodes = new ArrayList<>();
  private final Map<String, Regularizer> weightRegularizers = new LinkedHashMap<>();
  private final Map<String, Constraint> weightConstraints = new LinkedHashMap<>();
  private Regularizer activityRegularizer;

  /** Creates an unconfigured layer. */
  protected Layer() {}

  // ---------------------------------------------------------------- configuration

  /** Returns the layer's unique name, assigning one from the Keras session if none was given. */
  public final synchronized String name() {
    if (name == null) {
      name = KerasContext.current().uniqueName(defaultNameBase(), !(this instanceof InputLayer));
    }
    return name;
  }

  /** Returns the base of generated names: Keras's snake case of the class name ({@code max_pooling2d}). */
  protected String defaultNameBase() {
    return KerasContext.toSnakeCase(getClass().getSimpleName());
  }

  /**
   * Sets the layer's name.
   *
   * @throws IllegalArgumentException if empty or containing {@code /}
   * @throws IllegalStateException if the layer is already built
   */
  public Layer name(String name) {
    requireNonNull(name, "name");
    if (nameFixedOnceBuilt()) {
      checkNotBuilt("name");
    }
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException(
          className() + ": name must be non-empty and must not contain '/', but got name='" + name + "'.");
    }
    synchronized (this) {
      this.name = name;
    }
    return this;
  }

  /**
   * Whether {@link #name(String)} is refused once the layer is built (true: a layer's weights carry its name). A
   * model returns false: its name may change after it is built, as Keras allows.
   */
  protected boolean nameFixedOnceBuilt() {
    return true;
  }

  /** Returns whether the layer's weights are updated by training. */
  public boolean trainable() {
    return trainable;
  }

  /** Freezes ({@code false}) or unfreezes the layer; takes effect at the next compile or fit. */
  public Layer trainable(boolean trainable) {
    this.trainable = trainable;
    return this;
  }

  /**
   * Declares the shape of one input sample (without the batch dimension), as Keras's {@code input_shape}; only
   * the first layer of a {@code Sequential} needs it.
   *
   * @throws IllegalArgumentException if a dimension is neither positive nor -1 (unknown)
   */
  public Layer inputShape(int... sampleShape) {
    requireNonNull(sampleShape, "sampleShape");
    checkNotBuilt("inputShape");
    long[] dims = new long[sampleShape.length];
    for (int i = 0; i < sampleShape.length; i++) {
      if (sampleShape[i] <= 0 && sampleShape[i] != -1) {
        throw new IllegalArgumentException(
            className() + ": every inputShape dimension must be positive (or -1 for unknown, Keras's None),"
                + " but got inputShape="
                + java.util.Arrays.toString(sampleShape) + ".");
      }
      dims[i] = sampleShape[i];
    }
    this.declaredInputShape = dims;
    return this;
  }

  /**
   * Declares a fixed batch size along with {@link #inputShape}, as Keras's {@code batch_size} argument (the first
   * entry of {@code batch_input_shape}); only stateful recurrent layers need one. Only the first layer of a
   * {@code Sequential} uses it.
   *
   * @throws IllegalArgumentException if {@code batchSize} is not positive
   */
  public Layer batchSize(int batchSize) {
    checkNotBuilt("batchSize");
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          className() + ": batchSize must be positive, but got batchSize=" + batchSize + ".");
    }
    this.declaredBatchSize = batchSize;
    return this;
  }

  /**
   * Returns the declared batch input shape {@code (None, …)} ({@code (batchSize, …)} with a {@link #batchSize}),
   * or {@code null} if none was declared.
   */
  public Shape declaredInputShape() {
    if (declaredInputShape == null) {
      return null;
    }
    long[] dims = Shapes.batchOf(declaredInputShape).asArray();
    dims[0] = declaredBatchSize;
    return Shape.of(dims);
  }

  /** Returns the Keras class name written in configs; the Java simple class name by default. */
  public String className() {
    return getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- lifecycle

  /** Returns whether the layer has been built (its weights exist); a model overrides it (its layers are built). */
  public boolean isBuilt() {
    return builtInputShape != null;
  }

  /** Returns the input shape the layer was built for, or {@code null} before it is built. */
  public final Shape builtInputShape() {
    return builtInputShape;
  }

  /**
   * Framework entry point: builds the layer for {@code inputShape} if it is not built yet, or checks that an
   * already built layer accepts the shape. Returns the output shape.
   *
   * @throws IncompatibleShapeException if the shape cannot be accepted
   */
  public final Shape ensureBuilt(Shape inputShape) {
    requireNonNull(inputShape, "inputShape");
    if (builtInputShape != null) {
      // As Keras's InputSpec: a built layer takes any input of the same rank and the same last (feature) axis.
      boolean sameRank = builtInputShape.numDimensions() == inputShape.numDimensions();
      long builtLast = builtInputShape.numDimensions() == 0 ? -1 : builtInputShape.size(-1);
      long last = inputShape.numDimensions() == 0 ? -1 : inputShape.size(-1);
      if (!sameRank || (!weights.isEmpty() && builtLast >= 0 && last >= 0 && builtLast != last)) {
        throw IncompatibleShapeException.forInput(
            name(), 0, (sameRank
                ? "expected axis -1 of input shape to have value " + builtLast
                : "expected ndim=" + builtInputShape.numDimensions() + ", found ndim=" + inputShape.numDimensions())
                + " (it was built for " + Shapes.format(builtInputShape) + ")",
            Shapes.format(builtInputShape), inputShape);
      }
      return computeOutputShape(inputShape);
    }
    Shape output = computeOutputShape(inputShape);
    BuildContext ctx = new BuildContext(this);
    build(ctx, inputShape);
    List<Weight> created = new ArrayList<>(ctx.created());
    this.weights = Collections.unmodifiableList(created);
    this.builtInputShape = inputShape;
    return output;
  }

  /**
   * Framework entry point for layers with several inputs (merge layers): builds for these shapes if needed and
   * returns the output shape. One shape delegates to {@link #ensureBuilt(Shape)}.
   */
  public final Shape ensureBuilt(List<Shape> inputShapes) {
    requireNonNull(inputShapes, "inputShapes");
    if (inputShapes.size() == 1) {
      return ensureBuilt(inputShapes.get(0));
    }
    Shape output = computeOutputShape(inputShapes);
    if (builtInputShape == null) {
      BuildContext ctx = new BuildContext(this);
      build(ctx, inputShapes);
      this.weights = Collections.unmodifiableList(new ArrayList<>(ctx.created()));
      this.builtInputShape = inputShapes.get(0);
    }
    return output;
  }

  /** Creates the weights of a layer with several inputs; the default creates none. */
  protected void build(BuildContext ctx, List<Shape> inputShapes) {}

  /**
   * Returns the output shape for several inputs; layers with one input accept a list of one.
   *
   * @throws IncompatibleShapeException if the layer takes one input and got several
   */
  public Shape computeOutputShape(List<Shape> inputShapes) {
    if (inputShapes.size() == 1) {
      return computeOutputShape(inputShapes.get(0));
    }
    throw new IncompatibleShapeException(
        name(), "1 input", inputShapes.size() + " inputs",
        "Layer '" + name() + "' expects 1 input, but it received " + inputShapes.size() + " input tensors.");
  }

  /** Adds the forward pass for several inputs; layers with one input accept a list of one. */
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(
          "Layer '" + name() + "' expects 1 input, but it received " + inputs.size() + " input tensors.");
    }
    return call(tf, inputs.get(0), ctx);
  }

  // ---------------------------------------------------------------- masks

  /**
   * Whether this layer passes an input mask through unchanged (Keras's {@code supports_masking}); default false.
   * Element-wise layers (activations, dropout, normalization over features) return true so that a padding mask
   * made by {@code Embedding(maskZero)} or {@code Masking} reaches the recurrent layer after them.
   */
  public boolean supportsMasking() {
    return false;
  }

  /**
   * Returns the mask of this layer's output (Keras's {@code compute_mask}): a bool tensor {@code [batch, steps]}
   * or null. Default: the first input's mask when {@link #supportsMasking()}, otherwise null (the mask stops here,
   * as Keras 3). The forward path calls it right after {@link #call(Ops, List, CallContext)} with the same
   * inputs; layers that make a mask ({@code Embedding} with {@code mask_zero}) or consume one (a recurrent layer
   * that returns only its last state) override it.
   *
   * @param tf the ops factory of the graph being compiled
   * @param inputs the layer's inputs of this call
   * @param masks one entry per input: its mask, or null where the input carries none
   */
  public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    if (!supportsMasking() || masks == null || masks.isEmpty()) {
      return null;
    }
    return masks.get(0);
  }

  // ---------------------------------------------------------------- functional API

  /**
   * Calls the layer on symbolic tensors (Keras's {@code layer(x)}): builds it for their shapes if needed, records
   * the call as a {@link Node} and returns the output tensor. A recurrent layer also takes its initial states
   * after the sequence (Keras's {@code initial_state}): {@code decoder.apply(x, h, c)}.
   *
   * @throws IncompatibleShapeException if the layer cannot take the tensors' shapes (names layer and shapes)
   * @throws IllegalArgumentException if the layer returns several tensors (then use {@link #applyMulti})
   */
  public final KerasTensor apply(KerasTensor... inputs) {
    requireNonNull(inputs, "inputs");
    return apply(List.of(inputs));
  }

  /** Calls the layer on a list of symbolic tensors (merge layers take several); see {@link #apply(KerasTensor...)}. */
  public final KerasTensor apply(List<KerasTensor> inputs) {
    int count = outputCount();
    if (count != 1) {
      throw new IllegalArgumentException(
          className() + " '" + name() + "' returns " + count + " tensors (" + multiOutputReason() + "), so apply()"
              + " cannot return one; call applyMulti(...) instead, e.g. List<KerasTensor> outs = layer.applyMulti(x),"
              + " and pick the tensors by index.");
    }
    return applyMulti(inputs).get(0);
  }

  /**
   * Calls the layer on symbolic tensors and returns all its output tensors, as Keras's {@code layer(x)} returns a
   * list for multi-output layers: e.g. {@code [output, h, c]} for an {@link LSTM} with {@code returnState(true)}.
   * Works for single-output layers too (a list of one).
   *
   * <pre>{@code
   * List<KerasTensor> enc = new LSTM(64).returnState(true).applyMulti(encoderInputs);   // [output, h, c]
   * KerasTensor dec = new LSTM(64).returnSequences(true).apply(decoderInputs, enc.get(1), enc.get(2));
   * }</pre>
   *
   * @throws IncompatibleShapeException if the layer cannot take the tensors' shapes (names layer and shapes)
   */
  public final List<KerasTensor> applyMulti(KerasTensor... inputs) {
    requireNonNull(inputs, "inputs");
    return applyMulti(List.of(inputs));
  }

  /** Calls the layer on a list of symbolic tensors and returns all its outputs; see {@link #applyMulti(KerasTensor...)}. */
  public final List<KerasTensor> applyMulti(List<KerasTensor> inputs) {
    requireNonNull(inputs, "inputs");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("Layer '" + name() + "' was called on an empty list of tensors.");
    }
    if (this instanceof InputLayer) {
      throw new IllegalStateException(
          "InputLayer '" + name() + "' cannot be called on tensors; use its output() (or Input.shape(...)).");
    }
    name();
    List<Shape> shapes = inputs.stream().map(KerasTensor::shape).toList();
    Shape output = inputs.size() == 1 ? ensureBuilt(shapes.get(0)) : ensureBuilt(shapes);
    List<Shape> outputs = outputCount() == 1 ? List.of(output) : computeOutputShapes(shapes);
    Node node = new Node(this, inputs, outputs);
    inboundNodes.add(node);
    return node.outputs();
  }

  // ---------------------------------------------------------------- multi-output layers

  /**
   * Returns how many tensors one call of this layer returns: 1 for most layers; a recurrent layer with
   * {@code returnState} returns its states too, a {@link Bidirectional} with {@code mergeMode(null)} both
   * directions. Multi-output layers are called with {@link #applyMulti} and override {@link #computeOutputShapes}
   * and {@link #callOutputs}.
   */
  public int outputCount() {
    return 1;
  }

  /** Says why the layer has several outputs, for error messages (e.g. {@code return_state=true}). */
  protected String multiOutputReason() {
    return "a multi-output layer";
  }

  /**
   * Returns the shapes of all outputs for these input shapes ({@link #outputCount()} entries); the default is
   * {@link #computeOutputShape(List)}.
   */
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    return List.of(computeOutputShape(inputShapes));
  }

  /**
   * Adds the forward pass and returns all outputs ({@link #outputCount()} entries); the default is
   * {@link #call(Ops, List, CallContext)}. The model's forward path calls this.
   */
  public List<Operand<TFloat32>> callOutputs(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    return List.of(call(tf, inputs, ctx));
  }

  /**
   * Returns the masks of all outputs (null entries where an output has none), as Keras's {@code compute_mask}
   * for multi-output layers; the default is {@link #computeMask} for the only output.
   */
  public List<Operand<TBool>> computeMasks(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    return Collections.singletonList(computeMask(tf, inputs, masks));
  }

  /** Returns the layer's calls so far, in order (an unmodifiable view). */
  public final List<Node> inboundNodes() {
    return Collections.unmodifiableList(inboundNodes);
  }

  /** Forgets a call (when a Sequential model pops the layer; {@code LayerInternals#removeInboundNode}). */
  final void removeInboundNode(Node node) {
    inboundNodes.remove(node);
  }

  /** Records a node without inputs (input layers). */
  final Node addSourceNode(Shape outputShape) {
    Node node = new Node(this, List.of(), List.of(outputShape));
    inboundNodes.add(node);
    return node;
  }

  /**
   * Returns the output tensor of the layer's only call, as Keras's {@code layer.output}.
   *
   * @throws IllegalStateException if the layer was never called, or called more than once (then use
   *     {@link #outputAt(int)}), or returns several tensors (then use {@link #outputs()})
   */
  public KerasTensor output() {
    Node node = singleNode("output");
    if (node.outputs().size() != 1) {
      throw new IllegalStateException(
          "Layer '" + name() + "' returns " + node.outputs().size() + " tensors; use outputs() to get them all.");
    }
    return node.output();
  }

  /** Returns all output tensors of the layer's only call (Keras's {@code layer.output} of a multi-output layer). */
  public List<KerasTensor> outputs() {
    return singleNode("output").outputs();
  }

  /** Returns the output tensor of call {@code nodeIndex}, as Keras's {@code get_output_at}. */
  public KerasTensor outputAt(int nodeIndex) {
    return nodeAt(nodeIndex).output();
  }

  /**
   * Returns the input tensor of the layer's only call, as Keras's {@code layer.input}.
   *
   * @throws IllegalStateException if the layer was never called or called more than once, or has several inputs
   */
  public KerasTensor input() {
    Node node = singleNode("input");
    if (node.inputs().size() != 1) {
      if (this instanceof InputLayer) {
        return node.output();
      }
      throw new IllegalStateException(
          "Layer '" + name() + "' has " + node.inputs().size() + " inputs; use inboundNodes().get(0).inputs().");
    }
    return node.inputs().get(0);
  }

  private Node singleNode(String what) {
    if (inboundNodes.isEmpty()) {
      throw new IllegalStateException(
          "Layer '" + name() + "' has never been called and thus has no defined " + what + ".");
    }
    if (inboundNodes.size() > 1) {
      throw new IllegalStateException(
          "Layer '" + name() + "' has multiple inbound nodes, hence the notion of \"layer " + what
              + "\" is ill-defined. Use " + what + "At(nodeIndex) instead.");
    }
    return inboundNodes.get(0);
  }

  private Node nodeAt(int index) {
    if (index < 0 || index >= inboundNodes.size()) {
      throw new IndexOutOfBoundsException(
          "Layer '" + name() + "' has " + inboundNodes.size() + " inbound nodes, but got index " + index + ".");
    }
    return inboundNodes.get(index);
  }

  private static Shape stripBatch(Shape s) {
    return s.numDimensions() == 0 ? s : s.tail();
  }

  /**
   * Creates the layer's weights for this input shape (batch dimension first, {@code -1}). Called once by the
   * framework; the default creates none.
   */
  protected void build(BuildContext ctx, Shape inputShape) {}

  /**
   * Adds the forward pass to the graph.
   *
   * @param tf the ops factory of the graph being compiled
   * @param x the input, of the shape the layer was built for
   * @param ctx the training flag and weight access
   */
  public abstract Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx);

  /**
   * Returns the output shape for an input shape, without touching TensorFlow; validates the input shape.
   *
   * @throws IncompatibleShapeException if the layer cannot accept the shape
   */
  public abstract Shape computeOutputShape(Shape inputShape);

  /**
   * Returns the layer's Keras config (the {@code config} dict of {@code get_config()}), with Keras's key names.
   * Subclasses add their hyperparameters to {@code super.getConfig()}.
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name());
    config.put("trainable", trainable);
    if (declaredInputShape != null) {
      List<Object> batchInputShape = new ArrayList<>();
      batchInputShape.add(declaredBatchSize > 0 ? (Object) (int) declaredBatchSize : null);
      for (long d : declaredInputShape) {
        batchInputShape.add(d < 0 ? null : (Object) (int) d);
      }
      config.put("batch_input_shape", batchInputShape);
    }
    config.put("dtype", "float32");
    return config;
  }

  // ---------------------------------------------------------------- regularizers and constraints

  /** Returns the penalty on this layer's output added to the loss (Keras's {@code activity_regularizer}), or null. */
  public Regularizer activityRegularizer() {
    return activityRegularizer;
  }

  /**
   * Sets the penalty on the layer's output added to the training loss, as Keras's {@code activity_regularizer}:
   * {@code loss += regularizer(output)} (Keras 3; not divided by the batch size). Null removes it.
   *
   * @throws IllegalStateException once the layer is built
   */
  public Layer activityRegularizer(Regularizer regularizer) {
    checkNotBuilt("activityRegularizer");
    this.activityRegularizer = regularizer;
    return this;
  }

  /**
   * Returns the regularizer set for a weight by its Keras config prefix ({@code kernel} for
   * {@code kernel_regularizer}, {@code depthwise} for {@code depthwise_regularizer}), or null.
   */
  public Regularizer weightRegularizer(String key) {
    return weightRegularizers.get(key);
  }

  /** Returns the constraint set for a weight by its Keras config prefix ({@code kernel}, {@code bias}, …), or null. */
  public Constraint weightConstraint(String key) {
    return weightConstraints.get(key);
  }

  /**
   * Sets the regularizer of the weight(s) a Keras config key prefix names: {@code "kernel"} for
   * {@code kernel_regularizer}. Layers expose typed setters ({@code Dense.kernelRegularizer}) that call this; a
   * custom layer gets the same behaviour for the weights it creates through {@link BuildContext#addWeight}.
   *
   * @throws IllegalStateException once the layer is built
   */
  public Layer weightRegularizer(String key, Regularizer regularizer) {
    requireNonNull(key, "key");
    checkNotBuilt(key + "Regularizer");
    if (regularizer == null) {
      weightRegularizers.remove(key);
    } else {
      weightRegularizers.put(key, regularizer);
    }
    return this;
  }

  /**
   * Sets the constraint of the weight(s) a Keras config key prefix names ({@code "kernel"} for
   * {@code kernel_constraint}); applied after every optimizer update.
   *
   * @throws IllegalStateException once the layer is built
   */
  public Layer weightConstraint(String key, Constraint constraint) {
    requireNonNull(key, "key");
    checkNotBuilt(key + "Constraint");
    if (constraint == null) {
      weightConstraints.remove(key);
    } else {
      weightConstraints.put(key, constraint);
    }
    return this;
  }

  /**
   * Framework hook: adds this layer's activity penalty on {@code output} to the context's losses, if it has an
   * activity regularizer. The model's forward pass calls it after {@link #call}.
   */
  public final void addActivityLoss(Ops tf, Operand<TFloat32> output, CallContext ctx) {
    if (activityRegularizer != null) {
      ctx.addLoss(activityRegularizer.penalty(tf, output));
    }
  }

  /** Puts {@code <key>_regularizer} and {@code <key>_constraint} of these prefixes into a config, as Keras does. */
  protected final void putRegularizerConfigs(Map<String, Object> config, String... keys) {
    for (String key : keys) {
      config.put(key + "_regularizer", Regularizers.serialize(weightRegularizers.get(key)));
    }
    config.put("activity_regularizer", Regularizers.serialize(activityRegularizer));
    for (String key : keys) {
      config.put(key + "_constraint", Constraints.serialize(weightConstraints.get(key)));
    }
  }

  /** Throws {@link IllegalStateException} naming the setting if the layer is already built. */
  protected final void checkNotBuilt(String setting) {
    if (isBuilt()) {
      throw new IllegalStateException(
          className() + " '" + name() + "': cannot change " + setting
              + " after the layer is built; configure layers before adding them to a model, or create a new"
              + " layer.");
    }
  }

  // ---------------------------------------------------------------- weights

  /**
   * Returns the layer's weights in Keras's order: trainable weights first, then non-trainable ones (all are
   * non-trainable while the layer is frozen).
   */
  public List<Weight> weights() {
    if (trainable) {
      List<Weight> ordered = new ArrayList<>(trainableWeights());
      ordered.addAll(nonTrainableWeights());
      return Collections.unmodifiableList(ordered);
    }
    return weights;
  }

  /** Returns the weights that training updates: none while the layer is frozen. */
  public List<Weight> trainableWeights() {
    if (!trainable) {
      return List.of();
    }
    return weights.stream().filter(Weight::isTrainable).toList();
  }

  /** Returns the weights that training does not update by gradient. */
  public List<Weight> nonTrainableWeights() {
    if (!trainable) {
      return weights;
    }
    return weights.stream().filter(w -> !w.isTrainable()).toList();
  }

  /** Returns the number of values in all weights. */
  public long countParams() {
    return weights.stream().mapToLong(Weight::size).sum();
  }

  /**
   * Returns what messages call this object: {@code "Layer"}, or {@code "Model"} for models.
   */
  protected String kind() {
    return "Layer";
  }

  /** Returns copies of the weight values, in {@link #weights()} order, as Keras's {@code get_weights()}. */
  public List<FloatNdArray> getWeights() {
    return weights().stream().map(Weight::readNd).toList();
  }

  /**
   * Sets the weight values, in {@link #weights()} order, as Keras's {@code set_weights()}.
   *
   * @throws IllegalArgumentException if the count or a shape does not match
   */
  public void setWeights(List<? extends FloatNdArray> values) {
    requireNonNull(values, "values");
    List<Weight> ws = weights();
    if (values.size() != ws.size()) {
      throw new IllegalArgumentException(
          kind() + " '" + name() + "' has " + ws.size() + " weights, but setWeights got " + values.size()
              + " arrays.");
    }
    for (int i = 0; i < ws.size(); i++) {
      ws.get(i).checkShape(values.get(i));
    }
    for (int i = 0; i < ws.size(); i++) {
      ws.get(i).assign(values.get(i));
    }
  }

  @Override
  public String toString() {
    return className() + "(name=" + (name == null ? "<unnamed>" : name) + ")";
  }
}
