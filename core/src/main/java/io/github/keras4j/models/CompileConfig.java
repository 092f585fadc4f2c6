package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.losses.Loss;
import io.github.keras4j.metrics.Metric;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * What {@code compile} configured: the optimizer, one loss for all outputs or one per output, and the metric
 * names (Keras's {@code CompileLoss} / {@code CompileMetrics} in one immutable value). Each {@code compile} call
 * makes a new instance, so its identity tells the program cache that the program must be rebuilt.
 */
final class CompileConfig {
  final Optimizer optimizer;
  final List<Loss> losses;
  final List<String> metricNames;
  /** Metrics given as objects, by name (Keras's {@code compile(metrics=[AUC(curve="PR")])}). */
  private final Map<String, Metric> metricObjects;

  private CompileConfig(Optimizer optimizer, List<Loss> losses, List<String> metricNames) {
    this(optimizer, losses, metricNames, Map.of());
  }

  private CompileConfig(
      Optimizer optimizer, List<Loss> losses, List<String> metricNames, Map<String, Metric> metricObjects) {
    this.optimizer = optimizer;
    this.losses = losses;
    this.metricNames = metricNames;
    this.metricObjects = metricObjects;
  }

  /**
   * Checks and captures a compile call with metric objects; each is reported under its {@link Metric#name()}.
   *
   * @throws IllegalArgumentException if two metrics share a name
   */
  static CompileConfig of(
      Optimizer optimizer, List<Loss> losses, List<Metric> metrics, int outputs, List<String> outputNames) {
    requireNonNull(metrics, "metrics");
    Map<String, Metric> objects = new java.util.LinkedHashMap<>();
    for (Metric m : metrics) {
      requireNonNull(m, "metric");
      if (objects.put(m.name(), m) != null) {
        throw new IllegalArgumentException("compile: two metrics are named '" + m.name() + "'; give each a"
            + " unique name.");
      }
    }
    CompileConfig checked = of(optimizer, losses, new String[0], outputs, outputNames);
    return new CompileConfig(checked.optimizer, checked.losses, List.copyOf(objects.keySet()),
        Map.copyOf(objects));
  }

  /**
   * Checks and captures a compile call.
   *
   * @param outputs the model's output count, or -1 if the model is not built yet
   */
  static CompileConfig of(
      Optimizer optimizer, List<Loss> losses, String[] metrics, int outputs, List<String> outputNames) {
    requireNonNull(optimizer, "optimizer");
    requireNonNull(losses, "losses");
    requireNonNull(metrics, "metrics");
    if (losses.isEmpty()) {
      throw new IllegalArgumentException("compile: give at least one loss.");
    }
    for (Loss l : losses) {
      requireNonNull(l, "loss");
      for (String m : metrics) {
        Metrics.get(requireNonNull(m, "metric"), 2, l.sparseLabels());
      }
    }
    if (losses.size() > 1 && outputs >= 0 && losses.size() != outputs) {
      throw new IllegalArgumentException(
          "compile: the loss list should have one entry per model output. The model has " + outputs
              + " outputs " + outputNames + ", but got " + losses.size() + " losses.");
    }
    return new CompileConfig(optimizer, List.copyOf(losses), List.of(metrics));
  }

  /** Returns the loss of output {@code o}. */
  Loss lossFor(int o) {
    return losses.size() == 1 ? losses.get(0) : losses.get(o);
  }

  /**
   * Checks that the losses fit a model with these outputs.
   *
   * @throws IllegalArgumentException if there are several losses but not one per output
   */
  void checkLossCount(String modelName, List<String> outputNames) {
    if (losses.size() > 1 && losses.size() != outputNames.size()) {
      throw new IllegalArgumentException(
          "Model '" + modelName + "' has " + outputNames.size() + " outputs " + outputNames + ", but was compiled"
              + " with " + losses.size() + " losses; give one loss per output or one for all.");
    }
  }

  /** Returns one loss per output for a model with {@code outputs} outputs. */
  List<Loss> outputLosses(int outputs) {
    List<Loss> out = new ArrayList<>();
    for (int o = 0; o < outputs; o++) {
      out.add(lossFor(o));
    }
    return out;
  }

  /** Returns the metrics of each output: every metric name resolved for the output's units and loss. */
  List<List<Metric>> outputMetrics(List<Shape> outputShapes) {
    List<List<Metric>> metrics = new ArrayList<>();
    for (int o = 0; o < outputShapes.size(); o++) {
      long units = outputShapes.get(o).size(-1);
      List<Metric> perOutput = new ArrayList<>();
      for (String m : metricNames) {
        Metric object = metricObjects.get(m);
        perOutput.add(object != null ? object : Metrics.get(m, units, lossFor(o).sparseLabels()));
      }
      metrics.add(perOutput);
    }
    return metrics;
  }

  /**
   * Keras 2.x's log names: {@code loss} and the metrics; with several outputs, {@code loss}, each output's
   * {@code <name>_loss}, then each output's {@code <name>_<metric>}.
   */
  List<String> logNames(List<String> outputNames) {
    List<String> names = new ArrayList<>();
    names.add("loss");
    if (outputNames.size() == 1) {
      names.addAll(metricNames);
      return names;
    }
    for (String o : outputNames) {
      names.add(o + "_loss");
    }
    for (String o : outputNames) {
      for (String m : metricNames) {
        names.add(o + "_" + m);
      }
    }
    return names;
  }
}
