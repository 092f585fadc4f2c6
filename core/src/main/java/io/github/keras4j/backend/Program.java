package io.github.keras4j.backend;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Internal: a model compiled into one TensorFlow graph and session — the only class that runs TF sessions.
 *
 * <p>The graph holds a placeholder for the inputs (and labels), one variable per weight, the forward pass in an
 * inference flavour (predict, evaluate) and, when compiled for training, a training flavour with the loss, the
 * metric sums, the gradients w.r.t. the trainable weights only and the optimizer's updates, grouped into one
 * train op. A training step is one {@code Session.run} that feeds the batch, runs the train op and fetches
 * {@code [loss sum, metric sums…]}.
 *
 * <p>The program adopts every weight it uses (see {@link Weight}): while it is open, its session holds their
 * values; {@link #close()} hands the final values back.
 */
public final class Program implements WeightStore, AutoCloseable {
  /** Adds a model's forward pass to the graph. */
  @FunctionalInterface
  public interface Forward {
    /** Returns the model's output for input {@code x}. */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, CallContext ctx);
  }

  /**
   * What to compile.
   *
   * @param inputShape the batch input shape ({@code -1} batch)
   * @param forward the model's forward pass
   * @param weights every weight the forward pass reads
   * @param trainable the weights to train (a subset of {@code weights})
   * @param optimizer null for an inference-only program
   * @param loss null for an inference-only program
   * @param metrics metrics reported with the loss
   * @param seed seeds the random ops (dropout)
   */
  public record Spec(
      Shape inputShape,
      Forward forward,
      List<Weight> weights,
      List<Weight> trainable,
      Optimizer optimizer,
      Loss loss,
      List<Metric> metrics,
      long seed) {}

  private record Slot(Variable<TFloat32> variable, Operand<TFloat32> read, Placeholder<TFloat32> input, Op assign) {}

  private final Graph graph;
  private final Session session;
  private final Map<Weight, Slot> slots = new IdentityHashMap<>();
  private final List<Weight> adopted = new ArrayList<>();
  private final Placeholder<TFloat32> x;
  private final Operand<TFloat32> prediction;
  private final Shape outputShape;
  private final Placeholder<TFloat32> y;
  private final Shape labelShape;
  private final Operand<TFloat32> evalSums;
  private final Operand<TFloat32> trainSums;
  private final Op trainOp;
  private final Map<Long, TFloat32> xTensors = new HashMap<>();
  private final Map<Long, TFloat32> yTensors = new HashMap<>();
  private final int numSums;
  private volatile boolean closed;

  private Program(Spec spec) {
    graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      SplittableRandom seeds = new SplittableRandom(spec.seed());
      List<Weight> all = new ArrayList<>(spec.weights());
      Optimizer optimizer = spec.loss() != null ? spec.optimizer() : null;
      if (optimizer != null) {
        all.add(optimizer.iterations());
        for (Weight w : spec.trainable()) {
          all.addAll(optimizer.slotsFor(w));
        }
      }
      for (Weight w : all) {
        if (!slots.containsKey(w)) {
          Shape shape = Shape.of(w.shape());
          Variable<TFloat32> v = tf.variable(shape, TFloat32.class);
          Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
          slots.put(w, new Slot(v, tf.identity(v), in, tf.assign(v, in)));
        }
      }
      x = tf.placeholder(TFloat32.class, Placeholder.shape(spec.inputShape()));
      Ctx inference = new Ctx(tf, false, seeds);
      prediction = spec.forward().apply(tf, x, inference);
      outputShape = prediction.shape();

      if (spec.loss() != null) {
        Loss loss = spec.loss();
        labelShape = loss.sparseLabels() ? Shape.of(-1) : outputShape;
        y = tf.placeholder(TFloat32.class, Placeholder.shape(labelShape));
        evalSums = sums(tf, loss, spec.metrics(), prediction);
        numSums = 1 + spec.metrics().size();
        if (optimizer != null) {
          Ctx training = new Ctx(tf, true, seeds);
          Operand<TFloat32> trainOut = spec.forward().apply(tf, x, training);
          Operand<TFloat32> perSample = loss.perSample(tf, y, trainOut);
          Operand<TFloat32> meanLoss = tf.math.mean(perSample, tf.constant(0));
          trainSums = sums(tf, loss, spec.metrics(), trainOut, perSample);
          trainOp = buildUpdates(tf, optimizer, spec.trainable(), meanLoss, training.updates);
        } else {
          trainSums = null;
          trainOp = null;
        }
      } else {
        labelShape = null;
        y = null;
        evalSums = null;
        trainSums = null;
        trainOp = null;
        numSums = 0;
      }
      session = new Session(graph, sessionConfig(spec));
      initialize(all);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** Compiles a program. */
  public static Program compile(Spec spec) {
    requireNonNull(spec, "spec");
    return new Program(spec);
  }

  /**
   * Chooses TensorFlow's thread pools. A small model (few weights, small inputs) runs each op faster on one
   * thread than the pools can hand it out: one intra-op and one inter-op thread halve the ANN's step time. Larger
   * models use all cores. The system properties {@code keras4j.intraOpThreads} and
   * {@code keras4j.interOpThreads} override the choice (0 = TensorFlow's default, all cores).
   */
  static ConfigProto sessionConfig(Spec spec) {
    long params = 0;
    for (Weight w : spec.weights()) {
      params += w.size();
    }
    long inputSize = 1;
    for (int i = 1; i < spec.inputShape().numDimensions(); i++) {
      inputSize *= Math.max(1, spec.inputShape().size(i));
    }
    boolean small = params <= SMALL_MODEL_PARAMS && inputSize <= SMALL_MODEL_INPUT;
    int intra = Integer.getInteger("keras4j.intraOpThreads", small ? 1 : 0);
    int inter = Integer.getInteger("keras4j.interOpThreads", small ? 1 : 0);
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intra)
        .setInterOpParallelismThreads(inter)
        .build();
  }

  private static final long SMALL_MODEL_PARAMS = 200_000;
  private static final long SMALL_MODEL_INPUT = 4_096;

  private Operand<TFloat32> sums(Ops tf, Loss loss, List<Metric> metrics, Operand<TFloat32> out) {
    return sums(tf, loss, metrics, out, loss.perSample(tf, y, out));
  }

  private Operand<TFloat32> sums(
      Ops tf, Loss loss, List<Metric> metrics, Operand<TFloat32> out, Operand<TFloat32> perSampleLoss) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    parts.add(tf.sum(perSampleLoss, tf.constant(0)));
    for (Metric m : metrics) {
      Operand<TFloat32> labels = labelsFor(tf, m.sparseLabels(), loss.sparseLabels(), out);
      parts.add(tf.sum(m.perSample(tf, labels, out), tf.constant(0)));
    }
    return tf.stack(parts);
  }

  private Operand<TFloat32> labelsFor(Ops tf, boolean metricSparse, boolean lossSparse, Operand<TFloat32> out) {
    if (metricSparse == lossSparse) {
      return y;
    }
    if (metricSparse) {
      return tf.dtypes.cast(tf.math.argMax(y, tf.constant(-1)), TFloat32.class);
    }
    int classes = (int) out.shape().size(-1);
    return tf.oneHot(
        tf.dtypes.cast(y, TInt64.class), tf.constant(classes), tf.constant(1f), tf.constant(0f));
  }

  private Op buildUpdates(
      Ops tf, Optimizer optimizer, List<Weight> trainable, Operand<TFloat32> meanLoss, List<Op> layerUpdates) {
    List<Op> dependencies = new ArrayList<>();
    dependencies.add(trainSums);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    if (!trainable.isEmpty()) {
      List<Operand<?>> reads = new ArrayList<>();
      for (Weight w : trainable) {
        reads.add(slots.get(w).read());
      }
      org.tensorflow.op.core.Gradients gradients;
      try {
        gradients = tf.gradients(meanLoss, reads);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "Cannot differentiate the loss w.r.t. the trainable weights " + paths(trainable) + ": " + e.getMessage()
                + ". A trainable weight that does not affect the loss must be frozen (trainable(false)).", e);
      }
      for (int i = 0; i < trainable.size(); i++) {
        Operand<TFloat32> g = gradients.dy(i);
        if (g == null) {
          throw new IllegalStateException(
              "Weight '" + trainable.get(i).path() + "' is trainable but does not affect the loss; freeze its"
                  + " layer with trainable(false).");
        }
        grads.add(g);
        dependencies.add(g);
      }
    }
    // Every gradient is computed before any weight changes: backprop reads the weights too.
    Ops after = tf.withControlDependencies(dependencies);
    Slot iterations = slots.get(optimizer.iterations());
    Operand<TFloat32> localStep = after.math.add(after.identity(iterations.variable()), after.constant(1f));
    Optimizer.Step step = new Optimizer.Step(localStep, after.constant((float) optimizer.learningRate()));
    List<Op> updates = new ArrayList<>(layerUpdates);
    for (int i = 0; i < trainable.size(); i++) {
      Weight w = trainable.get(i);
      List<Operand<TFloat32>> slotVars = new ArrayList<>();
      for (Weight s : optimizer.slotsFor(w)) {
        slotVars.add(slots.get(s).variable());
      }
      updates.add(optimizer.applyDense(after, slots.get(w).variable(), grads.get(i), slotVars, step));
    }
    return tf.withControlDependencies(updates).assignAdd(iterations.variable(), tf.constant(1f));
  }

  private static List<String> paths(List<Weight> weights) {
    return weights.stream().map(Weight::path).toList();
  }

  private void initialize(List<Weight> all) {
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    try {
      for (Weight w : all) {
        if (adopted.contains(w)) {
          continue;
        }
        float[] value = w.adopt(this);
        adopted.add(w);
        Slot slot = slots.get(w);
        TFloat32 t = TFloat32.tensorOf(Shape.of(w.shape()), DataBuffers.of(value, true, false));
        tensors.add(t);
        runner.feed(slot.input(), t).addTarget(slot.assign());
      }
      if (!runner.isEmpty()) {
        runner.run().close();
      }
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  /**
   * Takes back weights that another program adopted since (a layer shared by two models trained by the other):
   * their current values are copied into this session before it runs again.
   */
  public synchronized void reclaim() {
    checkOpen();
    for (Weight w : adopted) {
      if (!w.isHeldBy(this)) {
        float[] value = w.adopt(this);
        write(w, value);
      }
    }
  }

  // ---------------------------------------------------------------- running

  /** Returns the output shape with {@code -1} batch. */
  public Shape outputShape() {
    return outputShape;
  }

  /** Returns whether the program can train. */
  public boolean canTrain() {
    return trainOp != null;
  }

  /** Returns whether the program can evaluate. */
  public boolean canEvaluate() {
    return evalSums != null;
  }

  /** Returns the label shape ({@code -1} batch). */
  public Shape labelShape() {
    return labelShape;
  }

  /**
   * Runs one training step on a batch and returns {@code [loss sum, metric sums…]} over the batch.
   *
   * @param xs the inputs, {@code batch * sampleSize} values (extra trailing values are ignored)
   * @param ys the labels, {@code batch * labelSize} values
   */
  public float[] trainStep(float[] xs, float[] ys, int batch) {
    checkOpen();
    return runSums(trainSums, trainOp, xs, ys, batch);
  }

  /** Runs the inference flavour with the loss and returns {@code [loss sum, metric sums…]} over the batch. */
  public float[] evaluateStep(float[] xs, float[] ys, int batch) {
    checkOpen();
    return runSums(evalSums, null, xs, ys, batch);
  }

  private synchronized float[] runSums(Operand<TFloat32> fetch, Op target, float[] xs, float[] ys, int batch) {
    TFloat32 xt = fill(xTensors, x.shape(), xs, batch);
    TFloat32 yt = fill(yTensors, labelShape, ys, batch);
    Session.Runner runner = session.runner().feed(x, xt).feed(y, yt).fetch(fetch);
    if (target != null) {
      runner.addTarget(target);
    }
    try (Result result = runner.run()) {
      float[] out = new float[numSums];
      ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  /** Runs the inference flavour and returns the flat outputs of the batch. */
  public synchronized float[] predictStep(float[] xs, int batch) {
    checkOpen();
    TFloat32 xt = fill(xTensors, x.shape(), xs, batch);
    try (Result result = session.runner().feed(x, xt).fetch(prediction).run()) {
      TFloat32 out = (TFloat32) result.get(0);
      float[] values = new float[Math.toIntExact(out.shape().size())];
      out.copyTo(DataBuffers.of(values, false, false));
      return values;
    }
  }

  private static TFloat32 fill(Map<Long, TFloat32> cache, Shape batchShape, float[] values, int batch) {
    TFloat32 t = cache.get((long) batch);
    if (t == null) {
      long[] dims = batchShape.asArray();
      dims[0] = batch;
      t = TFloat32.tensorOf(Shape.of(dims));
      if (cache.size() >= 4) {
        cache.values().forEach(TFloat32::close);
        cache.clear();
      }
      cache.put((long) batch, t);
    }
    long n = t.shape().size();
    if (values.length < n) {
      throw new IllegalArgumentException(
          "Expected " + n + " values for a batch of shape " + t.shape() + ", but got " + values.length + ".");
    }
    t.copyFrom(DataBuffers.of(values, true, false).narrow(n));
    return t;
  }

  // ---------------------------------------------------------------- weights

  @Override
  public synchronized float[] read(Weight weight) {
    return readAll(List.of(weight)).get(0);
  }

  /** Reads several weights in one run. */
  public synchronized List<float[]> readAll(List<Weight> weights) {
    checkOpen();
    if (weights.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = session.runner();
    for (Weight w : weights) {
      Slot slot = slots.get(w);
      if (slot == null) {
        throw new IllegalArgumentException("Weight '" + w.path() + "' is not part of this program.");
      }
      runner.fetch(slot.read());
    }
    List<float[]> values = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < weights.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] v = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(v, false, false));
        values.add(v);
      }
    }
    return values;
  }

  @Override
  public synchronized void write(Weight weight, float[] values) {
    checkOpen();
    Slot slot = slots.get(weight);
    if (slot == null) {
      throw new IllegalArgumentException("Weight '" + weight.path() + "' is not part of this program.");
    }
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(weight.shape()), DataBuffers.of(values, true, false))) {
      session.runner().feed(slot.input(), t).addTarget(slot.assign()).run().close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This compiled model was closed; compile or fit it again.");
    }
  }

  /** Hands every adopted weight back with its final value, then frees the graph and session. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      List<float[]> values = readAll(adopted);
      for (int i = 0; i < adopted.size(); i++) {
        adopted.get(i).release(this, values.get(i));
      }
    } finally {
      closed = true;
      xTensors.values().forEach(TFloat32::close);
      yTensors.values().forEach(TFloat32::close);
      session.close();
      graph.close();
    }
  }

  /** Returns whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  private final class Ctx implements CallContext {
    private final Ops tf;
    private final boolean training;
    private final SplittableRandom seeds;
    private final List<Op> updates = new ArrayList<>();

    Ctx(Ops tf, boolean training, SplittableRandom seeds) {
      this.tf = tf;
      this.training = training;
      this.seeds = seeds;
    }

    @Override
    public boolean training() {
      return training;
    }

    @Override
    public Operand<TFloat32> read(Weight weight) {
      Slot slot = slots.get(weight);
      if (slot == null) {
        throw new IllegalStateException(
            "Weight '" + weight.path() + "' was read in call() but is not among the model's weights; create"
                + " weights only in build() through BuildContext.addWeight.");
      }
      return slot.read();
    }

    @Override
    public long nextSeed() {
      return seeds.nextLong();
    }

    @Override
    public void addUpdate(Weight weight, Operand<TFloat32> newValue) {
      if (!training) {
        return;
      }
      Slot slot = slots.get(weight);
      if (slot == null) {
        throw new IllegalStateException("Weight '" + weight.path() + "' is not among the model's weights.");
      }
      updates.add(tf.assign(slot.variable(), newValue));
    }
  }

  /** Returns a description for debugging: weights and their paths. */
  @Override
  public String toString() {
    Map<String, String> shapes = new LinkedHashMap<>();
    for (Weight w : slots.keySet()) {
      shapes.put(w.path(), java.util.Arrays.toString(w.shape()));
    }
    return "Program" + shapes;
  }
}
