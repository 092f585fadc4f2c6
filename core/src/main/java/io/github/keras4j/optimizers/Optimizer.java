package io.github.keras4j.optimizers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Constant;
import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.optimizers.schedules.LearningRateSchedule;
import io.github.keras4j.optimizers.schedules.Schedules;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Updates trainable weights from their gradients, as Keras's {@code keras.optimizers.Optimizer} (2.x, "V2").
 *
 * <p>An optimizer owns its state — the {@code iterations} counter and one set of slots per trainable weight
 * (Adam's {@code m} and {@code v}) — as {@link Weight}s, so the state survives recompilation (e.g. after freezing
 * layers) and can be saved. Slot paths follow Keras 2.x: {@code Adam/dense/kernel/m}.
 *
 * <p>Subclasses say which slots they keep ({@link #slotNames()}) and add one weight's update to the graph
 * ({@link #applyDense}).
 *
 * <p>Every optimizer takes Keras 3's common options, applied in Keras's order before the update: gradient clipping
 * ({@link #clipnorm(double)} per gradient, {@link #globalClipnorm(double)} over all gradients, or
 * {@link #clipvalue(double)} elementwise; at most one), then decoupled weight decay
 * ({@code w <- w - w * weight_decay * lr}, {@link #weightDecay(double)}). The learning rate is fed to every
 * step, so {@link #learningRate(double)} takes effect at the next step without recompiling, and a
 * {@link LearningRateSchedule} is evaluated at each step's {@code iterations}.
 *
 * <p>With {@link #useEma(boolean)}, the optimizer also keeps Keras 3's exponential moving average of every trained
 * weight (one {@code average} slot each), updated after each step's update:
 * {@code average = m * average + (1 - m) * w} with {@code m = 0} on the first step ({@code iterations == 0}) and
 * {@link #emaMomentum(double) ema_momentum} after. Every {@link #emaOverwriteFrequency(Integer)
 * ema_overwrite_frequency} steps the weights are overwritten with their averages, and at the end of {@code fit}
 * {@link #finalizeVariableValues(List)} copies the averages into the weights, as Keras's {@code fit} does.
 *
 * <pre>{@code
 * model.compile(new SGD(0.01).useEma(true).emaMomentum(0.999), "mse");
 * }</pre>
 */
public abstract class Optimizer {
  static {
    OptimizerInternals.register(InternalAccess.INSTANCE);
  }

  private final String name;
  private volatile double learningRate;
  private LearningRateSchedule schedule;
  private Double clipnorm;
  private Double clipvalue;
  private Double globalClipnorm;
  private Double weightDecay;
  private boolean useEma;
  private double emaMomentum = 0.99;
  private Integer emaOverwriteFrequency;
  private Weight iterations;
  private List<Weight> globals;
  private final Map<Weight, List<Weight>> slots = new LinkedHashMap<>();
  /** The {@code average} slot of each trained weight when {@link #useEma()}, in registration order. */
  private final Map<Weight, Weight> averages = new LinkedHashMap<>();

  /**
   * Creates an optimizer.
   *
   * @param name the Keras class name ({@code Adam}); also the prefix of slot paths
   * @param learningRate positive
   */
  protected Optimizer(String name, double learningRate) {
    this.name = requireNonNull(name, "name");
    this.learningRate = checkLearningRate(name, learningRate);
  }

  private static double checkLearningRate(String name, double learningRate) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          name + ": learning_rate must be a positive number, but got learning_rate=" + learningRate + ".");
    }
    return learningRate;
  }

  /** Returns the Keras class name, e.g. {@code Adam}. */
  public String name() {
    return name;
  }

  /**
   * Returns the learning rate of the next step: the set rate, or the schedule's value at {@link #iterationCount()}
   * (Keras's {@code optimizer.learning_rate}).
   */
  public double learningRate() {
    return schedule == null ? learningRate : schedule.at(iterationCount());
  }

  /**
   * Sets the learning rate, as Keras's {@code optimizer.learning_rate = …}; takes effect at the next training step
   * (e.g. between epochs, what {@code ReduceLROnPlateau} does).
   *
   * @throws IllegalArgumentException if the rate is not a positive number
   * @throws IllegalStateException if the optimizer uses a schedule
   */
  public Optimizer learningRate(double learningRate) {
    if (schedule != null) {
      throw new IllegalStateException(name + ": the learning rate is the schedule " + schedule.className()
          + "; it cannot be set to a number. Create the optimizer with a number to change it during training.");
    }
    this.learningRate = checkLearningRate(name, learningRate);
    return this;
  }

  /**
   * Makes the learning rate follow a schedule, as Keras's {@code Adam(learning_rate=ExponentialDecay(…))}.
   *
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer learningRate(LearningRateSchedule schedule) {
    checkUnused("learning_rate");
    this.schedule = requireNonNull(schedule, "schedule");
    return this;
  }

  /** Returns the learning-rate schedule, or {@code null} for a fixed rate. */
  public LearningRateSchedule learningRateSchedule() {
    return schedule;
  }

  /**
   * The learning rate of the update at {@code step} (0-based), checked ({@link OptimizerInternals#learningRateAt}).
   *
   * @throws IllegalStateException if a schedule returns NaN, an infinity or a negative rate
   */
  double learningRateAt(long step) {
    if (schedule == null) {
      return learningRate;
    }
    double lr = schedule.at(step);
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalStateException(name + ": the learning-rate schedule " + schedule.className()
          + schedule.getConfig() + " returned " + lr + " at step " + step + "; a learning rate must be a finite"
          + " number >= 0.");
    }
    return lr;
  }

  /** Returns {@code clipnorm}, or {@code null}. */
  public Double clipnorm() {
    return clipnorm;
  }

  /** Returns {@code clipvalue}, or {@code null}. */
  public Double clipvalue() {
    return clipvalue;
  }

  /** Returns {@code global_clipnorm}, or {@code null}. */
  public Double globalClipnorm() {
    return globalClipnorm;
  }

  /** Returns {@code weight_decay}, or {@code null}. */
  public Double weightDecay() {
    return weightDecay;
  }

  /**
   * Clips each gradient to this l2 norm, as Keras's {@code clipnorm}: {@code g * c / max(||g||, c)}.
   *
   * @throws IllegalArgumentException if not positive, or another clipping option is set
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer clipnorm(double clipnorm) {
    this.clipnorm = checkClip("clipnorm", clipnorm);
    return this;
  }

  /**
   * Clips every gradient element to {@code [-c, c]}, as Keras's {@code clipvalue}.
   *
   * @throws IllegalArgumentException if not positive, or another clipping option is set
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer clipvalue(double clipvalue) {
    this.clipvalue = checkClip("clipvalue", clipvalue);
    return this;
  }

  /**
   * Scales all gradients together so their global l2 norm is at most {@code c}, as Keras's
   * {@code global_clipnorm}: {@code g * c / max(global_norm, c)}.
   *
   * @throws IllegalArgumentException if not positive, or another clipping option is set
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer globalClipnorm(double globalClipnorm) {
    this.globalClipnorm = checkClip("global_clipnorm", globalClipnorm);
    return this;
  }

  /**
   * Sets decoupled weight decay, as Keras 3's {@code weight_decay}: before each update,
   * {@code w <- w - w * weight_decay * lr} for every trained weight.
   *
   * @throws IllegalArgumentException if negative or not finite
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer weightDecay(double weightDecay) {
    checkUnused("weight_decay");
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          name + ": weight_decay must be a number >= 0, but got weight_decay=" + weightDecay + ".");
    }
    this.weightDecay = weightDecay;
    return this;
  }

  /** Returns whether the optimizer keeps a moving average of the weights (Keras's {@code use_ema}; default false). */
  public boolean useEma() {
    return useEma;
  }

  /** Returns {@code ema_momentum} (default 0.99). */
  public double emaMomentum() {
    return emaMomentum;
  }

  /** Returns {@code ema_overwrite_frequency}, or {@code null} (the default: overwrite only at the end of fit). */
  public Integer emaOverwriteFrequency() {
    return emaOverwriteFrequency;
  }

  /**
   * Keeps an exponential moving average of every trained weight, as Keras 3's {@code use_ema=True}: after each
   * update, {@code average = m * average + (1 - m) * w} ({@code m = 0} on the first step, {@link #emaMomentum()}
   * after); the averages replace the weights every {@link #emaOverwriteFrequency()} steps and at the end of
   * {@code fit}.
   *
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer useEma(boolean useEma) {
    checkUnused("use_ema");
    this.useEma = useEma;
    return this;
  }

  /**
   * Sets the moving average's momentum, as Keras's {@code ema_momentum} (default 0.99; only used with
   * {@link #useEma(boolean)}).
   *
   * @throws IllegalArgumentException if outside {@code [0, 1]}
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer emaMomentum(double emaMomentum) {
    checkUnused("ema_momentum");
    if (!(emaMomentum >= 0 && emaMomentum <= 1)) {
      throw new IllegalArgumentException(
          name + ": ema_momentum must be in the range [0, 1], but got ema_momentum=" + emaMomentum + ".");
    }
    this.emaMomentum = emaMomentum;
    return this;
  }

  /**
   * Overwrites the weights with their moving averages every {@code frequency} steps (when
   * {@code (iterations + 1) % frequency == 0}), as Keras's {@code ema_overwrite_frequency}; {@code null} (the
   * default) overwrites them only at the end of {@code fit}.
   *
   * @throws IllegalArgumentException if not {@code null} and below 1
   * @throws IllegalStateException once the optimizer has trained
   */
  public Optimizer emaOverwriteFrequency(Integer frequency) {
    checkUnused("ema_overwrite_frequency");
    if (frequency != null && frequency < 1) {
      throw new IllegalArgumentException(name + ": ema_overwrite_frequency must be an integer >= 1 or null, but got"
          + " ema_overwrite_frequency=" + frequency + ".");
    }
    this.emaOverwriteFrequency = frequency;
    return this;
  }

  private Double checkClip(String key, double value) {
    checkUnused(key);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + ": " + key + " must be a positive number, but got " + key + "=" + value + ".");
    }
    int others = (clipnorm != null && !key.equals("clipnorm") ? 1 : 0)
        + (clipvalue != null && !key.equals("clipvalue") ? 1 : 0)
        + (globalClipnorm != null && !key.equals("global_clipnorm") ? 1 : 0);
    if (others > 0) {
      throw new IllegalArgumentException(name + ": only one of clipnorm, clipvalue and global_clipnorm can be set,"
          + " but " + key + " was given after clipnorm=" + clipnorm + ", clipvalue=" + clipvalue
          + ", global_clipnorm=" + globalClipnorm + ".");
    }
    return value;
  }

  private synchronized void checkUnused(String key) {
    if (iterations != null || !slots.isEmpty()) {
      throw new IllegalStateException(name + ": set " + key + " before the optimizer is used by compile/fit.");
    }
  }

  /** Returns the names of the slots kept per trainable weight, e.g. {@code m}, {@code v}. */
  protected abstract List<String> slotNames();

  /** Returns how slot {@code index} starts; zeros unless the optimizer says otherwise (Adagrad: 0.1). */
  protected Initializer slotInitializer(int index) {
    return Initializers.zeros();
  }

  /** Returns the names and initial values of scalar variables the optimizer keeps besides {@code iterations}. */
  protected Map<String, Double> globalVariableNames() {
    return Map.of();
  }

  /**
   * Adds the update of one weight to the graph.
   *
   * @param tf the ops factory
   * @param variable the weight's variable (a ref to assign to)
   * @param gradient the gradient of the batch's mean loss w.r.t. the weight (already clipped)
   * @param slotVariables the weight's slot variables, in {@link #slotNames()} order
   * @param step the step number and learning rate
   */
  public abstract Op applyDense(
      Ops tf,
      Operand<TFloat32> variable,
      Operand<TFloat32> gradient,
      List<Operand<TFloat32>> slotVariables,
      Step step);

  /**
   * Adds the whole update of a step — clipping, weight decay, then {@link #applyDense} per weight — and returns
   * its ops ({@link OptimizerInternals#applyGradients}). Subclasses with global state (Nadam) extend it.
   *
   * @param variables the trained weights' variables
   * @param gradients their gradients, in the same order
   * @param slotVariables their slots
   * @param globalVariables the variables of {@link #globalVariables()}, in order
   */
  List<Op> applyGradients(
      Ops tf,
      List<Operand<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      List<List<Operand<TFloat32>>> slotVariables,
      List<Operand<TFloat32>> globalVariables,
      Step step) {
    List<Operand<TFloat32>> grads = clip(tf, gradients);
    Ops updateTf = tf;
    List<Op> ops = new ArrayList<>();
    if (weightDecay != null && weightDecay > 0) {
      Operand<TFloat32> factor = tf.math.mul(step.learningRate(), tf.constant(weightDecay.floatValue()));
      List<Op> decays = new ArrayList<>();
      for (Operand<TFloat32> v : variables) {
        decays.add(tf.assignSub(v, tf.math.mul(tf.identity(v), factor)));
      }
      ops.addAll(decays);
      updateTf = tf.withControlDependencies(decays);
    }
    for (int i = 0; i < variables.size(); i++) {
      ops.add(applyDense(updateTf, variables.get(i), grads.get(i), slotVariables.get(i), step));
    }
    return ops;
  }

  private List<Operand<TFloat32>> clip(Ops tf, List<Operand<TFloat32>> grads) {
    if (clipnorm != null) {
      Operand<TFloat32> c = tf.constant(clipnorm.floatValue());
      List<Operand<TFloat32>> out = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        out.add(tf.math.div(tf.math.mul(g, c), tf.math.maximum(l2norm(tf, g), c)));
      }
      return out;
    }
    if (globalClipnorm != null && !grads.isEmpty()) {
      Operand<TFloat32> c = tf.constant(globalClipnorm.floatValue());
      List<Operand<TFloat32>> squares = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        squares.add(sumAll(tf, tf.math.square(g)));
      }
      Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squares));
      Operand<TFloat32> scale = tf.math.div(c, tf.math.maximum(norm, c));
      List<Operand<TFloat32>> out = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        out.add(tf.math.mul(g, scale));
      }
      return out;
    }
    if (clipvalue != null) {
      Operand<TFloat32> hi = tf.constant(clipvalue.floatValue());
      Operand<TFloat32> lo = tf.constant(-clipvalue.floatValue());
      List<Operand<TFloat32>> out = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        out.add(tf.clipByValue(g, lo, hi));
      }
      return out;
    }
    return grads;
  }

  private static Operand<TFloat32> l2norm(Ops tf, Operand<TFloat32> g) {
    return tf.math.sqrt(sumAll(tf, tf.math.square(g)));
  }

  private static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return tf.sum(x, tf.constant(axes));
  }

  /**
   * Adds Keras 3's moving-average block after a step's update to the training graph (an empty list without
   * {@link #useEma()}); the training step calls it once per step, after {@code applyGradients}. For each trained
   * weight {@code w} and its {@code average}:
   *
   * <pre>
   * m = (iterations == 0 ? 0 : ema_momentum)          iterations = step.localStep - 1
   * average = m * average + (1 - m) * w                 (w read after the update)
   * if ema_overwrite_frequency and step.localStep % ema_overwrite_frequency == 0:  w = average
   * </pre>
   *
   * It only reads and assigns variables, so it works whatever ops the update itself used.
   *
   * @param tf ops that run after the step's whole update (control dependencies on its ops)
   * @param variables the trained weights' variables
   * @param averages their {@link #averageFor average} variables, in the same order
   * @param step the step the update belonged to
   * @return the ops that assign the averages (and overwrite the weights), in order
   */
  List<Op> applyMovingAverages(
      Ops tf, List<Operand<TFloat32>> variables, List<Operand<TFloat32>> averages, Step step) {
    if (!useEma) {
      return List.of();
    }
    if (averages.size() != variables.size()) {
      throw new IllegalArgumentException(name + ": " + variables.size() + " trained variables but "
          + averages.size() + " moving averages; every trained weight needs its averageFor(weight).");
    }
    Operand<TFloat32> notFirstStep =
        tf.dtypes.cast(tf.math.notEqual(step.localStep(), tf.constant(1f)), TFloat32.class);
    Operand<TFloat32> momentum = tf.math.mul(notFirstStep, tf.constant((float) emaMomentum));
    Operand<TFloat32> rest = tf.math.sub(tf.constant(1f), momentum);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Operand<TFloat32> average = averages.get(i);
      ops.add(tf.assign(average, tf.math.add(tf.math.mul(momentum, tf.identity(average)),
          tf.math.mul(rest, tf.identity(variables.get(i))))));
    }
    if (emaOverwriteFrequency != null) {
      Ops afterAverages = tf.withControlDependencies(ops);
      Operand<TBool> overwrite = afterAverages.math.equal(
          afterAverages.math.floorMod(step.localStep(), afterAverages.constant(emaOverwriteFrequency.floatValue())),
          afterAverages.constant(0f));
      List<Op> overwrites = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        Operand<TFloat32> v = variables.get(i);
        overwrites.add(afterAverages.assign(v, afterAverages.select(overwrite,
            afterAverages.identity(averages.get(i)), afterAverages.identity(v))));
      }
      ops.addAll(overwrites);
    }
    return ops;
  }

  /**
   * Copies each weight's moving average into it, as Keras's {@code optimizer.finalize_variable_values(vars)}, which
   * {@code fit} calls after its last epoch; does nothing without {@link #useEma()}.
   *
   * @param variables the model's trainable weights
   * @throws IllegalStateException if a weight was never trained by this optimizer (it has no average)
   */
  public void finalizeVariableValues(List<Weight> variables) {
    if (!useEma) {
      return;
    }
    List<float[]> values = new ArrayList<>();
    for (Weight w : variables) {
      Weight average;
      synchronized (this) {
        average = averages.get(w);
      }
      if (average == null) {
        throw new IllegalStateException(name + ": weight '" + w.path() + "' has no moving average; this optimizer"
            + " (use_ema=True) only averages the weights it trained " + paths(trackedWeights())
            + ". Train the model with it before finalizing.");
      }
      values.add(average.read());
    }
    for (int i = 0; i < variables.size(); i++) {
      variables.get(i).assign(values.get(i));
    }
  }

  private static List<String> paths(List<Weight> weights) {
    return weights.stream().map(Weight::path).toList();
  }

  /**
   * Returns the Keras config of this optimizer ({@code name}, {@code learning_rate} — a number or a schedule's
   * {@code {"class_name", "config"}} — the clipping and weight-decay options that are set, {@code use_ema},
   * {@code ema_momentum} and {@code ema_overwrite_frequency} when the moving average is on, then the optimizer's
   * own).
   */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("learning_rate", schedule == null ? (Object) learningRate : Schedules.serialize(schedule, false));
    if (weightDecay != null) {
      config.put("weight_decay", weightDecay);
    }
    if (clipnorm != null) {
      config.put("clipnorm", clipnorm);
    }
    if (globalClipnorm != null) {
      config.put("global_clipnorm", globalClipnorm);
    }
    if (clipvalue != null) {
      config.put("clipvalue", clipvalue);
    }
    if (useEma) {
      config.put("use_ema", true);
      config.put("ema_momentum", emaMomentum);
      config.put("ema_overwrite_frequency", emaOverwriteFrequency);
    }
    return config;
  }

  /**
   * The step the update belongs to.
   *
   * @param localStep the step number from 1 ({@code iterations + 1})
   * @param learningRate the step's learning rate (fed)
   */
  public record Step(Operand<TFloat32> localStep, Operand<TFloat32> learningRate) {}

  /** Returns the number of updates applied so far (Keras's {@code iterations}). */
  public synchronized long iterationCount() {
    return iterations == null ? 0 : (long) iterations().read()[0];
  }

  /** The {@code iterations} counter as a weight (a float scalar; {@link OptimizerInternals#iterations}). */
  synchronized Weight iterations() {
    if (iterations == null) {
      iterations = new Weight(name, "iter", new long[0], Initializers.zeros(), 0, false);
    }
    return iterations;
  }

  /** The optimizer's scalar variables besides {@code iterations} (Nadam's {@code u_product}). */
  synchronized List<Weight> globalVariables() {
    if (globals == null) {
      List<Weight> created = new ArrayList<>();
      for (Map.Entry<String, Double> e : globalVariableNames().entrySet()) {
        created.add(new Weight(name, e.getKey(), new long[0], new Constant(e.getValue()), 0, false));
      }
      globals = List.copyOf(created);
    }
    return globals;
  }

  /** The slots of a trainable weight, created on first use ({@link OptimizerInternals#slotsFor}). */
  synchronized List<Weight> slotsFor(Weight weight) {
    return slots.computeIfAbsent(
        weight,
        w -> {
          List<Weight> created = new ArrayList<>();
          List<String> names = slotNames();
          for (int i = 0; i < names.size(); i++) {
            created.add(new Weight(name + "/" + w.path(), names.get(i), w.shape(), slotInitializer(i), 0, false));
          }
          if (useEma) {
            // Keras 3's add_variable_from_reference(variable, "average"): zeros, overwritten by the first step.
            averages.put(w, new Weight(name + "/" + w.path(), "average", w.shape(), Initializers.zeros(), 0, false));
          }
          return List.copyOf(created);
        });
  }

  /**
   * Returns the moving average this optimizer keeps of a trainable weight (Keras's {@code <path>_average} in
   * {@code _model_variables_moving_average}), e.g. {@code optimizer.averageFor(dense.kernel()).read()} to look at
   * the averaged values before {@code fit} ends; {@code null} without {@link #useEma()}. Created (zeros) with the
   * weight's slots on first use.
   */
  public synchronized Weight averageFor(Weight weight) {
    slotsFor(weight);
    return averages.get(weight);
  }

  /** Returns the moving averages of the trained weights in registration order (empty without {@link #useEma()}). */
  public synchronized List<Weight> movingAverages() {
    return List.copyOf(averages.values());
  }

  /**
   * Returns the optimizer's state in Keras's order: {@code iterations}, its other scalar variables, the moving
   * averages (with {@link #useEma()}), then each slot kind for every weight in the order the weights were first
   * trained ({@code m} of all weights, then {@code v} of all weights).
   */
  public synchronized List<Weight> variables() {
    List<Weight> all = new ArrayList<>();
    all.add(iterations());
    all.addAll(globalVariables());
    all.addAll(averages.values());
    for (int s = 0; s < slotNames().size(); s++) {
      for (List<Weight> ws : slots.values()) {
        all.add(ws.get(s));
      }
    }
    return all;
  }

  /** Returns the trainable weights that have slots, in registration order. */
  public synchronized List<Weight> trackedWeights() {
    return List.copyOf(slots.keySet());
  }

  @Override
  public String toString() {
    return name + getConfig();
  }
}
