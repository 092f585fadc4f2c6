package io.github.keras4j.models;

import io.github.keras4j.backend.Program;
import io.github.keras4j.callbacks.Progbar;
import io.github.keras4j.layers.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * The {@code evaluate} and {@code predict} loops (Keras's {@code Trainer.evaluate} / {@code predict}). Several
 * threads may run them on one model at once: each call has its own batch source and feeds its own tensors.
 */
final class InferenceLoop {
  private InferenceLoop() {}

  /** Evaluates a checked source with an optional progress bar; returns Keras's logs. */
  static Map<String, Double> evaluate(Model model, BatchSource source, int verbose) {
    Progbar bar =
        verbose > 0 ? new Progbar(source.steps(), verbose, model.out(), Progbar.stdoutIsTerminal(), "step") : null;
    return evaluate(model.program(false), source, model.logNames(), "", bar);
  }

  /** Runs {@code source} through the program's loss and metrics; returns the means named {@code prefix + name}. */
  static Map<String, Double> evaluate(
      Program p, BatchSource source, List<String> names, String prefix, Progbar bar) {
    source.onEpochBegin(0);
    double[] sums = new double[names.size()];
    long seen = 0;
    int steps = source.steps();
    try {
      for (int step = 0; step < steps; step++) {
        BatchSource.Batch batch = source.batch(step);
        float[] r = p.evaluateStep(batch.xs(), batch.ys(), batch.size());
        for (int i = 0; i < sums.length; i++) {
          sums[i] += r[i];
        }
        seen += batch.size();
        if (bar != null && step + 1 < steps) {
          bar.update(step + 1, means(names, sums, seen, prefix), false);
        }
      }
    } finally {
      source.onEpochEnd(0);
    }
    Map<String, Double> logs = means(names, sums, seen, prefix);
    if (bar != null) {
      bar.update(steps, logs, true);
    }
    return logs;
  }

  /** Returns {@code sums / seen} under their names (0 before any sample). */
  static Map<String, Double> means(List<String> names, double[] sums, long seen, String prefix) {
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      logs.put(prefix + names.get(i), seen == 0 ? 0.0 : sums[i] / seen);
    }
    return logs;
  }

  /** Predicts over a checked source; returns one array of rows per output, in source order. */
  static List<float[][]> predict(Model model, BatchSource source, PredictOptions options) {
    Program p = model.program(false);
    List<Shape> shapes = p.outputShapes();
    int outputs = shapes.size();
    long[] units = new long[outputs];
    int n = source.size();
    List<float[][]> rows = new ArrayList<>();
    for (int o = 0; o < outputs; o++) {
      units[o] = Shapes.sampleSize(shapes.get(o));
      rows.add(new float[n][]);
    }
    int steps = source.steps();
    Progbar bar = options.verbose() > 0
        ? new Progbar(steps, options.verbose(), model.out(), Progbar.stdoutIsTerminal(), "step")
        : null;
    source.onEpochBegin(0);
    try {
      int row = 0;
      for (int step = 0; step < steps; step++) {
        BatchSource.Batch batch = source.batch(step);
        List<float[]> flat = p.predictStep(batch.xs(), batch.size());
        for (int o = 0; o < outputs; o++) {
          float[][] dest = rows.get(o);
          float[] values = flat.get(o);
          int u = Math.toIntExact(units[o]);
          for (int i = 0; i < batch.size(); i++) {
            dest[row + i] = Arrays.copyOfRange(values, i * u, (i + 1) * u);
          }
        }
        row += batch.size();
        if (bar != null) {
          bar.update(step + 1, Map.of(), step + 1 == steps);
        }
      }
    } finally {
      source.onEpochEnd(0);
    }
    return rows;
  }
}
