package io.github.keras4j.backend;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.layers.internal.LayerInternals;
import io.github.keras4j.layers.internal.WeightStore;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
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
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
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
 * <p>State variables of stateful layers ({@link CallContext#assignState}) are assigned their new values in every
 * flavour: after the outputs in {@link #predictStep}, {@link #evaluateStep} and each step of
 * {@link #evaluateSteps}, after the train op in a training step (so that nothing reads a state that was already
 * overwritten); the next step of a block reads the assigned states.
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
  /** Assigns the stateful layers' new states after an inference step (null without stateful layers). */
  private final Op stateUpdate;
  private final List<Map<Long, TFloat32>> xTensors = new ArrayList<>();
  private final List<Map<Long, TFloat32>> yTensors = new ArrayList<>();
  private final Map<Long, TFloat32> weightTensors = new HashMap<>();
  private final int numSums;
  /** The learning rate of a training step, fed by {@link #trainStep} (null without an optimizer). */
  private Placeholder<TFloat32> learningRate;
  /** Per-sample loss weights (class or sample weights); ones unless fed. */
  private Operand<TFloat32> sampleWeight;
  private Optimizer optimizer;
  /** Kept to add multi-step blocks later (null for an inference-only program). */
  private Spec spec;
  private SplittableRandom seeds;
  private final Map<BlockKey, Block> blocks = new HashMap<>();
  private List<List<Metric>> metricsPerOutput = List.of();
  private final List<Integer> stateSizes = new ArrayList<>();
  /** For evaluation blocks: the forward pass, the losses and the trainable weights (their penalties). */
  private Forward evalForward;
  private List<Loss> evalLosses;
  private List<Weight> evalTrainable;

  private static int countMetrics(List<List<Metric>> metrics) {
    int n = 0;
    for (List<Metric> m : metrics) {
      n += m.size();
    }
    return n;
  }
  /**
   * The optimizer's iterations as last known here, for schedules and the step numbers fed to a multi-step block;
   * -1 when it must be read.
   */
  private long iterationMirror = -1;
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
      this.optimizer = optimizer;
      if (optimizer != null) {
        all.add(OptimizerInternals.iterations(optimizer));
        all.addAll(OptimizerInternals.globalVariables(optimizer));
        learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        for (Weight w : spec.trainable()) {
          all.addAll(OptimizerInternals.slotsFor(optimizer, w));
          if (optimizer.averageFor(w) != null) {
            all.add(optimizer.averageFor(w));
          }
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
      stateUpdate = assignStates(tf, inference, new ArrayList<>(prediction));
      Operand<TFloat32> ones =
          tf.fill(tf.stridedSlice(tf.shape(x.get(0)), tf.constant(new int[] {0}), tf.constant(new int[] {1}),
              tf.constant(new int[] {1})), tf.constant(1f));
      sampleWeight = tf.withName("sample_weight").placeholderWithDefault(ones, Shape.of(-1));
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
        evalSums = sums(tf, losses, spec.metrics(), prediction, perSample(tf, losses, prediction),
            regularization(tf, spec.trainable(), inference.losses));
        numSums = (int) evalSums.shape().size(0);
        metricsPerOutput = spec.metrics();
        evalForward = spec.forward();
        evalLosses = losses;
        evalTrainable = spec.trainable();
        if (optimizer != null) {
          this.spec = spec;
          this.seeds = seeds;
          StepGraph step = stepGraph(tf, inputs, y, sampleWeight, learningRate, null, null);
          trainSums = step.sums();
          trainOp = step.train();
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
        LayerInternals.release(w, this, null);
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
   * thread than the pools can hand it out: one intra-op thread, and its ops run in the thread that calls
   * {@code Session.run} (a negative inter-op count, TensorFlow's "run in caller's thread"), with no hand-over to a
   * pool thread and back (the course's ANN trains about 1.5× faster than on one pool thread), and threads that
   * predict at once each run their own ops. Larger models use all cores. The system properties
   * {@code keras4j.intraOpThreads} and {@code keras4j.interOpThreads} override the choice (0 = TensorFlow's
   * default, all cores; a negative inter-op count runs the ops in the caller's thread).
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
    int inter = Integer.getInteger("keras4j.interOpThreads", small ? -1 : 0);
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
    return perSample(tf, losses, outs, y, sampleWeight);
  }

  private static List<Operand<TFloat32>> perSample(Ops tf, List<Loss> losses, List<Operand<TFloat32>> outs,
      List<? extends Operand<TFloat32>> ys, Operand<TFloat32> weights) {
    List<Operand<TFloat32>> perSample = new ArrayList<>();
    for (int o = 0; o < losses.size(); o++) {
      Operand<TFloat32> values = meanOverSteps(tf, losses.get(o).perSample(tf, ys.get(o), outs.get(o)));
      perSample.add(weights == null ? values : tf.math.mul(values, weights));
    }
    return perSample;
  }

  /**
   * Reduces per-element values of an output of rank above 2 ({@code (batch, steps, …)}, e.g. a sequence output)
   * to one value per sample by their mean, as Keras averages a loss or metric over every element; a
   * {@code (batch,)} tensor is returned as it is.
   */
  private static Operand<TFloat32> meanOverSteps(Ops tf, Operand<TFloat32> values) {
    int rank = values.shape().numDimensions();
    if (rank <= 1) {
      return values;
    }
    int[] axes = new int[rank - 1];
    for (int i = 1; i < rank; i++) {
      axes[i - 1] = i;
    }
    return tf.math.mean(values, tf.constant(axes));
  }

  /**
   * Returns the penalties Keras adds to the loss — each trainable weight's regularizer and every loss a layer added
   * with {@link CallContext#addLoss} (activity regularizers) — summed, or {@code null} when there are none.
   */
  private Operand<TFloat32> regularization(Ops tf, List<Weight> trainable, List<Operand<TFloat32>> added) {
    return regularization(tf, trainable, added, null);
  }

  private Operand<TFloat32> regularization(
      Ops tf, List<Weight> trainable, List<Operand<TFloat32>> added, Ctx ctx) {
    List<Operand<TFloat32>> terms = new ArrayList<>(added);
    for (Weight w : trainable) {
      if (w.regularizer() != null) {
        terms.add(w.regularizer().penalty(tf, ctx == null ? slots.get(w).read() : ctx.read(w)));
      }
    }
    if (terms.isEmpty()) {
      return null;
    }
    return terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
  }

  /**
   * Stacks {@code [total loss sum, (several outputs:) each output's loss sum, each output's metric sums…]}; the
   * total includes the regularization penalty once per sample (Keras reports the batch mean loss plus penalty).
   */
  private Operand<TFloat32> sums(
      Ops tf, List<Loss> losses, List<List<Metric>> metrics, List<Operand<TFloat32>> outs,
      List<Operand<TFloat32>> perSampleLosses, Operand<TFloat32> regularization) {
    return sums(tf, losses, metrics, outs, perSampleLosses, regularization, y);
  }

  private Operand<TFloat32> sums(
      Ops tf, List<Loss> losses, List<List<Metric>> metrics, List<Operand<TFloat32>> outs,
      List<Operand<TFloat32>> perSampleLosses, Operand<TFloat32> regularization,
      List<? extends Operand<TFloat32>> ys) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    if (perSampleLosses.size() == 1 && regularization == null) {
      // The common case in one op: the loss sum as a vector of one value, ready for the concatenation.
      parts.add(tf.sum(perSampleLosses.get(0), tf.constant(0), Sum.keepDims(true)));
    } else {
      List<Operand<TFloat32>> lossSums = new ArrayList<>();
      for (Operand<TFloat32> ps : perSampleLosses) {
        lossSums.add(tf.sum(ps, tf.constant(0)));
      }
      Operand<TFloat32> total = lossSums.size() == 1 ? lossSums.get(0) : tf.math.addN(lossSums);
      if (regularization != null) {
        Operand<TFloat32> batch = tf.dtypes.cast(tf.shape(perSampleLosses.get(0)), TFloat32.class);
        total = tf.math.add(total, tf.math.mul(regularization, tf.sum(batch, tf.constant(0))));
      }
      parts.add(tf.reshape(total, tf.constant(new long[] {1})));
      if (lossSums.size() > 1) {
        for (Operand<TFloat32> l : lossSums) {
          parts.add(tf.reshape(l, tf.constant(new long[] {1})));
        }
      }
    }
    for (int o = 0; o < losses.size(); o++) {
      Operand<TFloat32> out = outs.get(o);
      for (Metric m : metrics.get(o)) {
        Operand<TFloat32> labels = labelsFor(tf, m.sparseLabels(), losses.get(o).sparseLabels(), ys.get(o), out);
        Operand<TFloat32> state = m.batchState(tf, labels, out);
        if (stateSizes.size() < countMetrics(metrics)) {
          stateSizes.add((int) state.shape().size(0));
        }
        if (state.shape().numDimensions() != 1 || state.shape().size(0) < 1) {
          throw new IllegalStateException("Metric '" + m.name() + "': batchState must be a 1-D vector of known"
              + " size, but has shape " + state.shape() + ".");
        }
        parts.add(state);
      }
    }
    return parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(0));
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

  /**
   * N training steps unrolled into one graph fragment, run by one {@code Session.run}; built for one block size
   * {@code k}, one batch size and with or without sample weights, so every shape in it is static and Grappler
   * folds the shape arithmetic of the steps (and their gradients) into constants.
   */
  private record Block(
      List<Placeholder<TFloat32>> xs, List<Placeholder<TFloat32>> ys, Placeholder<TFloat32> weights,
      Placeholder<TFloat32> lr, Placeholder<TFloat32> stepNumbers, Placeholder<TBool> active,
      Operand<TFloat32> sums, Op train,
      List<TFloat32> xTensors, List<TFloat32> yTensors, TFloat32[] wTensor) {}

  /** Identifies a block: steps, batch size, weighted. */
  private record BlockKey(int k, int batch, boolean weighted) {}

  private Block block(int k, int batch, boolean weighted) {
    BlockKey key = new BlockKey(k, batch, weighted);
    Block b = blocks.get(key);
    if (b == null) {
      b = buildBlock(k, batch, weighted);
      blocks.put(key, b);
    }
    return b;
  }

  /**
   * Unrolls {@code k} steps: step {@code j} trains on rows {@code [j b, (j + 1) b)} of the fed block. The block's
   * inputs are split into the steps' batches by one {@code Split} op each (not a slice per step), and an
   * unweighted block multiplies no weights (the losses are the same: {@code x * 1 = x}).
   *
   * <p>The block runs any number of its steps, a prefix (see {@link #gate}): a shorter execution, such as an
   * epoch's last, reuses the compiled block instead of compiling (and keeping in memory) one of its own.
   */
  private Block buildBlock(int k, int batch, boolean weighted) {
    Ops tf = Ops.create(graph);
    long rows = (long) k * batch;
    List<Placeholder<TFloat32>> bx = new ArrayList<>();
    List<TFloat32> xTensors = new ArrayList<>();
    List<List<Operand<TFloat32>>> xSplits = new ArrayList<>();
    for (Placeholder<TFloat32> p : x) {
      Shape shape = withBatch(p.shape(), rows);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
      bx.add(in);
      xTensors.add(TFloat32.tensorOf(shape));
      xSplits.add(split(tf, in, k));
    }
    List<Placeholder<TFloat32>> by = new ArrayList<>();
    List<TFloat32> yTensors = new ArrayList<>();
    List<List<Operand<TFloat32>>> ySplits = new ArrayList<>();
    for (Shape labelShape : labelShapes) {
      Shape shape = withBatch(labelShape, rows);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
      by.add(in);
      yTensors.add(TFloat32.tensorOf(shape));
      ySplits.add(split(tf, in, k));
    }
    Placeholder<TFloat32> bw = null;
    List<Operand<TFloat32>> wSplit = null;
    TFloat32[] wTensor = new TFloat32[1];
    if (weighted) {
      bw = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows)));
      wTensor[0] = TFloat32.tensorOf(Shape.of(rows));
      wSplit = split(tf, bw, k);
    }
    Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(k)));
    List<Operand<TFloat32>> rates = k == 1
        ? List.of(tf.reshape(lr, tf.constant(new int[0])))
        : new ArrayList<>(tf.unstack(lr, (long) k).output());
    Placeholder<TFloat32> t = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(k)));
    List<Operand<TFloat32>> stepNumbers = k == 1
        ? List.of(tf.reshape(t, tf.constant(new int[0])))
        : new ArrayList<>(tf.unstack(t, (long) k).output());
    Placeholder<TBool> active = k == 1 ? null : tf.placeholder(TBool.class, Placeholder.shape(Shape.of(k)));
    List<Operand<TBool>> on = k == 1 ? List.of() : new ArrayList<>(tf.unstack(active, (long) k).output());
    List<Operand<TFloat32>> stepSums = new ArrayList<>();
    Op after = null;
    for (int j = 0; j < k; j++) {
      List<Operand<TFloat32>> xs = stepParts(xSplits, j);
      if (j > 0) {
        xs = gate(tf, xs, on.get(j));
      }
      List<Operand<TFloat32>> ys = stepParts(ySplits, j);
      StepGraph g =
          stepGraph(tf, xs, ys, wSplit == null ? null : wSplit.get(j), rates.get(j), stepNumbers.get(j), after);
      stepSums.add(j > 0 ? sumsOrZeros(tf, g.sums(), on.get(j)) : g.sums());
      after = g.train();
    }
    return new Block(bx, by, bw, lr, t, active, tf.stack(stepSums), after, xTensors, yTensors, wTensor);
  }

  /**
   * Gates a step of a block on its {@code on} flag (fed): the step's inputs pass through a {@code Switch}, so when
   * the flag is false they are dead and so is everything computed from them — the forward pass, the loss, the
   * gradients and every update, which TensorFlow's executor then skips (a {@code tf.cond} branch not taken). A
   * step that does not run also stops every later step (each waits for the previous one's train op), so a block
   * runs the prefix of its steps whose flags are true. Step 0 always runs and is not gated.
   */
  private static List<Operand<TFloat32>> gate(Ops tf, List<Operand<TFloat32>> inputs, Operand<TBool> on) {
    List<Operand<TFloat32>> gated = new ArrayList<>(inputs.size());
    for (Operand<TFloat32> in : inputs) {
      gated.add(tf.switchCond(in, on).outputTrue());
    }
    return gated;
  }

  /**
   * A gated step's sums when it ran, zeros when it did not ({@code Merge} passes on whichever input is alive), so
   * the block's stacked sums can always be fetched; the caller reads only the rows of the steps that ran.
   */
  private static Operand<TFloat32> sumsOrZeros(Ops tf, Operand<TFloat32> sums, Operand<TBool> on) {
    Operand<TFloat32> zeros = tf.constant(new float[(int) sums.shape().size(0)]);
    return tf.merge(List.of(sums, tf.switchCond(zeros, on).outputFalse())).output();
  }

  /** Returns the {@code capacity} run flags of a block that runs its first {@code k} steps. */
  private static TBool runFlags(int k, int capacity) {
    boolean[] flags = new boolean[capacity];
    java.util.Arrays.fill(flags, 0, k, true);
    return TBool.vectorOf(flags);
  }

  private static Shape withBatch(Shape shape, long batch) {
    long[] dims = shape.asArray();
    dims[0] = batch;
    return Shape.of(dims);
  }

  /** Splits {@code x} along its first axis into {@code k} equal parts (one op). */
  private static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> x, int k) {
    if (k == 1) {
      return List.of(x);
    }
    return new ArrayList<>(tf.split(tf.constant(0), x, (long) k).output());
  }

  /**
   * Runs {@code k} training steps in one {@code Session.run} (Keras's {@code steps_per_execution}): the inputs
   * hold {@code k} batches of {@code batch} samples each, one after the other. The steps run in order, each on the
   * weights the previous one updated, with the learning rates of iterations {@code t … t + k - 1} — the same
   * updates as {@code k} calls of {@link #trainStep} (random ops such as dropout draw other numbers).
   *
   * <p>The steps run in a block compiled for {@code capacity} steps ({@code capacity >= k}): one compiled block
   * serves every execution up to its size, such as an epoch's shorter last one. The inputs hold at least
   * {@code capacity * batch} samples; those past the {@code k}-th batch are not used.
   *
   * @param sampleWeights {@code capacity * batch} weights, or null for all ones
   * @return the sums of each step, {@code k} rows of {@link #numSums()} values
   */
  public float[][] trainSteps(
      List<float[]> xs, List<float[]> ys, int batch, int k, int capacity, float[] sampleWeights) {
    if (trainOp == null) {
      throw new IllegalStateException("This program was compiled without an optimizer and loss.");
    }
    if (k < 1 || capacity < k) {
      throw new IllegalArgumentException(
          "trainSteps: need 1 <= k <= capacity, but got k=" + k + ", capacity=" + capacity + ".");
    }
    checkCounts(xs, ys);
    lock.writeLock().lock();
    try {
      checkOpen();
      Block b = block(capacity, batch, sampleWeights != null);
      Session.Runner runner = session.runner();
      for (int i = 0; i < x.size(); i++) {
        TFloat32 t = b.xTensors().get(i);
        copyInto(t, xs.get(i));
        runner.feed(b.xs().get(i), t);
      }
      for (int o = 0; o < y.size(); o++) {
        TFloat32 t = b.yTensors().get(o);
        copyInto(t, ys.get(o));
        runner.feed(b.ys().get(o), t);
      }
      if (sampleWeights != null) {
        copyInto(b.wTensor()[0], sampleWeights);
        runner.feed(b.weights(), b.wTensor()[0]);
      }
      float[] rates = new float[capacity];
      float[] numbers = new float[capacity];
      float counter = iterationCount();
      for (int j = 0; j < k; j++) {
        rates[j] = (float) learningRateOfStep(j);
        numbers[j] = counter + 1f; // the float arithmetic of the in-graph counter, step by step
        counter = numbers[j];
      }
      runner.fetch(b.sums()).addTarget(b.train());
      try (TFloat32 lr = TFloat32.tensorOf(Shape.of(capacity), DataBuffers.of(rates, true, false));
          TFloat32 t = TFloat32.tensorOf(Shape.of(capacity), DataBuffers.of(numbers, true, false));
          TBool flags = b.active() == null ? null : runFlags(k, capacity)) {
        runner.feed(b.lr(), lr);
        runner.feed(b.stepNumbers(), t);
        if (flags != null) {
          runner.feed(b.active(), flags);
        }
        try (Result result = runChecked(runner)) {
          iterationMirror += k;
          return sumsPerStep(result, k);
        } catch (RuntimeException e) {
          iterationMirror = -1; // a failed run may have counted some of its steps: read the counter next time
          throw e;
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** One training step's graph: its sums and its train op. */
  private record StepGraph(Operand<TFloat32> sums, Op train) {}

  /**
   * Adds one training step on {@code xs}/{@code ys}: the training-flavour forward pass, the weighted loss plus
   * regularization, the sums and the optimizer's update. With {@code after}, every weight read waits for that op
   * (the previous step of a multi-step block), so the steps run in order on updated weights.
   */
  private StepGraph stepGraph(Ops tf, List<? extends Operand<TFloat32>> xs, List<? extends Operand<TFloat32>> ys,
      Operand<TFloat32> weights, Operand<TFloat32> lr, Operand<TFloat32> stepNumber, Op after) {
    Ctx training = new Ctx(tf, true, seeds, after);
    List<Operand<TFloat32>> trainOut = spec.forward().apply(tf, List.copyOf(xs), training);
    List<Operand<TFloat32>> perSample = perSample(tf, spec.losses(), trainOut, ys, weights);
    Operand<TFloat32> meanLoss = null;
    for (Operand<TFloat32> ps : perSample) {
      Operand<TFloat32> mean = batchMean(tf, ps);
      meanLoss = meanLoss == null ? mean : tf.math.add(meanLoss, mean);
    }
    Operand<TFloat32> regularization = regularization(tf, spec.trainable(), training.losses, training);
    if (regularization != null) {
      meanLoss = tf.math.add(meanLoss, regularization);
    }
    Operand<TFloat32> sums = sums(tf, spec.losses(), spec.metrics(), trainOut, perSample, regularization, ys);
    // One output, no penalty and a static batch size n: the loss is sum(perSample) / n, whose gradient w.r.t. each
    // per-sample value is exactly 1f / n (what backprop through the division and the sum computes); seeding the
    // gradient there skips the ops that broadcast it.
    Operand<TFloat32> gradientFrom = meanLoss;
    Operand<TFloat32> seed = null;
    long n = perSample.get(0).shape().numDimensions() == 1 ? perSample.get(0).shape().size(0) : -1;
    if (perSample.size() == 1 && regularization == null && n > 0 && n <= Integer.MAX_VALUE) {
      float[] ones = new float[(int) n];
      java.util.Arrays.fill(ones, 1f / n);
      gradientFrom = perSample.get(0);
      seed = tf.constant(ones);
    }
    Op train = buildUpdates(
        tf, optimizer, spec.trainable(), gradientFrom, seed, training.updates, sums, lr, stepNumber, training);
    Op states = assignStates(tf, training, List.of(train));
    return new StepGraph(sums, states != null ? states : train);
  }

  /**
   * Assigns the states a step's stateful layers registered ({@link CallContext#assignState}) once {@code after}
   * ran (the step's outputs, or its train op: everything that reads the old states, which a variable read shares
   * the buffer of); returns an op that groups the assignments, or null when there are none.
   */
  private Op assignStates(Ops tf, Ctx ctx, List<Op> after) {
    if (ctx.stateWeights.isEmpty()) {
      return null;
    }
    Ops dependent = tf.withControlDependencies(after);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < ctx.stateWeights.size(); i++) {
      assigns.add(dependent.assign(slot(ctx.stateWeights.get(i)).variable(), ctx.stateValues.get(i)));
    }
    return tf.withControlDependencies(assigns).noOp();
  }

  /**
   * The mean of per-sample values over the batch. With a static batch size (a multi-step block) it is
   * {@code sum / n} — the very arithmetic of TensorFlow's float {@code Mean} kernel (an Eigen sum, then one
   * division), so the value is the same — whose gradient needs none of {@code Mean}'s shape arithmetic (about a
   * dozen ops per step); otherwise {@code Mean}.
   */
  private static Operand<TFloat32> batchMean(Ops tf, Operand<TFloat32> values) {
    long n = values.shape().numDimensions() == 1 ? values.shape().size(0) : -1;
    if (n <= 0) {
      return tf.math.mean(values, tf.constant(0));
    }
    return tf.math.div(tf.sum(values, tf.constant(0)), tf.constant((float) n));
  }

  private Op buildUpdates(
      Ops tf, Optimizer optimizer, List<Weight> trainable, Operand<TFloat32> meanLoss, Operand<TFloat32> seed,
      List<Op> layerUpdates, Operand<TFloat32> stepSums, Operand<TFloat32> lr, Operand<TFloat32> stepNumber,
      Ctx ctx) {
    List<Op> dependencies = new ArrayList<>();
    dependencies.add(stepSums);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    if (!trainable.isEmpty()) {
      List<Operand<?>> reads = new ArrayList<>();
      for (Weight w : trainable) {
        reads.add(ctx.read(w));
      }
      org.tensorflow.op.core.Gradients gradients;
      try {
        gradients = seed == null
            ? tf.gradients(meanLoss, reads)
            : tf.gradients(List.of(meanLoss), reads, org.tensorflow.op.core.Gradients.dx(List.of(seed)));
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
    Slot iterations = slots.get(OptimizerInternals.iterations(optimizer));
    // The step number t (from 1): fed to a multi-step block (no read of the counter, no addition); otherwise the
    // counter read once every gradient is computed, plus one.
    Operand<TFloat32> localStep = stepNumber != null
        ? stepNumber
        : after.math.add(after.identity(iterations.variable()), tf.constant(1f));
    Optimizer.Step step = new Optimizer.Step(localStep, lr);
    List<Op> updates = new ArrayList<>(layerUpdates);
    List<Operand<TFloat32>> variables = new ArrayList<>();
    List<List<Operand<TFloat32>>> slotVariables = new ArrayList<>();
    for (Weight w : trainable) {
      variables.add(slots.get(w).variable());
      List<Operand<TFloat32>> slotVars = new ArrayList<>();
      for (Weight s : OptimizerInternals.slotsFor(optimizer, w)) {
        slotVars.add(slots.get(s).variable());
      }
      slotVariables.add(slotVars);
    }
    List<Operand<TFloat32>> globals = new ArrayList<>();
    for (Weight g : OptimizerInternals.globalVariables(optimizer)) {
      globals.add(slots.get(g).variable());
    }
        updates.addAll(
        OptimizerInternals.applyGradients(optimizer, after, variables, grads, slotVariables, globals, step));
    if (optimizer.useEma()) {
      // Keras 3: the moving averages follow the whole update (and may overwrite the weights) before constraints.
      List<Operand<TFloat32>> averages = new ArrayList<>();
      for (Weight w : trainable) {
        averages.add(slots.get(optimizer.averageFor(w)).variable());
      }
      updates.addAll(OptimizerInternals.applyMovingAverages(
          optimizer, tf.withControlDependencies(updates), variables, averages, step));
    }
    // Keras applies each trained weight's constraint after the update: w <- constraint(w).
    List<Op> constrained = new ArrayList<>();
    Ops afterUpdates = tf.withControlDependencies(updates);
    for (Weight w : trainable) {
      if (w.constraint() != null) {
        Variable<TFloat32> v = slots.get(w).variable();
        constrained.add(afterUpdates.assign(v, w.constraint().apply(afterUpdates, afterUpdates.identity(v))));
      }
    }
    updates.addAll(constrained);
    // After the step's sums and gradients too (not only its updates, which a model without trainable weights has
    // none of): a gated step that does not run (see gate) must not count an iteration.
    updates.addAll(dependencies);
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
        float[] value = LayerInternals.adopt(w, this);
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
    for (Weight w : all) {
      LayerInternals.dropHostCopy(w, this); // the session holds the values now (outside the lock: weight → program)
    }
  }

  /**
   * Takes back weights that another program adopted since (a layer shared by two models trained by the other):
   * their current values are copied into this session before it runs again.
   */
  public void reclaim() {
    checkOpen();
    for (Weight w : adopted) {
      if (!LayerInternals.isHeldBy(w, this)) {
        write(w, LayerInternals.adopt(w, this));
        LayerInternals.dropHostCopy(w, this);
      }
    }
  }

  // ---------------------------------------------------------------- running

  /** Returns each output's shape with {@code -1} batch. */
  public List<Shape> outputShapes() {
    return outputShapes;
  }

  /** Returns the number of values {@link #trainStep} and {@link #evaluateStep} return. */
  public int numSums() {
    return numSums;
  }

  /**
   * Returns the logged values from sums accumulated over {@code samples} samples: each loss sum divided by the
   * samples, then each metric's {@link Metric#result} of its slice of the state (Keras 2.x's log order).
   */
  public double[] results(double[] sums, long samples) {
    int losses = metricsPerOutput.size() == 1 ? 1 : 1 + metricsPerOutput.size();
    int count = losses;
    for (List<Metric> ms : metricsPerOutput) {
      count += ms.size();
    }
    double[] out = new double[count];
    for (int i = 0; i < losses; i++) {
      out[i] = samples == 0 ? 0.0 : sums[i] / samples;
    }
    int offset = losses;
    int k = losses;
    for (List<Metric> ms : metricsPerOutput) {
      for (Metric m : ms) {
        int size = stateSizes.get(k - losses);
        out[k++] = m.result(java.util.Arrays.copyOfRange(sums, offset, offset + size), samples);
        offset += size;
      }
    }
    return out;
  }

  /**
   * Returns how many multi-step blocks (training and evaluation) this program has compiled: one per block size,
   * batch size and weighting, whatever the number of steps each execution runs.
   */
  public int compiledBlocks() {
    lock.readLock().lock();
    try {
      return blocks.size() + evalBlocks.size();
    } finally {
      lock.readLock().unlock();
    }
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
    return trainStep(xs, ys, batch, null);
  }

  /**
   * Runs one training step with per-sample loss weights (Keras's {@code sample_weight}, or class weights turned
   * into sample weights): the loss minimized is {@code sum(w * loss) / batch} and the loss sum returned is
   * {@code sum(w * loss)}; metrics are unweighted, as Keras's {@code metrics}.
   *
   * @param sampleWeights {@code batch} weights, or null for all ones
   */
  public float[] trainStep(List<float[]> xs, List<float[]> ys, int batch, float[] sampleWeights) {
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
      if (sampleWeights != null) {
        if (sampleWeights.length < batch) {
          throw new IllegalArgumentException(
              "Expected " + batch + " sample weights for the batch, but got " + sampleWeights.length + ".");
        }
        runner.feed(sampleWeight, fill(weightTensors, Shape.of(-1), sampleWeights, batch));
      }
      try (TFloat32 lr = TFloat32.scalarOf((float) nextLearningRate())) {
        runner.feed(learningRate, lr);
        try (Result result = runChecked(runner)) {
          if (iterationMirror >= 0) {
            iterationMirror++;
          }
          return sums((TFloat32) result.get(0));
        } catch (RuntimeException e) {
          iterationMirror = -1; // read the counter next time
          throw e;
        }
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
      Session.Runner runner = runnerWithInputs(fed, xs, batch);
      for (int o = 0; o < y.size(); o++) {
        runner.feed(y.get(o), tensor(fed, labelShapes.get(o), ys.get(o), batch));
      }
      runner.fetch(evalSums);
      if (stateUpdate != null) {
        runner.addTarget(stateUpdate);
      }
      try (Result result = runChecked(runner)) {
        return sums((TFloat32) result.get(0));
      }
    } finally {
      lock.readLock().unlock();
      fed.forEach(TFloat32::close);
    }
  }

  /**
   * N evaluation steps unrolled into one graph fragment (see {@link #evaluateSteps}); {@code states} (null when
   * none) assigns the stateful layers' states, a run target.
   */
  private record EvalBlock(List<Placeholder<TFloat32>> xs, List<Placeholder<TFloat32>> ys, Placeholder<TBool> active,
      Operand<TFloat32> sums, Op states) {}

  private final Map<BlockKey, EvalBlock> evalBlocks = new java.util.concurrent.ConcurrentHashMap<>();

  /** Builds {@code k} inference steps over a fed block of {@code k * batch} samples (graph changes run alone). */
  private EvalBlock evalBlock(int k, int batch) {
    BlockKey key = new BlockKey(k, batch, false);
    EvalBlock b = evalBlocks.get(key);
    if (b != null) {
      return b;
    }
    lock.writeLock().lock();
    try {
      checkOpen();
      b = evalBlocks.get(key);
      if (b != null) {
        return b;
      }
      Ops tf = Ops.create(graph);
      long rows = (long) k * batch;
      List<Placeholder<TFloat32>> bx = new ArrayList<>();
      List<List<Operand<TFloat32>>> xSplits = new ArrayList<>();
      for (Placeholder<TFloat32> p : x) {
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(withBatch(p.shape(), rows)));
        bx.add(in);
        xSplits.add(split(tf, in, k));
      }
      List<Placeholder<TFloat32>> by = new ArrayList<>();
      List<List<Operand<TFloat32>>> ySplits = new ArrayList<>();
      for (Shape labelShape : labelShapes) {
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(withBatch(labelShape, rows)));
        by.add(in);
        ySplits.add(split(tf, in, k));
      }
      Placeholder<TBool> active = k == 1 ? null : tf.placeholder(TBool.class, Placeholder.shape(Shape.of(k)));
      List<Operand<TBool>> on = k == 1 ? List.of() : new ArrayList<>(tf.unstack(active, (long) k).output());
      List<Operand<TFloat32>> stepSums = new ArrayList<>();
      // Stateful layers: step j reads the states step j - 1 assigned (null: no states, reads as before).
      Op after = null;
      List<Op> stateAssigns = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        List<Operand<TFloat32>> xs = stepParts(xSplits, j);
        if (j > 0) {
          xs = gate(tf, xs, on.get(j)); // a shorter execution runs the block's first steps (see buildBlock)
        }
        List<Operand<TFloat32>> ys = stepParts(ySplits, j);
        Ctx inference = new Ctx(tf, false, new SplittableRandom(spec == null ? 0 : spec.seed()), after);
        List<Operand<TFloat32>> outs = evalForward.apply(tf, xs, inference);
        Operand<TFloat32> sums = sums(tf, evalLosses, metricsPerOutput, outs,
            perSample(tf, evalLosses, outs, ys, null), regularization(tf, evalTrainable, inference.losses), ys);
        stepSums.add(j > 0 ? sumsOrZeros(tf, sums, on.get(j)) : sums);
        List<Op> done = new ArrayList<>(outs);
        done.add(sums);
        Op states = assignStates(tf, inference, done);
        if (states != null) {
          after = states;
          stateAssigns.add(states);
        }
      }
      // The states are a run target (each step's, as a step that does not run skips its own): a fetch waiting for
      // the last step's would be dead when that step does not run.
      Op states = stateAssigns.isEmpty() ? null : tf.withControlDependencies(stateAssigns).noOp();
      b = new EvalBlock(bx, by, active, tf.stack(stepSums), states);
      evalBlocks.put(key, b);
      return b;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Runs {@code k} evaluation steps in one {@code Session.run} (Keras's {@code steps_per_execution} in
   * {@code evaluate}): the inputs hold {@code k} batches of {@code batch} samples, one after the other; returns
   * each step's sums ({@code k} rows of {@link #numSums()} values), the same as {@code k} calls of
   * {@link #evaluateStep}. The steps run in a block compiled for {@code capacity >= k} steps, as in
   * {@link #trainSteps}: the inputs hold at least {@code capacity * batch} samples. Safe to call from several
   * threads at once.
   */
  public float[][] evaluateSteps(List<float[]> xs, List<float[]> ys, int batch, int k, int capacity) {
    if (evalSums == null) {
      throw new IllegalStateException("This program was compiled without a loss.");
    }
    if (k < 1 || batch < 1 || capacity < k) {
      throw new IllegalArgumentException("evaluateSteps: need k >= 1, batch >= 1 and capacity >= k, but got k=" + k
          + ", batch=" + batch + ", capacity=" + capacity + ".");
    }
    checkCounts(xs, ys);
    EvalBlock b = evalBlock(capacity, batch);
    List<TFloat32> fed = new ArrayList<>();
    TBool flags = b.active() == null ? null : runFlags(k, capacity);
    lock.readLock().lock();
    try {
      checkOpen();
      Session.Runner runner = session.runner();
      for (int i = 0; i < x.size(); i++) {
        runner.feed(b.xs().get(i), tensor(fed, b.xs().get(i).shape(), xs.get(i), capacity * batch));
      }
      for (int o = 0; o < y.size(); o++) {
        runner.feed(b.ys().get(o), tensor(fed, b.ys().get(o).shape(), ys.get(o), capacity * batch));
      }
      runner.fetch(b.sums());
      if (b.states() != null) {
        runner.addTarget(b.states());
      }
      if (flags != null) {
        runner.feed(b.active(), flags);
      }
      try (Result result = runChecked(runner)) {
        return sumsPerStep(result, k);
      }
    } finally {
      lock.readLock().unlock();
      fed.forEach(TFloat32::close);
      if (flags != null) {
        flags.close();
      }
    }
  }

  /**
   * Checks that the program is open and returns a runner with the batch's inputs fed (the tensors made for them
   * are added to {@code fed}, for the caller to close). Call under the read lock.
   */
  private Session.Runner runnerWithInputs(List<TFloat32> fed, List<float[]> xs, int batch) {
    checkOpen();
    Session.Runner runner = session.runner();
    for (int i = 0; i < x.size(); i++) {
      runner.feed(x.get(i), tensor(fed, x.get(i).shape(), xs.get(i), batch));
    }
    return runner;
  }

  /** Returns step {@code j}'s part of each split input (the fed block cut into one batch per step). */
  private static List<Operand<TFloat32>> stepParts(List<List<Operand<TFloat32>>> splits, int j) {
    List<Operand<TFloat32>> parts = new ArrayList<>(splits.size());
    for (List<Operand<TFloat32>> split : splits) {
      parts.add(split.get(j));
    }
    return parts;
  }

  /** Returns the first {@code k} rows of the fetched {@code [capacity, numSums]} sums of a multi-step run. */
  private float[][] sumsPerStep(Result result, int k) {
    TFloat32 fetched = (TFloat32) result.get(0);
    float[] flat = new float[Math.toIntExact(fetched.shape().size())];
    fetched.copyTo(DataBuffers.of(flat, false, false));
    float[][] out = new float[k][];
    for (int j = 0; j < k; j++) {
      out[j] = java.util.Arrays.copyOfRange(flat, j * numSums, (j + 1) * numSums);
    }
    return out;
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
      Session.Runner runner = runnerWithInputs(fed, xs, batch);
      for (Operand<TFloat32> out : prediction) {
        runner.fetch(out);
      }
      if (stateUpdate != null) {
        runner.addTarget(stateUpdate);
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

  /** Returns the learning rate of the {@code j}-th next training step. */
  private double learningRateOfStep(int j) {
    if (optimizer.learningRateSchedule() == null) {
      return OptimizerInternals.learningRateAt(optimizer, 0);
    }
    return OptimizerInternals.learningRateAt(optimizer, iterationCount() + j);
  }

  /**
   * Returns the optimizer's iteration counter as this program's variable holds it: the mirror of it kept since the
   * variable was last read or written, read from the variable when unknown.
   */
  private long iterationCount() {
    if (iterationMirror < 0) {
      iterationMirror = (long) readAll(List.of(OptimizerInternals.iterations(optimizer))).get(0)[0];
    }
    return iterationMirror;
  }

  /** Returns the learning rate of the next training step (a schedule's value at the current iterations). */
  private double nextLearningRate() {
    if (optimizer.learningRateSchedule() == null) {
      return OptimizerInternals.learningRateAt(optimizer, 0);
    }
    return OptimizerInternals.learningRateAt(optimizer, iterationCount());
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
      iterationMirror = -1;
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
      weightTensors.values().forEach(TFloat32::close);
      for (Block b : blocks.values()) {
        b.xTensors().forEach(TFloat32::close);
        b.yTensors().forEach(TFloat32::close);
        if (b.wTensor()[0] != null) {
          b.wTensor()[0].close();
        }
      }
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
        LayerInternals.release(w, this, last);
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
    private final List<Operand<TFloat32>> losses = new ArrayList<>();
    private final List<Weight> stateWeights = new ArrayList<>();
    private final List<Operand<TFloat32>> stateValues = new ArrayList<>();
    /** Reads wait for this op (the previous step of a multi-step block), or read the shared identity when null. */
    private final Op after;
    private final Map<Weight, Operand<TFloat32>> reads = new IdentityHashMap<>();
    /** Whether the model's weights were read in one op (see readAllAfter). */
    private boolean readAll;

    Ctx(Ops tf, boolean training, SplittableRandom seeds) {
      this(tf, training, seeds, null);
    }

    Ctx(Ops tf, boolean training, SplittableRandom seeds, Op after) {
      this.tf = tf;
      this.training = training;
      this.seeds = seeds;
      this.after = after;
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
      if (after == null) {
        return slot.read();
      }
      if (!readAll && spec != null) {
        readAll = true;
        readAllAfter();
      }
      return reads.computeIfAbsent(weight,
          w -> tf.withControlDependencies(List.of(after)).identity(slot.variable()));
    }

    /**
     * Reads every weight of the model once {@code after} ran, in one {@code IdentityN} op (one executed op per step
     * of a block instead of one {@code Identity} per weight); other variables read (states) get an
     * {@code Identity} each.
     */
    private void readAllAfter() {
      List<Weight> weights = new ArrayList<>();
      List<Operand<?>> variables = new ArrayList<>();
      for (Weight w : spec.weights()) {
        Slot slot = slots.get(w);
        if (slot != null) {
          weights.add(w);
          variables.add(slot.variable());
        }
      }
      if (variables.isEmpty()) {
        return;
      }
      List<org.tensorflow.Output<?>> outputs =
          tf.withControlDependencies(List.of(after)).identityN(variables).output();
      for (int i = 0; i < weights.size(); i++) {
        reads.put(weights.get(i), outputs.get(i).expect(TFloat32.class));
      }
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

    @Override
    public void assignState(Weight state, Operand<TFloat32> newValue) {
      if (!slots.containsKey(state)) {
        throw new IllegalStateException("State '" + state.path() + "' is not among the model's variables.");
      }
      stateWeights.add(state);
      stateValues.add(newValue);
    }

    @Override
    public void addLoss(Operand<TFloat32> loss) {
      requireNonNull(loss, "loss");
      if (loss.shape().numDimensions() != 0) {
        throw new IllegalArgumentException(
            "addLoss: a loss must be a scalar, but got shape " + loss.shape() + "; reduce it (e.g. tf.sum) first.");
      }
      losses.add(loss);
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
