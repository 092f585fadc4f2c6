package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.initializers.Orthogonal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The common part of Keras's recurrent layers ({@link LSTM}, {@link GRU}, {@link SimpleRNN}): the loop over time
 * steps, masks, dropout and the options of Keras's {@code RNN} base class.
 *
 * <p>Input {@code (batch, timesteps, features)}; output {@code (batch, units)}, or {@code (batch, timesteps,
 * units)} with {@link #returnSequences(boolean) returnSequences}. Weights, as Keras: {@code kernel}
 * {@code (features, gates·units)}, {@code recurrent_kernel} {@code (units, gates·units)} and {@code bias}.
 *
 * <h2>States: return_state and initial_state</h2>
 * With {@link #returnState(boolean) returnState} the layer returns {@code [output, h, c]} (LSTM) or
 * {@code [output, h]} (GRU, SimpleRNN), the final states {@code (batch, units)} after the last processed step (the
 * last unmasked one). Call it with {@link Layer#applyMulti}. Initial states (Keras's {@code initial_state}, zeros
 * by default) follow the sequence in the call: the encoder-decoder pattern is
 *
 * <pre>{@code
 * List<KerasTensor> enc = new LSTM(64).returnState(true).applyMulti(encoderInputs);      // [output, h, c]
 * KerasTensor dec = new LSTM(64).returnSequences(true).apply(decoderInputs, enc.get(1), enc.get(2));
 * }</pre>
 * Gradients flow into the initial states and out of the final ones. Configs: Keras 2's inbound nodes list the
 * states after the sequence ({@code [[x, 0, 0, {}], [enc, 0, 1, {}], [enc, 0, 2, {}]]}, as tf.keras reads them),
 * Keras 3 passes them as {@code kwargs.initial_state}; both are read and written.
 *
 * <h2>How the loop runs</h2>
 * An {@link LSTM} with Keras's default activations, no input mask and no dropout in the current flavour runs on
 * TensorFlow's fused {@code BlockLSTMV2} kernel (one op for all steps, gradient registered by Keras4J; any number of
 * steps, even one known only at run time; initial and final states included). Otherwise the loop is unrolled into
 * the TensorFlow graph when the layer is called, which needs the number of time steps: a model whose input
 * leaves it unknown ({@code Input.shape(-1, features)}) builds its program for the step count of the data it is
 * given, as {@code tf.function} retraces per input shape (data of a new length gets a program of its own, kept
 * for that length; weights and optimizer state are shared; {@code fit}'s validation data must have the training
 * data's length). The input projection {@code x·kernel + bias} of all steps is one matrix product; each step adds
 * {@code h·recurrent_kernel} and applies the cell. Gradients are TensorFlow's exact gradients of the unrolled graph
 * (TF Java 1.1.0 has no gradient for {@code While}); {@code unroll} is kept in the config for Keras compatibility
 * and does not change the computation.
 *
 * <h2>Masks</h2>
 * With an input mask ({@code Embedding(maskZero)} or {@link Masking} in front), a masked step keeps the state and
 * repeats the previous output, as Keras on CPU (inside {@link Bidirectional} with {@code returnSequences} the
 * output of a masked step is zero, as Keras's {@code zero_output_for_mask}). The output mask is the input mask
 * when {@code returnSequences}, otherwise none; the states carry no mask.
 *
 * <p>The setters return the concrete layer type ({@code T}), so {@code new LSTM(8).returnSequences(true)} is an
 * {@link LSTM}.
 *
 * <h2>Stateful layers</h2>
 * With {@link #stateful(boolean) stateful} (Keras's {@code stateful=True}) the final states of sample {@code i}
 * of a batch are the initial states of sample {@code i} of the next batch, in {@code predict}, {@code evaluate} and
 * {@code fit} alike, until {@link #resetStates()} (or {@code Model.resetStates()}) sets them back to zeros. The
 * layer needs a fixed batch size, declared on the model's input: {@code Input.batchShape(32, 10, 16)},
 * {@code new InputLayer(10, 16).batchSize(32)}, or {@code .batchSize(32)} next to {@code inputShape} on the first
 * layer of a {@code Sequential} (Keras's {@code batch_input_shape} / {@code batch_shape}); every batch fed must
 * have exactly that many samples (pass that {@code batchSize}, a sample count divisible by it and
 * {@code shuffle(false)} in {@code fit}), otherwise the call fails with an {@link IllegalArgumentException} naming
 * the layer and both sizes. The states live in non-trainable variables {@code (batch, units)} (LSTM: h and c,
 * {@link #states()}) which, as in Keras, are not weights: they are neither counted nor saved.
 *
 * <pre>{@code
 * Sequential m = new Sequential(
 *     new LSTM(32).stateful(true).inputShape(10, 16).batchSize(4), new Dense(1));
 * m.predict(firstHalf);   // (4, 10, 16)
 * m.predict(secondHalf);  // continues from the states after firstHalf
 * m.resetStates();
 * }</pre>
 *
 * <h2>Not supported</h2>
 * {@code time_major=true}: configs with it are rejected with an {@link IllegalArgumentException} that says so.
 *
 * @param <T> the concrete layer type, returned by the fluent setters
 */
public abstract class Recurrent<T extends Recurrent<T>> extends Layer implements NestedWeights, LegacyWeights {
  /** The graph-level seed TensorFlow uses when only an op seed is given ({@code DEFAULT_GRAPH_SEED}). */
  private static final long OP_SEED = 87654321L;

  /** Keras 2's {@code hard_sigmoid}: {@code clip(0.2·x + 0.5, 0, 1)} (old files' recurrent activation). */
  static final ActivationFunction HARD_SIGMOID = new ActivationFunction() {
    @Override
    public String name() {
      return "hard_sigmoid";
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
      Operand<TFloat32> y = tf.math.add(tf.math.mul(x, tf.constant(0.2f)), tf.constant(0.5f));
      return tf.clipByValue(y, tf.constant(0f), tf.constant(1f));
    }
  };

  final int units;
  ActivationFunction activation = Activations.TANH;
  ActivationFunction recurrentActivation = Activations.SIGMOID;
  boolean useBias = true;
  Initializer kernelInitializer = Initializers.glorotUniform();
  Initializer recurrentInitializer = new Orthogonal();
  Initializer biasInitializer = Initializers.zeros();
  double dropout;
  double recurrentDropout;
  boolean returnSequences;
  boolean returnState;
  boolean goBackwards;
  boolean unroll;
  boolean zeroOutputForMask;
  boolean stateful;
  /** The state variables of a stateful layer (h, then c for LSTM), created in build; empty otherwise. */
  private List<Weight> states = List.of();
  Long seed;
  Weight kernel;
  Weight recurrentKernel;
  Weight bias;

  Recurrent(int units) {
    if (units <= 0) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + ": units must be a positive integer, but got units=" + units + ".");
    }
    this.units = units;
  }

  /** Returns the number of gates (LSTM 4, GRU 3, SimpleRNN 1): the kernels have {@code gates·units} columns. */
  abstract int gates();

  /** Returns the shape of the bias weight. */
  long[] biasShape() {
    return new long[] {(long) gates() * units};
  }

  /** Returns the bias initializer actually used in build (LSTM adds unit_forget_bias). */
  Initializer effectiveBiasInitializer() {
    return biasInitializer;
  }

  /** Returns the number of state tensors (LSTM 2: h and c; others 1). */
  int stateCount() {
    return 1;
  }

  /** Weight values of one call, read once. */
  record Cell(Operand<TFloat32> recurrentKernel, Operand<TFloat32> recurrentBias, List<Operand<TFloat32>> parts) {}

  /** Prepares what every step needs (reads and slices of the weights). */
  Cell prepare(Ops tf, CallContext ctx) {
    return new Cell(ctx.read(recurrentKernel), null, List.of());
  }

  /** Returns the input bias added to the projection {@code x·kernel}, or null. */
  Operand<TFloat32> inputBias(Ops tf, CallContext ctx) {
    return bias == null ? null : ctx.read(bias);
  }

  /**
   * One time step.
   *
   * @param xp the projected input of this step {@code x_t·kernel + bias}, {@code (batch, gates·units)}
   * @param states the states before the step (h first); null entries mean zeros (the first step)
   * @param hr h with recurrent dropout applied (null when h is zero)
   * @return the new states, h first
   */
  abstract List<Operand<TFloat32>> step(
      Ops tf, Cell cell, Operand<TFloat32> xp, List<Operand<TFloat32>> states, Operand<TFloat32> hr);

  // ---------------------------------------------------------------- accessors

  /** Returns the dimension of the output and state. */
  public int units() {
    return units;
  }

  /** Returns the activation (default tanh). */
  public ActivationFunction activation() {
    return activation;
  }

  /** Returns whether the full sequence is returned. */
  public boolean returnSequences() {
    return returnSequences;
  }

  /** Returns whether the final states are returned after the output ({@code return_state}). */
  public boolean returnState() {
    return returnState;
  }

  /** Returns the number of state tensors of the layer (LSTM 2: h and c; GRU and SimpleRNN 1: h). */
  public int stateSize() {
    return stateCount();
  }

  /** Returns whether the states are kept from batch to batch ({@code stateful}, default false). */
  public boolean stateful() {
    return stateful;
  }

  /**
   * Returns the state variables of a stateful layer once built, as Keras's {@code layer.states}: {@code [h]}, or
   * {@code [h, c]} for LSTM, each {@code (batch, units)}, non-trainable and not among {@link #weights()} (not
   * saved, not counted); an empty list for a layer that is not stateful or not built.
   */
  public List<Weight> states() {
    return states;
  }

  /**
   * Sets the states of a stateful layer back to zeros, as Keras's {@code reset_states()} (Keras 3
   * {@code reset_state()}): the next batch starts from zero states again. Does nothing before the layer is built.
   *
   * @throws IllegalStateException if the layer is not stateful
   */
  public void resetStates() {
    if (!stateful) {
      throw new IllegalStateException(
          className() + " '" + name() + "' is not stateful, so it keeps no states to reset; create it with"
              + " stateful(true).");
    }
    for (Weight w : states) {
      w.assign(new float[Math.toIntExact(w.size())]);
    }
  }

  /**
   * Sets the states of a stateful layer to given values, as Keras 2's {@code reset_states(states=[h, c])}: one
   * array {@code (batch, units)} per state ({@code [h]}, or {@code [h, c]} for LSTM).
   *
   * @throws IllegalStateException if the layer is not stateful or not built
   * @throws IllegalArgumentException if the number of arrays or a shape does not match
   */
  public void resetStates(List<? extends org.tensorflow.ndarray.FloatNdArray> values) {
    requireNonNull(values, "values");
    if (!stateful || states.isEmpty()) {
      throw new IllegalStateException(
          className() + " '" + name() + "' " + (stateful ? "is not built yet" : "is not stateful")
              + ", so it has no states to set; " + (stateful ? "build the model first." : "use stateful(true)."));
    }
    if (values.size() != states.size()) {
      throw new IllegalArgumentException(
          className() + " '" + name() + "' has " + states.size() + " state(s) " + (states.size() == 2 ? "[h, c]"
              : "[h]") + ", but resetStates got " + values.size() + " array(s).");
    }
    for (int i = 0; i < states.size(); i++) {
      Weight w = states.get(i);
      if (!java.util.Arrays.equals(values.get(i).shape().asArray(), w.shape())) {
        throw new IllegalArgumentException(
            className() + " '" + name() + "': state " + i + " has shape " + java.util.Arrays.toString(w.shape())
                + " (batch, units), but resetStates got an array of shape "
                + java.util.Arrays.toString(values.get(i).shape().asArray()) + ".");
      }
    }
    for (int i = 0; i < states.size(); i++) {
      states.get(i).assign(values.get(i));
    }
  }

  /** Returns whether the sequence is processed backwards. */
  public boolean goBackwards() {
    return goBackwards;
  }

  /** Returns whether a bias is used. */
  public boolean useBias() {
    return useBias;
  }

  /** Returns the input dropout rate. */
  public double dropout() {
    return dropout;
  }

  /** Returns the recurrent dropout rate. */
  public double recurrentDropout() {
    return recurrentDropout;
  }

  /** Returns the kernel weight, or null before build. */
  public Weight kernel() {
    return kernel;
  }

  /** Returns the recurrent kernel weight, or null before build. */
  public Weight recurrentKernel() {
    return recurrentKernel;
  }

  /** Returns the bias weight, or null before build or without bias. */
  public Weight bias() {
    return bias;
  }

  // ---------------------------------------------------------------- setters (return the concrete type)

  /** Returns this layer as its concrete type (for the fluent setters). */
  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /** Sets the activation by Keras name ({@code tanh}, {@code relu}, …). */
  public T activation(String name) {
    return activation(activationByName(name, className(), "activation"));
  }

  /** Sets the gate activation by Keras name ({@code sigmoid}, {@code hard_sigmoid}, …; LSTM and GRU). */
  public T recurrentActivation(String name) {
    return recurrentActivation(activationByName(name, className(), "recurrent_activation"));
  }

  @Override
  public T name(String name) {
    super.name(name);
    return self();
  }

  @Override
  public T inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return self();
  }

  @Override
  public T batchSize(int batchSize) {
    super.batchSize(batchSize);
    return self();
  }

  @Override
  public T trainable(boolean trainable) {
    super.trainable(trainable);
    return self();
  }

  /** Sets the activation of the candidate/output (default tanh). */
  public T activation(ActivationFunction a) {
    checkNotBuilt("activation");
    this.activation = requireNonNull(a, "activation");
    return self();
  }

  /** Sets the activation of the gates (default sigmoid; LSTM and GRU). */
  public T recurrentActivation(ActivationFunction a) {
    checkNotBuilt("recurrentActivation");
    this.recurrentActivation = requireNonNull(a, "recurrentActivation");
    return self();
  }

  /** Turns the bias on (default) or off. */
  public T useBias(boolean b) {
    checkNotBuilt("useBias");
    this.useBias = b;
    return self();
  }

  /** Sets the kernel initializer (default glorot_uniform). */
  public T kernelInitializer(Initializer i) {
    checkNotBuilt("kernelInitializer");
    this.kernelInitializer = requireNonNull(i, "initializer");
    return self();
  }

  /** Sets the recurrent kernel initializer (default orthogonal). */
  public T recurrentInitializer(Initializer i) {
    checkNotBuilt("recurrentInitializer");
    this.recurrentInitializer = requireNonNull(i, "initializer");
    return self();
  }

  /** Sets the bias initializer (default zeros). */
  public T biasInitializer(Initializer i) {
    checkNotBuilt("biasInitializer");
    this.biasInitializer = requireNonNull(i, "initializer");
    return self();
  }

  /** Sets the fraction of the input units dropped in training, in [0, 1] (default 0); one mask for all steps. */
  public T dropout(double rate) {
    checkNotBuilt("dropout");
    this.dropout = checkRate("dropout", rate);
    return self();
  }

  /** Sets the fraction of the recurrent state dropped in training, in [0, 1] (default 0). */
  public T recurrentDropout(double rate) {
    checkNotBuilt("recurrentDropout");
    this.recurrentDropout = checkRate("recurrent_dropout", rate);
    return self();
  }

  /** Returns the whole sequence {@code (batch, timesteps, units)} instead of the last output (default false). */
  public T returnSequences(boolean b) {
    checkNotBuilt("returnSequences");
    this.returnSequences = b;
    return self();
  }

  /**
   * Also returns the final states, as Keras's {@code return_state} (default false): the layer then has
   * {@code 1 + states} outputs ({@code [output, h, c]} for LSTM, {@code [output, h]} for GRU and SimpleRNN, each
   * state {@code (batch, units)}), so call it with {@link Layer#applyMulti}. Not in a {@code Sequential} model.
   */
  public T returnState(boolean b) {
    checkNotBuilt("returnState");
    this.returnState = b;
    return self();
  }

  /** Processes the sequence backwards; the returned sequence is in processing order, as Keras (default false). */
  public T goBackwards(boolean b) {
    checkNotBuilt("goBackwards");
    this.goBackwards = b;
    return self();
  }

  /**
   * Keeps the final states of each batch as the initial states of the next, as Keras's {@code stateful}
   * (default false); see the class comment. The model's input must declare a fixed batch size.
   */
  public T stateful(boolean b) {
    checkNotBuilt("stateful");
    this.stateful = b;
    return self();
  }

  /** Keras's unroll flag, kept in the config; the loop is always unrolled in the graph here. */
  public T unroll(boolean b) {
    this.unroll = b;
    return self();
  }

  /** Sets the seed of the dropout masks ({@code null}: from the Keras session). */
  public T seed(Long s) {
    checkNotBuilt("seed");
    this.seed = s;
    return self();
  }

  /** Internal (Bidirectional): masked steps output zeros instead of repeating the previous output. */
  void zeroOutputForMask(boolean b) {
    this.zeroOutputForMask = b;
  }

  private double checkRate(String key, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          className() + ": " + key + " must be in [0, 1], but got " + key + "=" + rate + ".");
    }
    return rate;
  }

  static ActivationFunction activationByName(String name, String layer, String key) {
    if (name == null) {
      return Activations.LINEAR;
    }
    if (name.equals("hard_sigmoid")) {
      return HARD_SIGMOID;
    }
    return Activations.get(name);
  }

  // ---------------------------------------------------------------- build / call

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    long features = inputShape.size(-1);
    long cols = (long) gates() * units;
    kernel = ctx.addWeight("kernel", Shape.of(features, cols), kernelInitializer, true);
    recurrentKernel = ctx.addWeight("recurrent_kernel", Shape.of(units, cols), recurrentInitializer, true);
    if (useBias) {
      bias = ctx.addWeight("bias", Shape.of(biasShape()), effectiveBiasInitializer(), true);
    }
    if (stateful) {
      long batch = inputShape.size(0);
      if (batch <= 0) {
        throw new IllegalArgumentException(
            "If a RNN is stateful, it needs to know its batch size: " + className() + " '" + name()
                + "' has stateful=true but its input shape " + Shapes.format(inputShape) + " has no batch size."
                + " Specify the batch size of the model's input: Input.batchShape(batch, timesteps, features) or"
                + " new InputLayer(timesteps, features).batchSize(batch) in a functional model, or"
                + " .inputShape(timesteps, features).batchSize(batch) on the first layer of a Sequential (Keras's"
                + " batch_input_shape / batch_shape).");
      }
      List<Weight> created = new ArrayList<>();
      for (int i = 0; i < stateCount(); i++) {
        created.add(new Weight(name(), i == 0 ? "rnn_state" : "rnn_state_" + i, new long[] {batch, units},
            Initializers.zeros(), 0L, false));
      }
      states = List.copyOf(created);
    }
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() != 3) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected ndim=3 (batch, timesteps, features), found ndim=" + inputShape.numDimensions(),
          "(None, timesteps, features)", inputShape);
    }
    long features = inputShape.size(2);
    if (features <= 0) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "the feature dimension (last axis) of the inputs to " + className() + " must be defined",
          "(None, timesteps, features)", inputShape);
    }
    if (kernel != null && kernel.shape()[0] != features) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected axis -1 of input shape to have value " + kernel.shape()[0],
          "(None, timesteps, " + kernel.shape()[0] + ")", inputShape);
    }
    return returnSequences
        ? Shape.of(inputShape.size(0), inputShape.size(1), units)
        : Shape.of(inputShape.size(0), units);
  }

  @Override
  protected void build(BuildContext ctx, List<Shape> inputShapes) {
    build(ctx, inputShapes.get(0));
  }

  /**
   * The output shape for a sequence followed by initial states (Keras's {@code initial_state}): each state must be
   * {@code (batch, units)}, one per state of the layer.
   */
  @Override
  public Shape computeOutputShape(List<Shape> inputShapes) {
    checkInitialStates(inputShapes.subList(1, inputShapes.size()), stateCount(), units, name(), className());
    return computeOutputShape(inputShapes.get(0));
  }

  static void checkInitialStates(List<Shape> states, int count, int units, String name, String cls) {
    if (states.isEmpty()) {
      return;
    }
    if (states.size() != count) {
      throw new IllegalArgumentException(
          cls + " '" + name + "' expects " + count + " initial state tensor(s) after the sequence (Keras's"
              + " initial_state" + (count == 2 ? ": [h, c]" : ": [h]") + "), but got " + states.size()
              + "; call it as layer.apply(sequence" + (count == 2 ? ", h, c)" : ", h)") + ".");
    }
    for (int i = 0; i < states.size(); i++) {
      Shape st = states.get(i);
      if (st.numDimensions() != 2 || st.size(1) != units) {
        throw IncompatibleShapeException.forInput(
            name, i + 1, "initial state " + i + " must have shape (batch, units=" + units + ")",
            "(None, " + units + ")", st);
      }
    }
  }

  @Override
  public int outputCount() {
    return returnState ? 1 + stateCount() : 1;
  }

  @Override
  protected String multiOutputReason() {
    return "return_state=true: " + (stateCount() == 2 ? "[output, h, c]" : "[output, h]");
  }

  @Override
  public List<Shape> computeOutputShapes(List<Shape> inputShapes) {
    Shape out = computeOutputShape(inputShapes);
    List<Shape> shapes = new ArrayList<>();
    shapes.add(out);
    if (returnState) {
      for (int i = 0; i < stateCount(); i++) {
        shapes.add(Shape.of(inputShapes.get(0).size(0), units));
      }
    }
    return shapes;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return run(tf, x, ctx.inputMask(), ctx, goBackwards, List.of()).get(0);
  }

  /** The sequence, then optional initial states ({@code h}, and {@code c} for LSTM): returns the output only. */
  @Override
  public Operand<TFloat32> call(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    return callOutputs(tf, inputs, ctx).get(0);
  }

  /** Returns {@code [output]}, or {@code [output, states…]} with {@link #returnState(boolean) returnState}. */
  @Override
  public List<Operand<TFloat32>> callOutputs(Ops tf, List<Operand<TFloat32>> inputs, CallContext ctx) {
    List<Operand<TFloat32>> all =
        run(tf, inputs.get(0), ctx.inputMask(), ctx, goBackwards, inputs.subList(1, inputs.size()));
    return returnState ? all : List.of(all.get(0));
  }

  @Override
  public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    if (!returnSequences || masks == null || masks.isEmpty()) {
      return null;
    }
    return masks.get(0);
  }

  /** The output's mask, then none for the states (Keras's {@code compute_mask} with return_state). */
  @Override
  public List<Operand<TBool>> computeMasks(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    List<Operand<TBool>> out = new ArrayList<>();
    out.add(computeMask(tf, inputs, masks));
    for (int i = 1; i < outputCount(); i++) {
      out.add(null);
    }
    return out;
  }

  /**
   * Runs the loop; {@code backwards} iterates from the last step (outputs in iteration order, as Keras). Returns the
   * output followed by the final states (h first); {@code initial} holds the initial states, or is empty for zeros.
   */
  List<Operand<TFloat32>> run(Ops tf, Operand<TFloat32> x, Operand<TBool> mask, CallContext ctx, boolean backwards,
      List<Operand<TFloat32>> initial) {
    if (states.isEmpty()) {
      return loop(tf, x, mask, ctx, backwards, initial);
    }
    List<Operand<TFloat32>> start = initial.isEmpty() ? readStates(tf, x, ctx) : initial;
    List<Operand<TFloat32>> result = loop(tf, x, mask, ctx, backwards, start);
    for (int i = 0; i < states.size(); i++) {
      ctx.assignState(states.get(i), result.get(1 + i));
    }
    return result;
  }

  /**
   * Reads the state variables as the initial states, after an in-graph check that the batch has the layer's
   * batch size (the state variables' first dimension).
   */
  private List<Operand<TFloat32>> readStates(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long expected = states.get(0).shape()[0];
    Operand<TInt32> batch = tf.reshape(
        tf.stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}),
            tf.constant(new int[] {1})), tf.constant(new int[0]));
    var check = tf.assertThat(tf.math.equal(batch, tf.constant((int) expected)), List.of(
        tf.constant(className() + " '" + name() + "' is stateful with batch size " + expected
            + " (the states are kept per sample), but got a batch of"),
        batch, tf.constant("samples. Batch size mismatch: feed batches of exactly " + expected + " samples (pass"
            + " batchSize " + expected + " to fit/predict/evaluate and a number of samples divisible by " + expected
            + ", so that the last batch is full), or build the model with the batch size of your data.")));
    Ops guarded = tf.withControlDependencies(List.of(check));
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Weight w : states) {
      out.add(guarded.identity(ctx.read(w)));
    }
    return out;
  }

  /** The loop itself: {@link #run} without the stateful part. */
  private List<Operand<TFloat32>> loop(Ops tf, Operand<TFloat32> x, Operand<TBool> mask, CallContext ctx,
      boolean backwards, List<Operand<TFloat32>> initial) {
    List<Operand<TFloat32>> fused = fused(tf, x, mask, ctx, backwards, initial);
    if (fused != null) {
      return fused;
    }
    long steps = x.shape().numDimensions() == 3 ? x.shape().size(1) : -1;
    if (steps <= 0) {
      throw new IllegalArgumentException(
          className() + " '" + name() + "': the number of time steps must be known when the model compiles"
              + " (the input shape is " + Shapes.format(x.shape()) + "); give the model input a fixed length,"
              + " e.g. Input.shape(100, features), or pad the sequences to one length (pad_sequences).");
    }
    long features = kernel.shape()[0];
    int t = Math.toIntExact(steps);
    Operand<TInt32> batch =
        tf.stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}),
            tf.constant(new int[] {1}));
    boolean training = ctx.training();
    Operand<TFloat32> input = x;
    if (training && dropout > 0) {
      input = tf.math.mul(input, tf.expandDims(dropMask(tf, batch, features, dropout, ctx), tf.constant(1)));
    }
    Operand<TFloat32> recMask =
        training && recurrentDropout > 0 ? dropMask(tf, batch, units, recurrentDropout, ctx) : null;

    long cols = (long) gates() * units;
    Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, features}));
    Operand<TFloat32> proj = tf.linalg.matMul(flat, ctx.read(kernel));
    Operand<TFloat32> inBias = inputBias(tf, ctx);
    if (inBias != null) {
      proj = tf.nn.biasAdd(proj, inBias);
    }
    proj = tf.reshape(proj, tf.concat(List.of(batch, tf.constant(new int[] {t, (int) cols})), tf.constant(0)));
    List<Operand<TFloat32>> xs = new ArrayList<>(tf.unstack(proj, (long) t, Unstack.axis(1L)).output());
    List<Operand<TFloat32>> ms = null;
    if (mask != null) {
      Operand<TFloat32> mf = tf.dtypes.cast(mask, TFloat32.class);
      ms = new ArrayList<>(tf.unstack(tf.expandDims(mf, tf.constant(-1)), (long) t, Unstack.axis(1L)).output());
    }
    Cell cell = prepare(tf, ctx);
    List<Operand<TFloat32>> states = new ArrayList<>();
    for (int i = 0; i < stateCount(); i++) {
      states.add(initial.isEmpty() ? null : initial.get(i));
    }
    Operand<TFloat32> zeros = null;
    Operand<TFloat32> prevOut = null;
    List<Operand<TFloat32>> outputs = new ArrayList<>(t);
    for (int k = 0; k < t; k++) {
      int s = backwards ? t - 1 - k : k;
      Operand<TFloat32> h = states.get(0);
      Operand<TFloat32> hr = h == null ? null : (recMask == null ? h : tf.math.mul(h, recMask));
      List<Operand<TFloat32>> next = step(tf, cell, xs.get(s), states, hr);
      Operand<TFloat32> out = next.get(0);
      if (ms != null) {
        Operand<TFloat32> m = ms.get(s);
        Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), m);
        if (zeros == null) {
          zeros = tf.zerosLike(next.get(0));
        }
        List<Operand<TFloat32>> merged = new ArrayList<>();
        for (int j = 0; j < next.size(); j++) {
          Operand<TFloat32> old = states.get(j) == null ? zeros : states.get(j);
          merged.add(tf.math.add(tf.math.mul(m, next.get(j)), tf.math.mul(keep, old)));
        }
        Operand<TFloat32> previous = zeroOutputForMask || prevOut == null ? zeros : prevOut;
        out = tf.math.add(tf.math.mul(m, next.get(0)), tf.math.mul(keep, previous));
        next = merged;
      }
      states = next;
      prevOut = out;
      if (returnSequences) {
        outputs.add(out);
      }
    }
    List<Operand<TFloat32>> result = new ArrayList<>();
    result.add(returnSequences ? tf.stack(outputs, Stack.axis(1L)) : prevOut);
    result.addAll(states);
    return result;
  }

  /**
   * Returns the output and final states computed by a fused kernel, or null where none applies (the unrolled loop
   * runs).
   */
  List<Operand<TFloat32>> fused(Ops tf, Operand<TFloat32> x, Operand<TBool> mask, CallContext ctx,
      boolean backwards, List<Operand<TFloat32>> initial) {
    return null;
  }

  /** Returns the name of the gate activation. */
  String recurrentActivationName() {
    return recurrentActivation.name();
  }

  /** A dropout keep-mask {@code (batch, size)} scaled by {@code 1/(1-rate)}, fixed over the time steps. */
  private Operand<TFloat32> dropMask(Ops tf, Operand<TInt32> batch, long size, double rate, CallContext ctx) {
    if (rate >= 1) {
      Operand<TInt32> shape = tf.concat(List.of(batch, tf.constant(new int[] {(int) size})), tf.constant(0));
      return tf.fill(shape, tf.constant(0f));
    }
    long s = seed != null ? seed + ctx.nextSeed() : ctx.nextSeed();
    Operand<TInt32> shape = tf.concat(List.of(batch, tf.constant(new int[] {(int) size})), tf.constant(0));
    Operand<TFloat32> random =
        tf.random.randomUniform(shape, TFloat32.class, RandomUniform.seed(OP_SEED),
            RandomUniform.seed2(s & 0x7fffffffL));
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(random, tf.constant((float) rate)), TFloat32.class);
    // The mask is a constant of the step: no gradient flows into the random op (TF Java registers none for it).
    return tf.stopGradient(tf.math.mul(keep, tf.constant((float) (1.0 / (1.0 - rate)))));
  }

  /**
   * {@code xp + h·R} for the recurrent part. On the first step h is Keras's zero initial state, so the product is
   * zero; {@code 0·sum(R)} is added instead of a full product so that R still has its (zero) gradient, as in Keras,
   * when a sequence has a single step.
   */
  static Operand<TFloat32> addRecurrent(Ops tf, Operand<TFloat32> xp, Operand<TFloat32> hr, Operand<TFloat32> r) {
    if (hr == null) {
      return tf.math.add(xp, tf.math.mul(tf.sum(r, tf.constant(new int[] {0, 1})), tf.constant(0f)));
    }
    return tf.math.add(xp, tf.linalg.matMul(hr, r));
  }

  /** Whether the layer was loaded from a Keras 2 CuDNNLSTM / CuDNNGRU config (weights converted when read). */
  boolean fromCudnn;

  @Override
  public long[] savedShape(Weight weight) {
    if (fromCudnn && weight == bias) {
      return new long[] {2L * gates() * units};
    }
    return weight.shape();
  }

  /**
   * Converts CuDNN-layout values as Keras 2 does: per gate, input kernels {@code k.T.reshape(k.shape, order='F')},
   * recurrent kernels {@code k.T}; LSTM biases: input + recurrent halves; GRU biases: reshaped to (2, 3u).
   */
  @Override
  public float[] fromSaved(Weight weight, float[] saved) {
    if (!fromCudnn) {
      return saved;
    }
    int g = gates();
    int u = units;
    if (weight == kernel || weight == recurrentKernel) {
      int rows = Math.toIntExact(weight.shape()[0]);
      float[] out = new float[saved.length];
      for (int gate = 0; gate < g; gate++) {
        // the gate's block k: (rows, u) taken from columns [gate*u, (gate+1)*u)
        for (int p = 0; p < rows; p++) {
          for (int q = 0; q < u; q++) {
            float v;
            if (weight == kernel) {
              int n = p + q * rows; // b[p][q] = k in C order at n: Fortran reshape of k.T
              v = saved[(n / u) * g * u + gate * u + n % u];
            } else {
              v = saved[q * g * u + gate * u + p]; // k.T
            }
            out[p * g * u + gate * u + q] = v;
          }
        }
      }
      return out;
    }
    if (weight == bias && this instanceof LSTM) {
      float[] out = new float[g * u];
      for (int i = 0; i < out.length; i++) {
        out[i] = saved[i] + saved[g * u + i];
      }
      return out;
    }
    return saved;
  }

  /** Keras 3 keeps a recurrent layer's weights in its cell: {@code layers/lstm/cell/vars}. */
  @Override
  public Map<String, List<Weight>> keras3VariableGroups() {
    Map<String, List<Weight>> groups = new java.util.LinkedHashMap<>();
    groups.put("cell", weights());
    return groups;
  }

  // ---------------------------------------------------------------- config

  /** Applies the options shared by every recurrent layer from a Keras config. */
  static <L extends Recurrent<L>> L applyRecurrentConfig(L layer, Map<String, Object> config, String cls) {
    if (Configs.getBoolean(config, "time_major", cls, false)) {
      throw new IllegalArgumentException(
          cls + " '" + config.get("name") + "': time_major=true is not supported; use (batch, timesteps,"
              + " features) inputs with time_major=false.");
    }
    layer.activation(activationByName(
        config.containsKey("activation") ? Configs.getActivation(config, "activation", cls) : "tanh", cls,
        "activation"));
    layer.useBias(Configs.getBoolean(config, "use_bias", cls, true));
    layer.kernelInitializer(
        Configs.getInitializer(config, "kernel_initializer", cls, Initializers.glorotUniform()));
    layer.recurrentInitializer(
        Configs.getInitializer(config, "recurrent_initializer", cls, new Orthogonal()));
    layer.biasInitializer(Configs.getInitializer(config, "bias_initializer", cls, Initializers.zeros()));
    layer.dropout(Configs.getDouble(config, "dropout", cls, 0.0));
    layer.recurrentDropout(Configs.getDouble(config, "recurrent_dropout", cls, 0.0));
    layer.returnSequences(Configs.getBoolean(config, "return_sequences", cls, false));
    layer.returnState(Configs.getBoolean(config, "return_state", cls, false));
    layer.goBackwards(Configs.getBoolean(config, "go_backwards", cls, false));
    layer.unroll(Configs.getBoolean(config, "unroll", cls, false));
    layer.stateful(Configs.getBoolean(config, "stateful", cls, false));
    layer.zeroOutputForMask(Configs.getBoolean(config, "zero_output_for_mask", cls, false));
    return Configs.applySeedAndCommon(layer, config, layer::seed);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("return_sequences", returnSequences);
    config.put("return_state", returnState);
    config.put("go_backwards", goBackwards);
    config.put("stateful", stateful);
    config.put("unroll", unroll);
    config.put("zero_output_for_mask", zeroOutputForMask);
    config.put("units", units);
    config.put("activation", activation.name());
    putRecurrentActivation(config);
    config.put("use_bias", useBias);
    config.put("kernel_initializer", Dense.initializerConfig(kernelInitializer));
    config.put("recurrent_initializer", Dense.initializerConfig(recurrentInitializer));
    config.put("bias_initializer", Dense.initializerConfig(biasInitializer));
    putExtraConfig(config);
    config.put("kernel_regularizer", null);
    config.put("recurrent_regularizer", null);
    config.put("bias_regularizer", null);
    config.put("activity_regularizer", null);
    config.put("kernel_constraint", null);
    config.put("recurrent_constraint", null);
    config.put("bias_constraint", null);
    config.put("dropout", dropout);
    config.put("recurrent_dropout", recurrentDropout);
    config.put("seed", seed);
    return config;
  }

  /** Adds {@code recurrent_activation} (not SimpleRNN). */
  void putRecurrentActivation(Map<String, Object> config) {
    config.put("recurrent_activation", recurrentActivation.name());
  }

  /** Adds the subclass's own keys (unit_forget_bias, reset_after). */
  void putExtraConfig(Map<String, Object> config) {}
}
