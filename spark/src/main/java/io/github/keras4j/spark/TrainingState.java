package io.github.keras4j.spark;

import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the driver and the workers exchange each averaging round: the model's weights and the optimizer's state
 * (its {@code iterations} counter and slots such as Adam's {@code m} and {@code v}), keyed by weight path.
 */
final class TrainingState implements Serializable {
  private static final long serialVersionUID = 1L;

  final Map<String, float[]> weights;
  final Map<String, float[]> optimizer;

  private TrainingState(Map<String, float[]> weights, Map<String, float[]> optimizer) {
    this.weights = weights;
    this.optimizer = optimizer;
  }

  /** Reads the state of a compiled model; creates the optimizer's slots (zeros) if training has not begun. */
  static TrainingState of(Model model) {
    Map<String, float[]> w = new LinkedHashMap<>();
    for (Weight weight : model.weights()) {
      w.put(weight.path(), weight.read());
    }
    Map<String, float[]> o = new LinkedHashMap<>();
    for (Weight weight : optimizerWeights(model)) {
      o.put(weight.path(), weight.read());
    }
    return new TrainingState(w, o);
  }

  /** Writes this state into a model of the same architecture. */
  void applyTo(Model model) {
    for (Weight weight : model.weights()) {
      weight.assign(require(weights, weight, "weight"));
    }
    for (Weight weight : optimizerWeights(model)) {
      weight.assign(require(optimizer, weight, "optimizer variable"));
    }
  }

  private static float[] require(Map<String, float[]> values, Weight weight, String what) {
    float[] v = values.get(weight.path());
    if (v == null) {
      throw new IllegalStateException("SparkTrainer: no value for " + what + " '" + weight.path()
          + "' in the state sent by the driver; the worker's model does not match the driver's (known: "
          + values.keySet() + ").");
    }
    return v;
  }

  private static List<Weight> optimizerWeights(Model model) {
    Optimizer opt = model.optimizer();
    for (Weight trainable : model.trainableWeights()) {
      OptimizerInternals.slotsFor(opt, trainable);
    }
    return opt.variables();
  }

  /**
   * Returns the average of states, each weighted by its sample count (Keras4J's parameter averaging, as DL4J's
   * {@code ParameterAveragingTrainingMaster} with updater-state averaging).
   */
  static TrainingState average(List<TrainingState> states, List<Long> samples) {
    double total = 0;
    for (long s : samples) {
      total += s;
    }
    Map<String, float[]> w = new LinkedHashMap<>();
    Map<String, float[]> o = new LinkedHashMap<>();
    TrainingState first = states.get(0);
    for (String key : first.weights.keySet()) {
      w.put(key, mean(states, samples, total, s -> s.weights.get(key)));
    }
    for (String key : first.optimizer.keySet()) {
      o.put(key, mean(states, samples, total, s -> s.optimizer.get(key)));
    }
    return new TrainingState(w, o);
  }

  private static float[] mean(
      List<TrainingState> states, List<Long> samples, double total,
      java.util.function.Function<TrainingState, float[]> pick) {
    int n = pick.apply(states.get(0)).length;
    double[] acc = new double[n];
    for (int s = 0; s < states.size(); s++) {
      float[] v = pick.apply(states.get(s));
      double f = samples.get(s) / total;
      for (int i = 0; i < n; i++) {
        acc[i] += f * v[i];
      }
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) acc[i];
    }
    return out;
  }
}
