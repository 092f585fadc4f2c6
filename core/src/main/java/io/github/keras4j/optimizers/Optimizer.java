package io.github.keras4j.optimizers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.Weight;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
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
 */
public abstract class Optimizer {
  private final String name;
  private final double learningRate;
  private Weight iterations;
  private final Map<Weight, List<Weight>> slots = new LinkedHashMap<>();

  /**
   * Creates an optimizer.
   *
   * @param name the Keras class name ({@code Adam}); also the prefix of slot paths
   * @param learningRate positive
   */
  protected Optimizer(String name, double learningRate) {
    this.name = requireNonNull(name, "name");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          name + ": learning_rate must be a positive number, but got learning_rate=" + learningRate + ".");
    }
    this.learningRate = learningRate;
  }

  /** Returns the Keras class name, e.g. {@code Adam}. */
  public String name() {
    return name;
  }

  /** Returns the learning rate. */
  public double learningRate() {
    return learningRate;
  }

  /** Returns the names of the slots kept per trainable weight, e.g. {@code m}, {@code v}. */
  protected abstract List<String> slotNames();

  /**
   * Adds the update of one weight to the graph.
   *
   * @param tf the ops factory
   * @param variable the weight's variable (a ref to assign to)
   * @param gradient the gradient of the batch's mean loss w.r.t. the weight
   * @param slotVariables the weight's slot variables, in {@link #slotNames()} order
   * @param step the step number and learning rate
   */
  public abstract Op applyDense(
      Ops tf,
      Operand<TFloat32> variable,
      Operand<TFloat32> gradient,
      List<Operand<TFloat32>> slotVariables,
      Step step);

  /** Returns the Keras config of this optimizer ({@code name}, {@code learning_rate}, …). */
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", name);
    config.put("learning_rate", learningRate);
    return config;
  }

  /** The step the update belongs to. */
  public record Step(Operand<TFloat32> localStep, Operand<TFloat32> learningRate) {}

  /** Returns the number of updates applied so far (Keras's {@code iterations}). */
  public synchronized long iterationCount() {
    return iterations == null ? 0 : (long) iterations().read()[0];
  }

  /** Internal: the {@code iterations} counter as a weight (a float scalar). */
  public synchronized Weight iterations() {
    if (iterations == null) {
      iterations = new Weight(name, "iter", new long[0], Initializers.zeros(), 0, false);
    }
    return iterations;
  }

  /** Internal: the slots of a trainable weight, created (zero) on first use. */
  public synchronized List<Weight> slotsFor(Weight weight) {
    return slots.computeIfAbsent(
        weight,
        w -> {
          List<Weight> created = new ArrayList<>();
          for (String slot : slotNames()) {
            created.add(new Weight(name + "/" + w.path(), slot, w.shape(), Initializers.zeros(), 0, false));
          }
          return List.copyOf(created);
        });
  }

  /**
   * Returns the optimizer's state in Keras's order: {@code iterations}, then each slot kind for every weight in
   * the order the weights were first trained ({@code m} of all weights, then {@code v} of all weights).
   */
  public synchronized List<Weight> variables() {
    List<Weight> all = new ArrayList<>();
    all.add(iterations());
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
