package io.github.keras4j.models;

import io.github.keras4j.backend.Program;
import io.github.keras4j.layers.Shapes;
import io.github.keras4j.utils.Progbar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * The {@code evaluate} and {@code predict} loops (Keras's {@code Trainer.evaluate} / {@code predict}) with their
 * callbacks. Several threads may run them on one model at once: each call has its own batch source and feeds its
 * own tensors.
 */
final class InferenceLoop {
  private InferenceLoop() {}

  /**
   * Evaluates a checked source with an optional progress bar and the options' callbacks, in Keras's order:
   * {@code setModel}, {@code onTestBegin}, {@code onTestBatchBegin/End} per batch, {@code onTestEnd}. Returns
   * Keras's logs.
   */
  static Map<String, Double> evaluate(Model model, BatchSource source, EvaluateOptions options) {
    Program p = model.program(false, source.sampleShapes());
    Progbar bar = options.verbose() > 0
        ? new Progbar(source.steps(), options.verbose(), model.out(), Progbar.stdoutIsTerminal(), "step")
        : null;
    List<ModelCallback> callbacks = options.callbacks();
    for (ModelCallback c : callbacks) {
      c.setModel(model);
    }
    return evaluate(
        model, p, source, model.logNames(), bar, null, callbacks, !callbacks.isEmpty(), model.stepsPerExecution());
  }

  /**
   * Runs {@code source} through the program's loss and metrics; returns the means under their names. Runs the
   * first {@code maxSteps} batches when not null (Keras's {@code validation_steps}). When {@code batchLogs},
   * calls each callback's {@code onTestBatchBegin} before a batch and {@code onTestBatchEnd} with the running
   * means after it; each callback's {@code onTestBegin} comes first and {@code onTestEnd} (with the returned logs)
   * last. Stops after the batch at which a callback set {@link Model#stopEvaluating(boolean)} (cleared first, as
   * Keras's {@code evaluate} does). With
   * {@code perExecution > 1} (Keras's {@code steps_per_execution}) up to that many full batches run in one
   * {@code Session.run}, with the same figures, and the batch callbacks are called once per execution (at its
   * first and last batch), as Keras does.
   */
  static Map<String, Double> evaluate(Model model, Program p, BatchSource source, List<String> names, Progbar bar,
      Integer maxSteps, List<ModelCallback> callbacks, boolean batchLogs, int perExecution) {
    for (ModelCallback c : callbacks) {
      c.onTestBegin(Map.of());
    }
    model.stopEvaluating(false);
    source.onEpochBegin(0);
    double[] sums = new double[p.numSums()];
    long seen = 0;
    int steps = source.steps();
    if (maxSteps != null) {
      if (maxSteps > steps) {
        throw new IllegalArgumentException("validationSteps=" + maxSteps + ", but the validation data yields only "
            + steps + " batches; use validationSteps <= " + steps + ".");
      }
      steps = maxSteps;
    }
    int done = 0;
    int capacity = Math.min(perExecution, steps);
    TrainingLoop.BlockFeeder feeder = capacity > 1 ? new TrainingLoop.BlockFeeder(source, capacity) : null;
    try {
      for (int step = 0; step < steps; ) {
        int k = TrainingLoop.blockSteps(source, step, steps, perExecution);
        if (batchLogs) {
          for (ModelCallback c : callbacks) {
            c.onTestBatchBegin(step, Map.of());
          }
        }
        float[][] rows;
        if (k == 1) {
          BatchSource.Batch batch = source.batch(step);
          rows = new float[][] {p.evaluateStep(batch.xs(), batch.ys(), batch.size())};
          seen += batch.size();
        } else {
          rows = feeder.evaluate(p, source, step, k, capacity);
          seen += (long) k * source.batchSize();
        }
        for (float[] r : rows) {
          for (int i = 0; i < sums.length; i++) {
            sums[i] += r[i];
          }
        }
        int last = step + k - 1;
        step += k;
        boolean barUpdate = bar != null && step < steps;
        if (batchLogs || barUpdate) {
          Map<String, Double> running = Collections.unmodifiableMap(means(p, names, sums, seen, ""));
          if (batchLogs) {
            for (ModelCallback c : callbacks) {
              c.onTestBatchEnd(last, running);
            }
          }
          if (barUpdate) {
            bar.update(step, running, false);
          }
        }
        done = step;
        if (model.stopEvaluating()) {
          break;
        }
      }
    } finally {
      source.onEpochEnd(0);
    }
    Map<String, Double> logs = means(p, names, sums, seen, "");
    if (bar != null) {
      bar.update(done, logs, true);
    }
    Map<String, Double> view = Collections.unmodifiableMap(logs);
    for (ModelCallback c : callbacks) {
      c.onTestEnd(view);
    }
    return logs;
  }

  /**
   * Returns the logged values under their names: each loss sum over {@code seen} samples, each metric's result
   * of its epoch state (see {@link Program#results}).
   */
  static Map<String, Double> means(Program p, List<String> names, double[] sums, long seen, String prefix) {
    double[] values = p.results(sums, seen);
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      logs.put(prefix + names.get(i), values[i]);
    }
    return logs;
  }

  /**
   * Predicts over a checked source; returns one array of rows per output, in source order — only the rows of the
   * batches run when a callback set {@link Model#stopPredicting(boolean)}.
   */
  static List<float[][]> predict(Model model, BatchSource source, PredictOptions options) {
    Program p = model.program(false, source.sampleShapes());
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
    List<ModelCallback> callbacks = options.callbacks();
    for (ModelCallback c : callbacks) {
      c.setModel(model);
    }
    model.stopPredicting(false);
    for (ModelCallback c : callbacks) {
      c.onPredictBegin(Map.of());
    }
    source.onEpochBegin(0);
    int row = 0;
    try {
      for (int step = 0; step < steps; step++) {
        for (ModelCallback c : callbacks) {
          c.onPredictBatchBegin(step, Map.of());
        }
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
        for (ModelCallback c : callbacks) {
          c.onPredictBatchEnd(step, Map.of());
        }
        boolean stop = model.stopPredicting();
        if (bar != null) {
          bar.update(step + 1, Map.of(), stop || step + 1 == steps);
        }
        if (stop) {
          break; // Keras's predict returns the outputs of the batches run so far
        }
      }
    } finally {
      source.onEpochEnd(0);
    }
    for (ModelCallback c : callbacks) {
      c.onPredictEnd(Map.of());
    }
    if (row < n) {
      for (int o = 0; o < outputs; o++) {
        rows.set(o, Arrays.copyOf(rows.get(o), row));
      }
    }
    return rows;
  }
}
