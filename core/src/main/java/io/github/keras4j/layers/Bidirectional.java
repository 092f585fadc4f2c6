package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the sequence and merges both outputs, as Keras's
 * {@code Bidirectional}.
 *
 * <p>The forward layer is a copy of {@code layer} named {@code forward_<name>}; the backward layer is a copy with
 * {@code go_backwards} flipped named {@code backward_<name>}, or a {@link #backwardLayer(Recurrent) layer of its
 * own}. With {@code return_sequences} the backward output is reversed back to input order before merging.
 * {@code mergeMode}: {@code concat} (default; output {@code units_f + units_b}), {@code sum}, {@code ave},
 * {@code mul}, or {@code null} (Keras's {@code merge_mode=None}: two outputs {@code [forward, backward]}, called
 * with {@link Layer#applyMulti}). With {@code returnState} on the wrapped layer the final states follow the
 * output(s): the forward layer's, then the backward layer's ({@code [out, h_f, c_f, h_b, c_b]} for LSTM). Initial
 * states given after the sequence go the same way: the first half to the forward layer. Weights:
 * the forward layer's, then the backward layer's ({@code forward_lstm/kernel}, …). Masks: each direction skips
 * masked steps; with return_sequences a masked step outputs zeros (Keras's {@code zero_output_for_mask}).
 *
 * <pre>{@code
 * new Bidirectional(new LSTM(32).returnSequences(true)).mergeMode("sum")
 * }</pre>
 */
public class Bidirectional extends Layer implements NestedWeights {
  private static final List<String> MODES = List.of("concat", "sum", "ave", "mul");

  private final Recurrent<?> layer;
  private Recurrent<?> backwardTemplate;
  private Recurrent<?> forward;
  private Recurrent<?> backward;
  private String mergeMode = "concat";

  /**
   * Wraps a recurrent layer (LSTM, GRU, SimpleRNN).
   *
   * @param layer the layer to run in both directions; it is copied, not used itself
   */
  public Bidirectional(Recurrent<?> layer) {
    this.layer = requireNonNull(layer, "layer");
  }

  /** Returns the wrapped layer (the template of both directions). */
  public Recurrent<?> layer() {
    return layer;
  }

  /** Returns the forward layer, or null before build. */
  public Recurrent<?> forwardLayer() {
    return forward;
  }

  /** Returns the backward layer, or null before build. */
  public Recurrent<?> backwardLayer() {
    return backward;
  }

  /** Returns the merge mode ({@code null}: Keras's None, two separate outputs). */
  public String mergeMode() {
    return mergeMode;
  }

  /**
   * Sets how both outputs are merged: {@code concat} (default), {@code sum}, {@code ave}, {@code mul}, or
   * {@code null} for two separate outputs (Keras's None; call the layer with {@link Layer#applyMulti}).
   *
   * @throws IllegalArgumentException for another value
   */
  public Bidirectional mergeMode(String mode) {
    checkNotBuilt("mergeMode");
    if (mode != null && !MODES.contains(mode)) {
      throw new IllegalArgumentException(
          "Bidirectional: invalid merge_mode '" + mode + "'. Merge mode should be one of " + MODES
              + " or None (null).");
    }
    this.mergeMode = mode;
    return this;
  }

  /**
   * Uses a backward layer of its own (Keras's {@code backward_layer}); it must have {@code goBackwards(true)} and
   * the same returnSequences as the forward layer.
   *
   * @throws IllegalArgumentException if it does not
   */
  public Bidirectional backwardLayer(Recurrent<?> backwardLayer) {
    checkNotBuilt("backwardLayer");
    requireNonNull(backwardLayer, "backwardLayer");
    if (backwardLayer.returnSequences() != layer.returnSequences()) {
      throw new IllegalArgumentException(
          "Bidirectional: forward layer has return_sequences=" + layer.returnSequences()
              + " but backward layer has return_sequences=" + backwardLayer.returnSequences()
              + "; give both the same value.");
    }
    if (backwardLayer.returnState() != layer.returnState()) {
      throw new IllegalArgumentException(
          "Bidirectional: forward layer has return_state=" + layer.returnState()
              + " but backward layer has return_state=" + backwardLayer.returnState() + "; give both the same value.");
    }
    if (backwardLayer.goBackwards() == layer.goBackwards()) {
      throw new IllegalArgumentException(
          "Bidirectional: forward layer has go_backwards=" + layer.goBackwards() + " and so does the backward"
              + " layer; the backward layer must have the opposite value.");
    }
    this.backwardTemplate = backwardLayer;
    return this;
  }

  @Override
  public Bidirectional name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Bidirectional inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Bidirectional trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  private static Recurrent<?> copy(Recurrent<?> template, String name, Boolean goBackwards) {
    Map<String, Object> config = new LinkedHashMap<>(template.getConfig());
    config.put("name", name);
    config.remove("batch_input_shape");
    if (goBackwards != null) {
      config.put("go_backwards", goBackwards);
    }
    return (Recurrent<?>) LayerRegistry.fromConfig(template.className(), config);
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    forward = copy(layer, "forward_" + layer.name(), null);
    backward = backwardTemplate != null
        ? copy(backwardTemplate, "backward_" + backwardTemplate.name(), null)
        : copy(layer, "backward_" + layer.name(), !layer.goBackwards());
    boolean zero = layer.returnSequences();
    forward.zeroOutputForMask(zero);
    backward.zeroOutputForMask(zero);
    forward.build(ctx.nested(forward.name() + "/"), inputShape);
    backward.build(ctx.nested(backward.name() + "/"), inputShape);
  }

  @Override
  protected void build(BuildContext ctx, List<Shape> inputShapes) {
    build(ctx, inputShapes.get(0));
  }

  /**
   * Returns the state variables of the forward, then the backward layer when the wrapped layer is stateful (see
   * {@link Recurrent#states()}); empty otherwise or before build.
   */
  public List<Weight> states() {
    if (forward == null) {
      return List.of();
    }
    List<Weight> out = new java.util.ArrayList<>(forward.states());
    out.addAll(backward.states());
    return out;
  }

  /**
   * Sets the states of both directions back to zeros (Keras's {@code reset_states()}).
   *
   * @throws IllegalStateException if the wrapped layer is not stateful
   */
  public void resetStates() {
    if (!layer.stateful()) {
      throw new IllegalStateException(
          "Bidirectional '" + name() + "' wraps a layer that is not stateful, so it keeps no states to reset.");
    }
    if (forward != null) {
      forward.resetStates();
      backward.resetStates();
    }
  }

  private int backwardUnits() {
    return backwardTemplate != null ? backwardTemplate.units() : layer.units();
  }

  private int backwardStates() {
    return backwardTemplate != null ? backwardTemplate.stateCount() : layer.stateCount();
  }

  private boolean returnState() {
    return layer.returnState();
  }

  @Override
  public int outputCount() {
    return (mergeMode == null ? 2 : 1) + (returnState() ? layer.stateCount() + backwardStates() : 0);
  }

  @Override
  protected String multiOutputReason() {
    return (mergeMode == null ? "merge_mode=None: [forward, backward]" : "[output]")
        + (returnState() ? " followed by the forward and backward states (return_state=true)" : "");
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return callOutputs(tf, List.of(x), ctx).get(0);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    return callOutputs(tf, inputs, ctx).get(0);
  }

  @Override
  public List<Operand<TFloat32>> callOutputs(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    Operand<TBool> mask = ctx.inputMask();
    Operand<TFloat32> x = inputs.get(0);
    List<Operand<TFloat32>> initial = inputs.subList(1, inputs.size());
    int half = initial.isEmpty() ? 0 : layer.stateCount();
    List<Operand<TFloat32>> fAll = forward.run(tf, x, mask, ctx, forward.goBackwards(), initial.subList(0, half));
    List<Operand<TFloat32>> bAll =
        backward.run(tf, x, mask, ctx, backward.goBackwards(), initial.subList(half, initial.size()));
    Operand<TFloat32> f = fAll.get(0);
    Operand<TFloat32> b = bAll.get(0);
    if (layer.returnSequences()) {
      b = tf.reverse(b, tf.constant(new int[] {1}));
    }
    List<Operand<TFloat32>> out = new java.util.ArrayList<>();
    if (mergeMode == null) {
      out.add(f);
      out.add(b);
    } else {
      out.add(switch (mergeMode) {
        case "sum" -> tf.math.add(f, b);
        case "ave" -> tf.math.mul(tf.math.add(f, b), tf.constant(0.5f));
        case "mul" -> tf.math.mul(f, b);
        default -> tf.concat(List.of(f, b), tf.constant(-1));
      });
    }
    if (returnState()) {
      out.addAll(fAll.subList(1, fAll.size()));
      out.addAll(bAll.subList(1, bAll.size()));
    }
    return out;
  }

  @Override
  public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    return layer.computeMask(tf, inputs, masks);
  }

  /** Keras's {@code compute_mask}: the sequence mask for each output sequence, none for states. */
  @Override
  public List<Operand<TBool>> computeMasks(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    Operand<TBool> m = computeMask(tf, inputs, masks);
    List<Operand<TBool>> out = new java.util.ArrayList<>();
    out.add(m);
    if (mergeMode == null) {
      out.add(m);
    }
    while (out.size() < outputCount()) {
      out.add(null);
    }
    return out;
  }

  /** The sequence followed by initial states: the forward layer's, then the backward layer's. */
  @Override
  public Shape computeOutputShape(List<Shape> inputShapes) {
    List<Shape> states = inputShapes.subList(1, inputShapes.size());
    if (!states.isEmpty()) {
      int n = layer.stateCount();
      int m = backwardStates();
      if (states.size() != n + m) {
        throw new IllegalArgumentException(
            "Bidirectional '" + name() + "' expects " + (n + m) + " initial state tensors after the sequence (the"
                + " forward layer's " + n + ", then the backward layer's " + m + "), but got " + states.size() + ".");
      }
      Recurrent.checkInitialStates(states.subList(0, n), n, layer.units(), name(), "Bidirectional");
      Recurrent.checkInitialStates(states.subList(n, n + m), m, backwardUnits(), name(), "Bidirectional");
    }
    return computeOutputShape(inputShapes.get(0));
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    Shape first = computeOutputShape(inputShapes);
    List<Shape> out = new java.util.ArrayList<>();
    out.add(first);
    long batch = inputShapes.get(0).size(0);
    if (mergeMode == null) {
      long[] dims = first.asArray();
      dims[dims.length - 1] = backwardUnits();
      out.add(Shape.of(dims));
    }
    if (returnState()) {
      for (int i = 0; i < layer.stateCount(); i++) {
        out.add(Shape.of(batch, layer.units()));
      }
      for (int i = 0; i < backwardStates(); i++) {
        out.add(Shape.of(batch, backwardUnits()));
      }
    }
    return out;
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    Shape f = layer.computeOutputShape(inputShape);
    if (mergeMode == null) {
      return f;
    }
    if (!mergeMode.equals("concat")) {
      if (backwardTemplate != null && backwardTemplate.units() != layer.units()) {
        throw new IllegalArgumentException(
            "Bidirectional '" + name() + "': merge_mode '" + mergeMode + "' needs both directions to have the same"
                + " units, but got " + layer.units() + " and " + backwardTemplate.units() + ".");
      }
      return f;
    }
    long[] dims = f.asArray();
    dims[dims.length - 1] = layer.units() + (backwardTemplate != null ? backwardTemplate.units() : layer.units());
    return Shape.of(dims);
  }

  /** Keras 3 keeps the weights in {@code forward_layer/cell/vars} and {@code backward_layer/cell/vars}. */
  @Override
  public Map<String, List<Weight>> keras3VariableGroups() {
    List<Weight> all = weights();
    int half = all.size() / 2;
    Map<String, List<Weight>> groups = new LinkedHashMap<>();
    groups.put("forward_layer/cell", all.subList(0, half));
    groups.put("backward_layer/cell", all.subList(half, all.size()));
    return groups;
  }

  /** Creates the layer from its Keras config ({@code layer}, {@code merge_mode}, optional {@code backward_layer}). */
  @SuppressWarnings("unchecked")
  public static Bidirectional fromConfig(Map<String, Object> config) {
    Recurrent<?> inner = wrapped(config.get("layer"), "layer");
    Bidirectional b = new Bidirectional(inner);
    if (config.containsKey("merge_mode")) {
      b.mergeMode((String) config.get("merge_mode"));
    }
    if (config.get("backward_layer") != null) {
      Recurrent<?> back = wrapped(config.get("backward_layer"), "backward_layer");
      String expected = "backward_" + inner.name();
      // Keras 3 always writes backward_layer; a plain flipped copy of layer is the default, not a layer of its own.
      if (!back.name().equals(expected) || back.units() != inner.units()
          || back.getClass() != inner.getClass()) {
        b.backwardLayer(back);
      }
    }
    return Configs.applyCommon(b, config);
  }

  @SuppressWarnings("unchecked")
  private static Recurrent<?> wrapped(Object spec, String key) {
    if (!(spec instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)
        || !(m.get("config") instanceof Map<?, ?> inner)) {
      throw new IllegalArgumentException(
          "Bidirectional config: '" + key + "' must be {\"class_name\": …, \"config\": {…}}, but got " + spec + ".");
    }
    Layer l = LayerRegistry.fromConfig(cls, (Map<String, Object>) inner);
    if (!(l instanceof Recurrent<?> r)) {
      throw new IllegalArgumentException(
          "Bidirectional config: '" + key + "' must be a recurrent layer (LSTM, GRU, SimpleRNN), but got " + cls
              + ".");
    }
    return r;
  }

  private static Map<String, Object> spec(Layer l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("class_name", l.className());
    m.put("config", l.getConfig());
    return m;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("merge_mode", mergeMode);
    config.put("layer", spec(layer));
    if (backwardTemplate != null) {
      config.put("backward_layer", spec(backwardTemplate));
    }
    return config;
  }
}
