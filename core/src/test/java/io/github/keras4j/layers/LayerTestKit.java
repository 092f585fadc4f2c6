package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.models.BatchSource;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * One test kit for every layer, as Keras's {@code run_layer_test}: for a layer factory and a sample input shape it
 * checks
 *
 * <ol>
 *   <li>{@link #checkBuild() build}: the weights created (names, paths, shapes, trainable flags), countParams, and
 *       that a second build is a no-op;
 *   <li>{@link #checkOutputShape() output shape}: computeOutputShape equals the static and the runtime shape of
 *       the TensorFlow output;
 *   <li>{@link #checkConfigRoundTrip() config round trip}: {@code LayerRegistry.fromConfig(className, getConfig())}
 *       gives an equal config and, with the same weights, the same output;
 *   <li>{@link #checkForward() forward values} against a plain-Java reference supplied by the caller;
 *   <li>{@link #checkGradients() gradients} of {@code sum(layer(x) * R)} w.r.t. the input and every weight against
 *       central finite differences;
 *   <li>{@link #checkTrainingStep() one training step} through a {@code Sequential} compiled with SGD and MSE:
 *       trainable weights change, frozen ones do not, and the gradient flows through the layer to a probe Dense
 *       in front of it.
 * </ol>
 *
 * <p>The kit builds its own TensorFlow graphs with a {@link CallContext} that maps each {@link Weight} to a
 * constant or placeholder, so the checks exercise the layer alone. Every check runs in an isolated, seeded Keras
 * context.
 *
 * <pre>{@code
 * LayerTestKit.of(() -> new Dense(3).activation("relu"), 4)
 *     .expectWeights(trainable("kernel", 4, 3), trainable("bias", 3))
 *     .reference(DenseTest::reference)
 *     .run();
 * }</pre>
 */
public final class LayerTestKit {
  /** A weight the layer is expected to create. */
  public record ExpectedWeight(String name, long[] shape, boolean trainable) {
    long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }

    @Override
    public String toString() {
      return name + Arrays.toString(shape) + (trainable ? "" : " non-trainable");
    }
  }

  /** Returns an expected trainable weight. */
  public static ExpectedWeight trainable(String name, long... shape) {
    return new ExpectedWeight(name, shape, true);
  }

  /** Returns an expected non-trainable weight. */
  public static ExpectedWeight nonTrainable(String name, long... shape) {
    return new ExpectedWeight(name, shape, false);
  }

  /** A plain-Java forward pass to compare the layer with. */
  @FunctionalInterface
  public interface Reference {
    /**
     * Returns the expected output values, row-major.
     *
     * @param x the input values, row-major
     * @param shape the input shape, batch first
     * @param weights the layer's weight values in {@link Layer#weights()} order, each row-major
     */
    double[] forward(float[] x, long[] shape, List<float[]> weights);
  }

  /** The result of running a layer on a concrete input. */
  public record Output(long[] staticShape, long[] shape, float[] values) {}

  private static final double EPS = 1e-3;
  private static final double GRADIENT_RTOL = 1e-2;
  private static final double GRADIENT_ATOL = 1e-3;
  private static final int COORDINATES_PER_TENSOR = 4;

  private final Supplier<? extends Layer> factory;
  private final long[] sampleShape;
  private int batch = 3;
  private long seed = 7;
  private List<ExpectedWeight> expectedWeights = List.of();
  private Reference reference;
  private double forwardTolerance = 1e-5;
  private boolean training;
  private boolean gradients = true;
  private double minInputMagnitude;
  private java.util.Set<String> noGradientWeights = java.util.Set.of();
  private int integerInputBound;

  private LayerTestKit(Supplier<? extends Layer> factory, long[] sampleShape) {
    this.factory = requireNonNull(factory, "factory");
    this.sampleShape = sampleShape.clone();
  }

  /** Starts a kit for layers made by {@code factory}, fed samples of {@code sampleShape} (without the batch). */
  public static LayerTestKit of(Supplier<? extends Layer> factory, long... sampleShape) {
    return new LayerTestKit(factory, sampleShape);
  }

  /** Sets the weights the layer must create, in {@link Layer#weights()} order (default none). */
  public LayerTestKit expectWeights(ExpectedWeight... weights) {
    this.expectedWeights = List.of(weights);
    return this;
  }

  /** Sets a plain-Java reference for the forward values. */
  public LayerTestKit reference(Reference reference) {
    this.reference = reference;
    return this;
  }

  /** Sets the absolute (and relative) tolerance of the forward comparison (default 1e-5). */
  public LayerTestKit forwardTolerance(double tolerance) {
    this.forwardTolerance = tolerance;
    return this;
  }

  /** Sets the batch size of the sample input (default 3). */
  public LayerTestKit batch(int batch) {
    this.batch = batch;
    return this;
  }

  /** Sets the seed of the input, weights, Keras session and random ops (default 7). */
  public LayerTestKit seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Sets the flavour of the forward pass checked by the shape, round-trip and reference checks. */
  public LayerTestKit training(boolean training) {
    this.training = training;
    return this;
  }

  /** Turns the finite-difference check off (for layers whose output is not differentiable in their input). */
  public LayerTestKit withoutGradientCheck() {
    this.gradients = false;
    return this;
  }

  /**
   * Leaves these weights out of the finite-difference check: weights the forward pass does not read (such as
   * Normalization's {@code count}), which TensorFlow cannot differentiate against.
   */
  public LayerTestKit withoutGradientFor(String... weightNames) {
    this.noGradientWeights = java.util.Set.of(weightNames);
    return this;
  }

  /** Keeps every input at least this far from zero (for activations with a kink at 0). */
  public LayerTestKit minInputMagnitude(double magnitude) {
    this.minInputMagnitude = magnitude;
    return this;
  }

  /**
   * Feeds integer ids in {@code [0, bound)} (as float32) instead of normal noise, for layers such as Embedding:
   * the input is then not differentiable, so the gradient check covers the weights only and the training step
   * runs without the probe Dense in front.
   */
  public LayerTestKit integerInputs(int bound) {
    this.integerInputBound = bound;
    return this;
  }

  /**
   * Runs every check but the training step (which compiles and fits two models): for further configurations of a
   * layer whose training step another test already covers.
   */
  public void runWithoutTrainingStep() {
    checkBuild();
    checkOutputShape();
    checkConfigRoundTrip();
    if (reference != null) {
      checkForward();
    }
    if (gradients) {
      checkGradients();
    }
  }

  /** Runs every check. */
  public void run() {
    checkBuild();
    checkOutputShape();
    checkConfigRoundTrip();
    if (reference != null) {
      checkForward();
    }
    if (gradients) {
      checkGradients();
    }
    checkTrainingStep();
  }

  // ---------------------------------------------------------------- (a) build

  /** Checks the weights that build creates and that a second build changes nothing. */
  public void checkBuild() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(seed);
      Layer layer = factory.get();
      assertThat(layer.isBuilt()).as("built before ensureBuilt").isFalse();
      assertThat(layer.weights()).as("weights before build").isEmpty();

      Shape output = layer.ensureBuilt(batchShape());

      assertThat(layer.isBuilt()).as("built after ensureBuilt").isTrue();
      assertThat(layer.builtInputShape().asArray()).isEqualTo(batchShape().asArray());
      assertThat(output.asArray()).isEqualTo(layer.computeOutputShape(batchShape()).asArray());
      List<Weight> weights = layer.weights();
      assertThat(weights).extracting(Weight::name).as("weight names")
          .containsExactlyElementsOf(expectedWeights.stream().map(ExpectedWeight::name).toList());
      for (int i = 0; i < weights.size(); i++) {
        Weight w = weights.get(i);
        ExpectedWeight e = expectedWeights.get(i);
        assertThat(w.shape()).as("shape of %s", w).isEqualTo(e.shape());
        assertThat(w.isTrainable()).as("trainable flag of %s", w).isEqualTo(e.trainable());
        assertThat(w.path()).isEqualTo(layer.name() + "/" + e.name());
        assertThat(w.ownerName()).isEqualTo(layer.name());
        assertThat(w.size()).isEqualTo(e.size());
        assertThat(w.read()).as("initial value of %s", w).hasSize(Math.toIntExact(e.size()));
      }
      long expectedParams = expectedWeights.stream().mapToLong(ExpectedWeight::size).sum();
      assertThat(layer.countParams()).as("countParams").isEqualTo(expectedParams);
      assertThat(layer.trainableWeights()).extracting(Weight::name)
          .containsExactlyElementsOf(
              expectedWeights.stream().filter(ExpectedWeight::trainable).map(ExpectedWeight::name).toList());
      assertThat(layer.getWeights()).hasSameSizeAs(expectedWeights);

      Shape again = layer.ensureBuilt(batchShape());
      assertThat(again.asArray()).isEqualTo(output.asArray());
      assertThat(layer.weights()).as("weights after a second build").hasSameSizeAs(weights);
      for (int i = 0; i < weights.size(); i++) {
        assertThat(layer.weights().get(i)).isSameAs(weights.get(i));
      }
    }
  }

  // ---------------------------------------------------------------- (b) output shape

  /** Checks computeOutputShape against the static and runtime shapes of the TensorFlow output. */
  public void checkOutputShape() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(seed);
      Layer layer = newBuiltLayer();
      Shape expected = layer.computeOutputShape(batchShape());
      Output out = forward(layer, input(), concreteInputShape(), training, seed);
      assertThat(out.staticShape()).as("static shape of the TF output").isEqualTo(expected.asArray());
      long[] concrete = expected.asArray();
      concrete[0] = batch;
      assertThat(out.shape()).as("runtime shape of the TF output").isEqualTo(concrete);
    }
  }

  // ---------------------------------------------------------------- (c) config

  /** Checks that the config round-trips through the registry and that the copy computes the same output. */
  public void checkConfigRoundTrip() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(seed);
      Layer original = newBuiltLayer();
      Map<String, Object> config = original.getConfig();
      Layer copy = LayerRegistry.fromConfig(original.className(), config);
      assertThat(copy).isExactlyInstanceOf(original.getClass());
      assertThat(copy.getConfig()).as("config of the copy").isEqualTo(config);
      assertThat(copy.name()).isEqualTo(original.name());
      assertThat(copy.trainable()).isEqualTo(original.trainable());

      copy.ensureBuilt(batchShape());
      copy.setWeights(original.getWeights());
      float[] x = input();
      Output a = forward(original, x, concreteInputShape(), training, seed);
      Output b = forward(copy, x, concreteInputShape(), training, seed);
      assertThat(b.shape()).isEqualTo(a.shape());
      assertThat(b.values()).as("output of the copy").containsExactly(a.values());
    }
  }

  // ---------------------------------------------------------------- (d) forward

  /** Checks the forward values against the caller's reference. */
  public void checkForward() {
    requireNonNull(reference, "reference");
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(seed);
      Layer layer = newBuiltLayer();
      float[] x = input();
      Output out = forward(layer, x, concreteInputShape(), training, seed);
      List<float[]> weights = layer.weights().stream().map(Weight::read).toList();
      double[] expected = reference.forward(x, concreteInputShape(), weights);
      assertThat(out.values()).as("number of output values").hasSize(expected.length);
      for (int i = 0; i < expected.length; i++) {
        double tolerance = forwardTolerance * Math.max(1, Math.abs(expected[i]));
        if (!(Math.abs(out.values()[i] - expected[i]) <= tolerance)) {
          fail("output[%d] of %s is %s, but the reference gives %s (tolerance %s); input %s",
              i, layer, out.values()[i], expected[i], tolerance, Arrays.toString(x));
        }
      }
    }
  }

  // ---------------------------------------------------------------- (e) gradients

  /** Checks TF's gradients of {@code sum(layer(x) * R)} against central differences. */
  public void checkGradients() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(seed);
      Layer layer = newBuiltLayer();
      List<Weight> weights =
          layer.weights().stream().filter(w -> !noGradientWeights.contains(w.name())).toList();
      long[] outShape = layer.computeOutputShape(batchShape()).asArray();
      outShape[0] = batch;
      double[] r = new Random(seed + 3).doubles(product(outShape), -1, 1).toArray();

      try (Graph g = new Graph(); Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(batchShape()));
        Map<Weight, Operand<TFloat32>> reads = new IdentityHashMap<>();
        List<Placeholder<TFloat32>> inputs = new ArrayList<>();
        inputs.add(x);
        for (Weight w : weights) {
          Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(w.shape())));
          reads.put(w, p);
          inputs.add(p);
        }
        for (Weight w : layer.weights()) {
          if (noGradientWeights.contains(w.name())) {
            reads.put(w, tf.constant(Shape.of(w.shape()), DataBuffers.of(w.read(), true, false)));
          }
        }
        Operand<TFloat32> out = layer.call(tf, x, new KitCallContext(reads, training, seed));
        Operand<TFloat64> y =
            tf.sum(
                tf.math.mul(
                    tf.dtypes.cast(out, TFloat64.class),
                    tf.constant(Shape.of(outShape), DataBuffers.of(r, true, false))),
                tf.constant(range(outShape.length)));
        int offset = integerInputBound > 0 ? 1 : 0; // integer ids have no gradient: differentiate weights only
        var grads = tf.gradients(y, inputs.subList(offset, inputs.size()));

        List<float[]> values = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        values.add(input());
        shapes.add(concreteInputShape());
        for (Weight w : weights) {
          values.add(w.read());
          shapes.add(w.shape());
        }
        List<float[]> analytic = new ArrayList<>();
        try (var feeds = new Feeds(inputs, values, shapes)) {
          Session.Runner runner = feeds.feed(session.runner());
          for (int i = offset; i < inputs.size(); i++) {
            if (grads.dy(i - offset) == null) {
              fail("%s: no gradient w.r.t. %s", layer, i == 0 ? "the input" : weights.get(i - 1));
            }
            runner.fetch(grads.dy(i - offset));
          }
          try (Result result = runner.run()) {
            if (offset == 1) {
              analytic.add(null);
            }
            for (int i = offset; i < inputs.size(); i++) {
              analytic.add(floats((TFloat32) result.get(i - offset)));
            }
          }
        }

        Random pick = new Random(seed + 5);
        for (int t = integerInputBound > 0 ? 1 : 0; t < inputs.size(); t++) {
          String what = t == 0 ? "input" : weights.get(t - 1).path();
          float[] base = values.get(t);
          for (int c : coordinates(base.length, pick)) {
            float plus = (float) (base[c] + EPS);
            float minus = (float) (base[c] - EPS);
            double fPlus = evaluate(session, inputs, values, shapes, y, t, c, plus);
            double fMinus = evaluate(session, inputs, values, shapes, y, t, c, minus);
            double numeric = (fPlus - fMinus) / ((double) plus - (double) minus);
            double exact = analytic.get(t)[c];
            double tolerance = GRADIENT_RTOL * Math.max(Math.abs(numeric), Math.abs(exact)) + GRADIENT_ATOL;
            if (!(Math.abs(numeric - exact) <= tolerance)) {
              fail("%s: d/d %s[%d] is %s by TensorFlow but %s by central differences", layer, what, c, exact,
                  numeric);
            }
          }
        }
      }
    }
  }

  private static double evaluate(
      Session session, List<Placeholder<TFloat32>> inputs, List<float[]> values, List<long[]> shapes,
      Operand<TFloat64> y, int target, int coordinate, float value) {
    List<float[]> perturbed = new ArrayList<>(values);
    float[] copy = values.get(target).clone();
    copy[coordinate] = value;
    perturbed.set(target, copy);
    try (var feeds = new Feeds(inputs, perturbed, shapes);
        Result result = feeds.feed(session.runner()).fetch(y).run()) {
      return ((TFloat64) result.get(0)).getDouble();
    }
  }

  private static int[] coordinates(int size, Random random) {
    if (size <= COORDINATES_PER_TENSOR) {
      return range(size);
    }
    return random.ints(0, size).distinct().limit(COORDINATES_PER_TENSOR).toArray();
  }

  /** Tensors fed for one run, closed together. */
  private static final class Feeds implements AutoCloseable {
    private final List<Placeholder<TFloat32>> inputs;
    private final List<TFloat32> tensors = new ArrayList<>();

    Feeds(List<Placeholder<TFloat32>> inputs, List<float[]> values, List<long[]> shapes) {
      this.inputs = inputs;
      for (int i = 0; i < inputs.size(); i++) {
        tensors.add(tensor(shapes.get(i), values.get(i)));
      }
    }

    Session.Runner feed(Session.Runner runner) {
      for (int i = 0; i < inputs.size(); i++) {
        runner.feed(inputs.get(i), tensors.get(i));
      }
      return runner;
    }

    @Override
    public void close() {
      tensors.forEach(Tensor::close);
    }
  }

  // ---------------------------------------------------------------- (f) training step

  /**
   * Checks one SGD step on MSE through {@code Sequential(InputLayer, probe Dense, layer)}: the layer's trainable
   * weights change and the probe's kernel changes (the gradient flows through the layer); with the layer frozen
   * its weights stay as they were while the probe still learns.
   */
  public void checkTrainingStep() {
    trainingStep(false);
    trainingStep(true);
  }

  private void trainingStep(boolean frozen) {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(seed);
      Layer layer = factory.get();
      if (frozen) {
        layer.trainable(false);
      }
      Dense probe = new Dense(Math.toIntExact(sampleShape[sampleShape.length - 1])).name("probe")
          .kernelInitializer(Initializers.glorotUniform(seed));
      int[] sample = Arrays.stream(sampleShape).mapToInt(Math::toIntExact).toArray();
      boolean withProbe = integerInputBound == 0;
      try (Sequential model =
          layer instanceof InputLayer
              ? new Sequential(layer, probe)
              : withProbe ? new Sequential(new InputLayer(sample), probe, layer)
                  : new Sequential(new InputLayer(sample), layer)) {
        model.compile(new SGD(0.1), "mse");
        long[] outShape = model.outputShape().asArray();
        outShape[0] = batch;
        float[] y = normal(product(outShape), seed + 11);
        List<Weight> layerWeights = layer instanceof InputLayer ? List.of() : layer.weights();
        List<float[]> before = layerWeights.stream().map(Weight::read).toList();
        float[] probeBefore = withProbe ? probe.kernel().read() : null;

        model.fit(
            new KitSource(input(), sampleShape, y, product(outShape) / batch, batch),
            new FitOptions().epochs(1).shuffle(false).verbose(0).seed(seed));

        assertThat(model.optimizer().iterationCount()).as("optimizer iterations").isEqualTo(1);
        if (withProbe) {
          assertThat(probe.kernel().read())
              .as("kernel of the probe Dense in front of %s (frozen=%s)", layer, frozen)
              .isNotEqualTo(probeBefore);
        }
        for (int i = 0; i < layerWeights.size(); i++) {
          Weight w = layerWeights.get(i);
          float[] after = w.read();
          if (frozen || !w.isTrainable()) {
            assertThat(after).as("%s of a %s layer after a step", w, frozen ? "frozen" : "trainable")
                .containsExactly(before.get(i));
          } else {
            assertThat(after).as("%s after a step", w).isNotEqualTo(before.get(i));
          }
        }
      }
    }
  }

  /** An in-memory batch source of one batch, for any sample shape. */
  private record KitSource(float[] x, long[] shape, float[] y, int labels, int n) implements BatchSource {
    @Override
    public int size() {
      return n;
    }

    @Override
    public int batchSize() {
      return n;
    }

    @Override
    public long[] sampleShape() {
      return shape.clone();
    }

    @Override
    public int labelSize() {
      return labels;
    }

    @Override
    public boolean integerLabels() {
      return false;
    }

    @Override
    public void onEpochBegin(int epoch) {}

    @Override
    public Batch batch(int step) {
      return new Batch(n, x, y);
    }
  }

  // ---------------------------------------------------------------- running a layer

  /**
   * Runs {@code layer} (built) on {@code x} of {@code shape} in a fresh graph, reading each weight as a constant of
   * its current value. The input is a placeholder with an unknown batch dimension, so the static output shape shows
   * what shape inference knows.
   */
  public static Output forward(Layer layer, float[] x, long[] shape, boolean training, long seed) {
    long[] placeholderShape = shape.clone();
    placeholderShape[0] = Shape.UNKNOWN_SIZE;
    try (Graph g = new Graph(); Session session = new Session(g); TFloat32 xt = tensor(shape, x)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(placeholderShape)));
      Map<Weight, Operand<TFloat32>> reads = new IdentityHashMap<>();
      for (Weight w : layer.weights()) {
        reads.put(w, tf.constant(Shape.of(w.shape()), DataBuffers.of(w.read(), true, false)));
      }
      Operand<TFloat32> out = layer.call(tf, in, new KitCallContext(reads, training, seed));
      long[] staticShape = out.shape().asArray();
      // Fetch through identity: TF refuses to fetch a tensor that is also fed (layers that return their input).
      try (Result result = session.runner().feed(in, xt).fetch(tf.identity(out)).run()) {
        TFloat32 t = (TFloat32) result.get(0);
        return new Output(staticShape, t.shape().asArray(), floats(t));
      }
    }
  }

  /** The kit's {@link CallContext}: weights read from the given operands, seeds from a seeded generator. */
  public static final class KitCallContext implements CallContext {
    private final Map<Weight, Operand<TFloat32>> reads;
    private final boolean training;
    private final SplittableRandom seeds;
    private final List<Weight> updated = new ArrayList<>();

    /** Creates a context. */
    public KitCallContext(Map<Weight, Operand<TFloat32>> reads, boolean training, long seed) {
      this.reads = reads;
      this.training = training;
      this.seeds = new SplittableRandom(seed);
    }

    @Override
    public boolean training() {
      return training;
    }

    @Override
    public Operand<TFloat32> read(Weight weight) {
      Operand<TFloat32> read = reads.get(weight);
      if (read == null) {
        throw new AssertionError("call() read " + weight + ", which is not among the layer's weights()");
      }
      return read;
    }

    @Override
    public long nextSeed() {
      return seeds.nextLong();
    }

    @Override
    public void addUpdate(Weight weight, Operand<TFloat32> newValue) {
      if (!reads.containsKey(weight)) {
        throw new AssertionError("call() updates " + weight + ", which is not among the layer's weights()");
      }
      updated.add(weight);
    }

    /** Returns the weights updated through {@link #addUpdate}. */
    public List<Weight> updated() {
      return List.copyOf(updated);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Returns a new layer of the factory, built for the sample shape, with random weight values. */
  private Layer newBuiltLayer() {
    Layer layer = factory.get();
    layer.ensureBuilt(batchShape());
    Random random = new Random(seed + 1);
    for (Weight w : layer.weights()) {
      float[] v = new float[Math.toIntExact(w.size())];
      boolean variance = w.name().contains("variance");
      for (int i = 0; i < v.length; i++) {
        double g = 0.5 * random.nextGaussian();
        // A variance must stay positive, or the layer's output is NaN by definition.
        v[i] = (float) (variance ? 0.5 + Math.abs(g) : g);
      }
      w.assign(v);
    }
    return layer;
  }

  /** Returns the sample input of {@link #concreteInputShape()}. */
  public float[] input() {
    if (integerInputBound > 0) {
      Random random = new Random(seed + 2);
      float[] ids = new float[product(concreteInputShape())];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = random.nextInt(integerInputBound);
      }
      return ids;
    }
    float[] x = normal(product(concreteInputShape()), seed + 2);
    if (minInputMagnitude > 0) {
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.copySign(minInputMagnitude + Math.abs(x[i]), x[i]);
      }
    }
    return x;
  }

  /** Returns the batch input shape with an unknown batch: {@code (None, …)}. */
  public Shape batchShape() {
    return Shapes.batchOf(sampleShape);
  }

  /** Returns the concrete input shape {@code (batch, …)}. */
  public long[] concreteInputShape() {
    long[] shape = new long[sampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
    return shape;
  }

  static TFloat32 tensor(long[] shape, float[] values) {
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  static float[] floats(TFloat32 t) {
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  private static float[] normal(int n, long seed) {
    Random random = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  private static int product(long[] shape) {
    long p = 1;
    for (long d : shape) {
      p *= d;
    }
    return Math.toIntExact(p);
  }

  private static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
