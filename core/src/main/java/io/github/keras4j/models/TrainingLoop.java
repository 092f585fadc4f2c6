package io.github.keras4j.models;

import io.github.keras4j.backend.KerasContext;
import io.github.keras4j.backend.Program;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.callbacks.Progbar;
import io.github.keras4j.callbacks.ProgbarLogger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fit} loop (Keras's {@code Trainer.fit}): validation split, epochs of training steps, callbacks,
 * per-epoch validation. The model runs it under its exclusive lock.
 */
final class TrainingLoop {
  private final Model model;

  TrainingLoop(Model model) {
    this.model = model;
  }

  /** Trains on arrays: splits off {@code validationSplit} (the last samples, unshuffled, as Keras). */
  History fit(ArrayBatches all, FitOptions options) {
    int n = all.size();
    int batchSize = options.batchSize() == null ? 32 : options.batchSize();
    long seed = options.seed() != null ? options.seed() : KerasContext.current().nextSeed();
    ArrayBatches train;
    BatchSource validation = null;
    if (options.validationSplit() > 0) {
      int splitAt = (int) Math.floor(n * (1.0 - options.validationSplit()));
      if (splitAt == 0 || splitAt == n) {
        throw new IllegalArgumentException(
            "Training data contains " + n + " samples, which is not sufficient to split it into a validation"
                + " and training set as specified by validationSplit=" + options.validationSplit()
                + ". Either provide more data, or a different value for validationSplit.");
      }
      train = all.range(0, splitAt, batchSize, options.shuffle(), seed);
      validation = all.range(splitAt, n - splitAt, batchSize, false, seed);
    } else {
      train = all.range(0, n, batchSize, options.shuffle(), seed);
    }
    if (options.hasValidationData()) {
      validation = validationSource(options, batchSize);
    }
    return fit(train, validation, options);
  }

  /** Trains on a batch source; validation only from {@code validationData}. */
  History fit(BatchSource source, FitOptions options) {
    if (options.validationSplit() > 0) {
      throw new IllegalArgumentException(
          "fit: validationSplit is only supported for arrays; with a batch source, give validationData.");
    }
    BatchSource validation = null;
    if (options.hasValidationData()) {
      validation = validationSource(options, options.batchSize() == null ? 32 : options.batchSize());
    }
    return fit(source, validation, options);
  }

  private static BatchSource validationSource(FitOptions options, int batchSize) {
    FitOptions.Validation v = options.validation();
    if (v.source() != null) {
      return v.source();
    }
    ArrayBatches arrays = v.arrays().get();
    return arrays.range(0, arrays.size(), batchSize, false, 0);
  }

  private History fit(BatchSource train, BatchSource validation, FitOptions options) {
    InputChecks.check(model, train, true, "fit");
    if (validation != null) {
      InputChecks.check(model, validation, true, "fit (validation data)");
    }
    Program p = model.program(true);
    History history = new History();
    List<Callback> callbacks = new ArrayList<>();
    callbacks.add(history);
    ProgbarLogger logger = null;
    int steps = train.steps();
    if (options.verbose() > 0) {
      logger = new ProgbarLogger(
          options.verbose(), options.epochs(), steps, model.out(), Progbar.stdoutIsTerminal());
      callbacks.add(logger);
    }
    callbacks.addAll(options.callbacks());
    boolean batchLogs = (logger != null && logger.wantsBatchLogs()) || !options.callbacks().isEmpty();
    for (Callback c : callbacks) {
      c.setModel(model);
    }
    List<String> names = model.logNames();
    model.stopTraining(false);
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    for (Callback c : callbacks) {
      c.onTrainBegin(Map.of());
    }
    double[] sums = new double[names.size()];
    for (int epoch = options.initialEpoch(); epoch < options.epochs(); epoch++) {
      train.onEpochBegin(epoch);
      for (Callback c : callbacks) {
        c.onEpochBegin(epoch, Map.of());
      }
      Arrays.fill(sums, 0);
      long seen = 0;
      try {
        for (int step = 0; step < steps; step++) {
          if (batchLogs) {
            for (Callback c : callbacks) {
              c.onTrainBatchBegin(step, Map.of());
            }
          }
          BatchSource.Batch batch = train.batch(step);
          float[] r = p.trainStep(batch.xs(), batch.ys(), batch.size());
          if (!Float.isFinite(r[0])) {
            if (logger != null) {
              model.out().println();
            }
            throw new NonFiniteLossException(epoch, step, r[0] / batch.size());
          }
          for (int i = 0; i < sums.length; i++) {
            sums[i] += r[i];
          }
          seen += batch.size();
          if (batchLogs) {
            Map<String, Double> logs = InferenceLoop.means(names, sums, seen, "");
            for (Callback c : callbacks) {
              c.onTrainBatchEnd(step, logs);
            }
          }
          if (model.stopTraining()) {
            break;
          }
        }
      } finally {
        train.onEpochEnd(epoch);
      }
      epochLogs = InferenceLoop.means(names, sums, seen, "");
      if (validation != null) {
        epochLogs.putAll(InferenceLoop.evaluate(p, validation, names, "val_", null));
      }
      for (Callback c : callbacks) {
        c.onEpochEnd(epoch, epochLogs);
      }
      if (model.stopTraining()) {
        break;
      }
    }
    for (Callback c : callbacks) {
      c.onTrainEnd(epochLogs);
    }
    return history;
  }
}
