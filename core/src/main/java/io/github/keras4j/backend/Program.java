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
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Internal: a model compiled into one TensorFlow graph and session — the only class that runs TF sessions.
 *
 * <p>The graph holds a placeholder per model input (and one label placeholder per output), one variable per
 * weight, the forward pass in an inference flavour (predict, evaluate) and, when compiled for training, a training
 * flavour with the loss, the metric sums, the gradients w.r.t. the trainable weights only and the optimizer's
 * updates, grouped into one train op. A training step is one {@code Session.run} that feeds the batch, runs the
 * train op and fetches {@code [loss sum, metric sums…]}.
 *
 * <p>With several outputs the loss minimized is the sum over outputs of each output's batch-mean loss (Keras's
 * default {@code loss_weights} of 1), and the sums are Keras 2.x's logs in order: the total loss, each output's
 * loss, then each output's metrics (output by output).
 *
 * <p>The program adopts every weight it uses (see {@link Weight}): while it is open, its session holds their
 * values; {@link #close()} hands the final values back.
 *
 * <p><b>Threads.</b> Inference ({@link #predictStep}, {@link #evaluateStep}) and weight reads run concurrently
 * (TensorFlow sessions are thread-safe; each call feeds its own tensors); a training step, a weight write and
 * {@link #close()} run alone. The program never calls into a {@link Weight} while holding its own lock, so the
 * lock order is always weight → program and the two cannot deadlock. Every failure path closes the session before
 * the graph (TensorFlow's {@code Graph.close} waits for its sessions, so the other order hangs).
 */
public final class Program implements WeightStore, AutoCloseable {
  /** Adds a model's forward pass to the graph. */
  @FunctionalInterface
  public interface Forward {
    /** Returns the model's outputs for its inputs {@code xs} (both in the model's order). */
    List<Operand<TFloat32>> apply(Ops tf, List<Operand<TFloat32>> xs, CallContext ctx);
  }

  /**
   * What to compile.
   *
   * @param inputShapes the batch shape of each input ({@code -1} batch)
   * @param forward the model's forward pass
   * @param weights every weight the forward pass reads
   * @param trainable the weights to train (a subset of {@code weights})
   * @param optimizer null for an inference-only program
   * @param losses one loss per output, or null for an inference-only program
   * @param metrics per output, the metrics reported with the loss (ignored without losses)
   * @param seed seeds the random ops (dropout)
   */
  public record Spec(
      List<Shape> inputShapes,
      Forward forward,
      List<Weight> weights,
      List<Weight> trainable,
      Optimizer optimizer,
      List<Loss> losses,
      List<List<Metric>> metrics,
      long seed) {
    /** Checks the lists and copies them. */
    public Spec {
      inputShapes = List.copyOf(inputShapes);
      if (inputShapes.isEmpty()) {
        throw new IllegalArgumentException("Spec: give at least one input shape.");
      }
      if (losses != null) {
        losses = List.copyOf(losses);
        metrics = metrics == null ? null : metrics.stream().map(List::copyOf).toList();
        if (metrics == null || metrics.size() != losses.size()) {
          throw new IllegalArgumentException("Spec: give one list of metrics per loss (output).");
        }
      }
    }
  }

  private record Slot(Variable<TFloat32> variable, Operand<TFloat32> read, Placeholder<TFloat32> input, Op assign) {}

  private final Graph graph;
  private final Session session;
  private final Map<Weight, Slot> slots = new IdentityHashMap<>();
  private final List<Weight> adopted = new ArrayList<>();
  private final List<Placeholder<TFloat32>> x = new ArrayList<>();
  private final List<Operand<TFloat32>> prediction;
  private final List<Shape> outputShapes;
  private final List<Placeholder<TFloat32>> y = new ArrayList<>();
  private final List<Shape> labelShapes = new ArrayList<>();
  private final Operand<TFloat32> evalSums;
  private final Operand<TFloat32> trainSums;
  private final Op trainOp;
  private final List<Map<Long, TFloat32>> xTensors = new ArrayList<>();
  private final List<Map<Long, TFloat32>> yTensors = new ArrayList<>();
  private final int numSums;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** The weights' values when the program closed; reads and writes that race with close() use them. */
  private final Map<Weight, float[]> finalValues = new IdentityHashMap<>();
  private volatile boolean closed;

  private Program(Spec spec) {
    checkSize(spec);
    graph = new Graph();
    Session created = null;
    try {
      Ops tf = Ops.create(graph);
      SplittableRandom seeds = new SplittableRandom(spec.seed());
      List<Weight> all = new ArrayList<>(spec.weights());
      Optimizer optimizer = spec.losses() != null ? spec.optimizer() : null;
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
      for (Shape shape : spec.inputShapes()) {
        x.add(tf.placeholder(TFloat32.class, Placeholder.shape(shape)));
        xTensors.add(new HashMap<>());
      }
      List<Operand<TFloat32>> inputs = List.copyOf(x);
      Ctx inference = new Ctx(tf, false, seeds);
      prediction = List.copyOf(spec.forward().apply(tf, inputs, inference));
      outputShapes = prediction.stream().map(Operand::shape).toList();

      List<Loss> losses = spec.losses();
      if (losses != null) {
        if (losses.size() != prediction.size()) {
          throw new IllegalArgumentException(
              "The model has " + prediction.size() + " outputs, but the program got " + losses.size() + " losses.");
        }
        for (int o = 0; o < losses.size(); o++) {
          Shape labelShape = losses.get(o).sparseLabels() ? Shape.of(-1) : outputShapes.get(o);
          labelShapes.add(labelShape);
          y.add(tf.placeholder(TFloat32.class, Placeholder.shape(labelShape)));
          yTensors.add(new HashMap<>());
        }
        evalSums = sums(tf, losses, spec.metrics(), prediction, perSample(tf, losses, prediction));
        int count = losses.size() == 1 ? 1 : 1 + losses.size();
        for (List<Metric> m : spec.metrics()) {
          count += m.size();
        }
        numSums = count;
        if (optimizer != null) {
          Ctx training = new Ctx(tf, true, seeds);
          List<Operand<TFloat32>> trainOut = spec.forward().apply(tf, inputs, training);
          List<Operand<TFloat32>> perSample = perSample(tf, losses, trainOut);
          Operand<TFloat32> meanLoss = null;
          for (Operand<TFloat32> ps : perSample) {
            Operand<TFloat32> mean = tf.math.mean(ps, tf.constant(0));
            meanLoss = meanLoss == null ? mean : tf.math.add(meanLoss, mean);
          }
          trainSums = sums(tf, losses, spec.metrics(), trainOut, perSample);
          trainOp = buildUpdates(tf, optimizer, spec.trainable(), meanLoss, training.updates);
        } else {
          trainSums = null;
          trainOp = null;
        }
      } else {
        evalSums = null;
        trainSums = null;
        trainOp = null;
        numSums = 0;
      }
      created = new Session(graph, sessionConfig(spec));
      session = created;
      initialize(all);
    } catch (RuntimeException | OutOfMemoryError e) {
      for (Weight w : adopted) {
        w.release(this, null);
      }
      // Session first: Graph.close() waits until every session of the graph is closed.
      if (created != null) {
        created.close();
      }
      graph.close();
      if (e instanceof OutOfMemoryError) {
        throw new IllegalStateException(
            "Not enough memory to allocate the model's " + paramCount(spec) + " weight values ("
                + gib(paramCount(spec) * Float.BYTES) + " as float32): " + e.getMessage()
                + ". Give the JVM more heap (-Xmx) or use a smaller model.", e);
      }
      throw e;
    }
  }

  private static long paramCount(Spec spec) {
    long n = 0;
    for (Weight w : spec.weights()) {
      n += w.size();
    }
    return n;
  }

  private static String gib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  /**
   * Refuses a model that cannot be allocated before building anything: a weight over Java's array limit, or
   * weights that need more than the JVM's maximum heap (their host copies live there).
   */
  private static void checkSize(Spec spec) {
    for (Weight w : spec.weights()) {
      if (w.size() > MAX_WEIGHT_VALUES) {
        throw new IllegalArgumentException(
            "Weight '" + w.path() + "' has shape " + java.util.Arrays.toString(w.shape()) + " (" + w.size()
                + " values), more than one weight can hold (" + MAX_WEIGHT_VALUES + " values); use fewer units.");
      }
    }
    long bytes = paramCount(spec) * Float.BYTES;
    long heap = Runtime.getRuntime().maxMemory();
    if (heap != Long.MAX_VALUE && bytes > heap) {
      throw new IllegalStateException(
          "The model has " + paramCount(spec) + " weight values (" + gib(bytes) + " as float32), more than the"
              + " JVM's maximum heap (" + gib(heap) + "); give the JVM more heap (-Xmx) or use a smaller model.");
    }
  }

  /** Java's practical array limit. */
  private static final long MAX_WEIGHT_VALUES = Integer.MAX_VALUE - 8;

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
   *
   * <p>Grappler's remapper is off: it fuses MatMul/Conv2D + BiasAdd (or BatchNorm) + Relu/Relu6 into kernels
   * whose ReLU maps NaN to 0, so a NaN input came out of a softmax as a uniform distribution (1/3, 1/3, 1/3)
   * instead of NaN. Unfused, TensorFlow's ReLU propagates NaN as IEEE arithmetic (and Keras's contract) wants.
   * {@code -Dkeras4j.fuseOps=true} turns the fusion back on (faster convolutional nets on CPU, NaN lost in ReLU).
   */
  static ConfigProto sessionConfig(Spec spec) {
    long params = 0;
    for (Weight w : spec.weights()) {
      params += w.size();
    }
    long inputSize = 0;
    for (Shape shape : spec.inputShapes()) {
      long size = 1;
      for (int i = 1; i < shape.numDimensions(); i++) {
        size *= Math.max(1, shape.size(i));
      }
      inputSize += size;
    }
    boolean small = params <= SMALL_MODEL_PARAMS && inputSize <= SMALL_MODEL_INPUT;
    int intra = Integer.getInteger("keras4j.intraOpThreads", small ? 1 : 0);
    int inter = Integer.getInteger("keras4j.interOpThreads", small ? 1 : 0);
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intra)
        .setInterOpParallelismThreads(inter)
        .setGraphOptions(GraphOptions.newBuilder()
            .setRewriteOptions(RewriterConfig.newBuilder().setRemapping(
                Boolean.getBoolean("keras4j.fuseOps") ? RewriterConfig.Toggle.DEFAULT : RewriterConfig.Toggle.OFF)))
        .build();
  }

  private static final long SMALL_MODEL_PARAMS = 200_000;
  private static final long SMALL_MODEL_INPUT = 4_096;

  private List<Operand<TFloat32>> perSample(Ops tf, List<Loss> losses, List<Operand<TFloat32>> outs) {
    List<Operand<TFloat32>> perSample = new ArrayList<>();
    for (int o = 0; o < losses.size(); o++) {
      perSample.add(losses.get(o).perSample(tf, y.get(o), outs.get(o)));
    }
    return perSample;
  }

  /** Stacks {@code [total loss sum, (several outputs:) each output's loss sum, each output's metric sums…]}. */
  private Operand<TFloat32> sums(
      Ops tf, List<Loss> losses, List<List<Metric>> metrics, List<Operand<TFloat32>> outs,
      List<Operand<TFloat32>> perSampleLosses) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    List<Operand<TFloat32>> lossSums = new ArrayList<>();
    for (Operand<TFloat32> ps : perSampleLosses) {
      lossSums.add(tf.sum(ps, tf.constant(0)));
    }
    if (lossSums.size() == 1) {
      parts.add(lossSums.get(0));
    } else {
      parts.add(tf.math.addN(lossSums));
      parts.addAll(lossSums);
    }
    for (int o = 0; o < losses.size(); o++) {
      Operand<TFloat32> out = outs.get(o);
      for (Metric m : metrics.get(o)) {
        Operand<TFloat32> labels = labelsFor(tf, m.sparseLabels(), losses.get(o).sparseLabels(), y.get(o), out);
        parts.add(tf.sum(m.perSample(tf, labels, out), tf.constant(0)));
      }
    }
    return tf.stack(parts);
  }

  private static Operand<TFloat32> labelsFor(
      Ops tf, boolean metricSparse, boolean lossSparse, Operand<TFloat32> y, Operand<TFloat32> out) {
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

  /** Adopts the weights and assigns their values; readers from other threads wait until this is done. */
  private void initialize(List<Weight> all) {
    Session.Runner runner = session.runner();
    List<TFloat32> tensors = new ArrayList<>();
    lock.writeLock().lock();
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
      lock.writeLock().unlock();
      tensors.forEach(TFloat32::close);
    }
  }

  /**
   * Takes back weights that another program adopted since (a layer shared by two models trained by the other):
   * their current values are copied into this session before it runs again.
   */
  public void reclaim() {
    checkOpen();
    for (Weight w : adopted) {
      if (!w.isHeldBy(this)) {
        write(w, w.adopt(this));
      }
    }
  }

  // ---------------------------------------------------------------- running

  /** Returns each output's shape with {@code -1} batch. */
  public List<Shape> outputShapes() {
    return outputShapes;
  }

  /** Returns whether the program can train. */
  public boolean canTrain() {
    return trainOp != null;
  }

  /**
   * Runs one training step on a batch and returns the sums (see the class comment) over the batch. Runs alone.
   *
   * @param xs per input, {@code batch * sampleSize} values (extra trailing values are ignored)
   * @param ys per output, {@code batch * labelSize} values
   */
  public float[] trainStep(List<float[]> xs, List<float[]> ys, int batch) {
    if (trainOp == null) {
      throw new IllegalStateException("This program was compiled without an optimizer and loss.");
    }
    checkCounts(xs, ys);
    lock.writeLock().lock();
    try {
      checkOpen();
      Session.Runner runner = session.runner();
      for (int i = 0; i < x.size(); i++) {
        runner.feed(x.get(i), fill(xTensors.get(i), x.get(i).shape(), xs.get(i), batch));
      }
      for (int o = 0; o < y.size(); o++) {
        runner.feed(y.get(o), fill(yTensors.get(o), labelShapes.get(o), ys.get(o), batch));
      }
      runner.fetch(trainSums).addTarget(trainOp);
      try (Result result = runChecked(runner)) {
        return sums((TFloat32) result.get(0));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Runs the inference flavour with the losses and returns the sums (see the class comment) over the batch. Safe
   * to call from several threads at once.
   */
  public float[] evaluateStep(List<float[]> xs, List<float[]> ys, int batch) {
    if (evalSums == null) {
      throw new IllegalStateException("This program was compiled without a loss.");
    }
    checkCounts(xs, ys);
    List<TFloat32> fed = new ArrayList<>();
    lock.readLock().lock();
    try {
      checkOpen();
      Session.Runner runner = session.runner();
      for (int i = 0; i < x.size(); i++) {
        runner.feed(x.get(i), tensor(fed, x.get(i).shape(), xs.get(i), batch));
      }
      for (int o = 0; o < y.size(); o++) {
        runner.feed(y.get(o), tensor(fed, labelShapes.get(o), ys.get(o), batch));
      }
      runner.fetch(evalSums);
      try (Result result = runChecked(runner)) {
        return sums((TFloat32) result.get(0));
      }
    } finally {
      lock.readLock().unlock();
      fed.forEach(TFloat32::close);
    }
  }

  /**
   * Runs a step; a failed in-graph check of a layer ({@code AssertThat}, e.g. Embedding's id range) becomes an
   * {@link IllegalArgumentException} carrying the layer's message.
   */
  private static Result runChecked(Session.Runner runner) {
    try {
      return runner.run();
    } catch (org.tensorflow.exceptions.TFInvalidArgumentException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.startsWith("assertion failed: [")) {
        String text = message.substring("assertion failed: ".length());
        int node = text.indexOf("\n\t [[");
        if (node < 0) {
          node = text.indexOf("\n");
        }
        if (node >= 0) {
          text = text.substring(0, node);
        }
        text = text.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
          text = text.substring(1, text.length() - 1);
        }
        text = text.replace("] [", " ").replace("\\'", "'");
        throw new IllegalArgumentException(text.trim(), e);
      }
      throw e;
    }
  }

  private float[] sums(TFloat32 t) {
    float[] out = new float[numSums];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Runs the inference flavour and returns each output of the batch, flat. Safe from several threads at once. */
  public List<float[]> predictStep(List<float[]> xs, int batch) {
    checkCounts(xs, null);
    List<TFloat32> fed = new ArrayList<>();
    lock.readLock().lock();
    try {
      checkOpen();
      Session.Runner runner = session.runner();
      for (int i = 0; i < x.size(); i++) {
        runner.feed(x.get(i), tensor(fed, x.get(i).shape(), xs.get(i), batch));
      }
      for (Operand<TFloat32> out : prediction) {
        runner.fetch(out);
      }
      try (Result result = runChecked(runner)) {
        List<float[]> outputs = new ArrayList<>();
        for (int o = 0; o < prediction.size(); o++) {
          TFloat32 out = (TFloat32) result.get(o);
          float[] values = new float[Math.toIntExact(out.shape().size())];
          out.copyTo(DataBuffers.of(values, false, false));
          outputs.add(values);
        }
        return outputs;
      }
    } finally {
      lock.readLock().unlock();
      fed.forEach(TFloat32::close);
    }
  }

  private void checkCounts(List<float[]> xs, List<float[]> ys) {
    if (xs.size() != x.size()) {
      throw new IllegalArgumentException(
          "The model has " + x.size() + " inputs, but the batch has " + xs.size() + " input arrays.");
    }
    if (ys != null && ys.size() != y.size()) {
      throw new IllegalArgumentException(
          "The model has " + y.size() + " outputs, but the batch has " + ys.size() + " label arrays.");
    }
  }

  /** A batch tensor of one call, closed by the caller (concurrent calls cannot share tensors). */
  private static TFloat32 tensor(List<TFloat32> fed, Shape batchShape, float[] values, int batch) {
    long[] dims = batchShape.asArray();
    dims[0] = batch;
    TFloat32 t = TFloat32.tensorOf(Shape.of(dims));
    fed.add(t);
    copyInto(t, values);
    return t;
  }

  /** A batch tensor cached by batch size, for training steps (which run alone). */
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
    copyInto(t, values);
    return t;
  }

  private static void copyInto(TFloat32 t, float[] values) {
    long n = t.shape().size();
    if (values.length < n) {
      throw new IllegalArgumentException(
          "Expected " + n + " values for a batch of shape " + t.shape() + ", but got " + values.length + ".");
    }
    t.copyFrom(DataBuffers.of(values, true, false).narrow(n));
  }

  // ---------------------------------------------------------------- weights

  @Override
  public float[] read(Weight weight) {
    lock.readLock().lock();
    try {
      if (closed) {
        return finalValue(weight).clone();
      }
      return readAll(List.of(weight)).get(0);
    } finally {
      lock.readLock().unlock();
    }
  }

  private float[] finalValue(Weight weight) {
    float[] v = finalValues.get(weight);
    if (v == null) {
      throw new IllegalArgumentException("Weight '" + weight.path() + "' is not part of this program.");
    }
    return v;
  }

  /** Reads several weights in one run; the caller holds the lock. */
  private List<float[]> readAll(List<Weight> weights) {
    if (weights.isEmpty()) {
      return List.of();
    }
    Session.Runner runner = session.runner();
    for (Weight w : weights) {
      runner.fetch(slot(w).read());
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

  private Slot slot(Weight w) {
    Slot slot = slots.get(w);
    if (slot == null) {
      throw new IllegalArgumentException("Weight '" + w.path() + "' is not part of this program.");
    }
    return slot;
  }

  @Override
  public void write(Weight weight, float[] values) {
    lock.writeLock().lock();
    try {
      if (closed) {
        finalValue(weight);
        finalValues.put(weight, values.clone());
        return;
      }
      Slot slot = slot(weight);
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(weight.shape()), DataBuffers.of(values, true, false))) {
        session.runner().feed(slot.input(), t).addTarget(slot.assign()).run().close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("This compiled model was closed; compile or fit it again.");
    }
  }

  /**
   * Frees the session, then the graph, after waiting for running steps; then hands every adopted weight back
   * with its final value. Idempotent.
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      try {
        List<float[]> values = readAll(adopted);
        for (int i = 0; i < adopted.size(); i++) {
          finalValues.put(adopted.get(i), values.get(i));
        }
      } finally {
        closed = true;
        xTensors.forEach(cache -> cache.values().forEach(TFloat32::close));
        yTensors.forEach(cache -> cache.values().forEach(TFloat32::close));
        session.close();
        graph.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
    // Outside this program's lock: a weight locks itself and then its store, never the other way round.
    for (Weight w : adopted) {
      synchronized (w) {
        float[] last;
        lock.readLock().lock();
        try {
          last = finalValues.get(w);
        } finally {
          lock.readLock().unlock();
        }
        w.release(this, last);
      }
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
