package io.github.keras4j.models;

import io.github.keras4j.KerasContext;
import io.github.keras4j.backend.Program;
import io.github.keras4j.utils.Progbar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fit} loop (Keras's {@code Trainer.fit}): validation split, epochs of training steps, callbacks,
 * per-epoch validation (which calls the fit's callbacks' test hooks, as Keras's {@code fit} does through
 * {@code evaluate}). The model runs it under its exclusive lock.
 */
final class TrainingLoop {
  private final Model model;

  TrainingLoop(Model model) {
    this.model = model;
  }

  /** Trains on arrays: splits off {@code validationSplit} (the last samples, unshuffled, as Keras). */
  History fit(ArrayBatches all, FitOptions options) {
    int n = all.size();
    float[] sampleWeight = options.sampleWeightArray();
    if (sampleWeight != null && sampleWeight.length != n) {
      throw new IllegalArgumentException("fit: sampleWeight has " + sampleWeight.length + " weights, but x has " + n
          + " samples; give one weight per sample.");
    }
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
    if (options.sampleWeightArray() != null) {
      throw new IllegalArgumentException(
          "fit: sampleWeight is only supported for arrays; a batch source must weigh its samples itself.");
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

  /**
   * Returns how many steps from {@code step} run in one execution: up to {@code perExecution}, all with full
   * batches (a smaller last batch runs on its own), never past {@code steps}.
   */
  static int blockSteps(BatchSource source, int step, int steps, int perExecution) {
    int k = Math.min(perExecution, steps - step);
    while (k > 1 && (long) (step + k) * source.batchSize() > source.size()) {
      k--;
    }
    return k;
  }

  /**
   * Copies {@code k} consecutive batches into one block for {@link Program#trainSteps} or
   * {@link Program#evaluateSteps}, in buffers of up to {@code perExecution} batches reused from block to block.
   */
  static final class BlockFeeder {
    private final int[] sampleSizes;
    private final int[] labelSizes;
    private final int batchSize;
    private final List<float[]> xs = new ArrayList<>();
    private final List<float[]> ys = new ArrayList<>();
    private final float[] weights;

    BlockFeeder(BatchSource train, int perExecution) {
      batchSize = train.batchSize();
      List<long[]> shapes = train.sampleShapes();
      sampleSizes = new int[shapes.size()];
      for (int i = 0; i < sampleSizes.length; i++) {
        long size = 1;
        for (long d : shapes.get(i)) {
          size *= d;
        }
        sampleSizes[i] = Math.toIntExact(size);
        xs.add(new float[perExecution * batchSize * sampleSizes[i]]);
      }
      List<Integer> labels = train.labelSizes();
      labelSizes = new int[labels.size()];
      for (int o = 0; o < labelSizes.length; o++) {
        labelSizes[o] = labels.get(o);
        ys.add(new float[perExecution * batchSize * labelSizes[o]]);
      }
      weights = new float[perExecution * batchSize];
    }

    /**
     * Runs the {@code k} steps from {@code step} as one execution (one set of callbacks) in one
     * {@code Session.run}, in the program's block of {@code perExecution} steps: a shorter execution (the epoch's
     * remainder) runs the block's first {@code k} steps, so that each epoch length does not compile (and keep in
     * memory) an unrolled graph of its own.
     */
    float[][] run(Program p, BatchSource train, SampleWeights sampleWeights, int step, int k, int perExecution) {
      boolean weighted = fill(train, sampleWeights, step, k);
      return p.trainSteps(xs, ys, batchSize, k, perExecution, weighted ? weights : null);
    }

    /** Evaluates the {@code k} full batches from {@code step} in one run of the {@code capacity}-step block. */
    float[][] evaluate(Program p, BatchSource source, int step, int k, int capacity) {
      fill(source, null, step, k);
      return p.evaluateSteps(xs, ys, batchSize, k, capacity);
    }

    /** Copies the {@code k} batches from {@code step} into the buffers; returns whether any batch has weights. */
    private boolean fill(BatchSource source, SampleWeights sampleWeights, int step, int k) {
      boolean weighted = false;
      for (int j = 0; j < k; j++) {
        BatchSource.Batch batch = source.batch(step + j);
        for (int i = 0; i < sampleSizes.length; i++) {
          int n = batchSize * sampleSizes[i];
          System.arraycopy(batch.xs().get(i), 0, xs.get(i), j * n, n);
        }
        for (int o = 0; o < labelSizes.length; o++) {
          int n = batchSize * labelSizes[o];
          System.arraycopy(batch.ys().get(o), 0, ys.get(o), j * n, n);
        }
        float[] w = sampleWeights == null ? null : sampleWeights.forBatch(batch, step + j);
        if (w != null) {
          weighted = true;
          System.arraycopy(w, 0, weights, j * batchSize, batchSize);
        }
      }
      return weighted;
    }
  }

  private History fit(BatchSource train, BatchSource validation, FitOptions options) {
    InputChecks.check(model, train, true, "fit");
    if (validation != null) {
      InputChecks.check(model, validation, true, "fit (validation data)");
    }
    if (validation != null) {
      model.checkSameProgram(train.sampleShapes(), validation.sampleShapes());
    }
    Program p = model.program(true, train.sampleShapes());
    History history = new History();
    List<ModelCallback> callbacks = new ArrayList<>();
    callbacks.add(history);
    ProgbarLogger logger = null;
    int steps = train.steps();
    if (options.stepsPerEpoch() != null) {
      if (options.stepsPerEpoch() > steps) {
        throw new IllegalArgumentException("fit: stepsPerEpoch=" + options.stepsPerEpoch() + ", but the training"
            + " data yields only " + steps + " batches per epoch; use stepsPerEpoch <= " + steps + ".");
      }
      steps = options.stepsPerEpoch();
    }
    SampleWeights weights = SampleWeights.of(model, train, options);
    int stepsPerExecution = model.stepsPerExecution();
    BlockFeeder block = stepsPerExecution > 1 ? new BlockFeeder(train, stepsPerExecution) : null;
    if (options.verbose() > 0) {
      logger = new ProgbarLogger(
          options.verbose(), options.epochs(), steps, model.out(), Progbar.stdoutIsTerminal());
      callbacks.add(logger);
    }
    callbacks.addAll(options.callbacks());
    boolean userCallbacks = !options.callbacks().isEmpty();
    boolean batchLogs = (logger != null && logger.wantsBatchLogs()) || userCallbacks;
    for (ModelCallback c : callbacks) {
      c.setModel(model);
    }
    List<String> names = model.logNames();
    model.stopTraining(false);
    Map<String, Double> epochLogs = new LinkedHashMap<>();
    for (ModelCallback c : callbacks) {
      c.onTrainBegin(Map.of());
    }
    int initialEpoch = model.takeResumeEpoch(options.initialEpoch());
    double[] sums = new double[p.numSums()];
    for (int epoch = initialEpoch; epoch < options.epochs(); epoch++) {
      train.onEpochBegin(epoch);
      for (ModelCallback c : callbacks) {
        c.onEpochBegin(epoch, Map.of());
      }
      Arrays.fill(sums, 0);
      long seen = 0;
      try {
        for (int step = 0; step < steps; ) {
          int k = blockSteps(train, step, steps, stepsPerExecution);
          if (batchLogs) {
            for (ModelCallback c : callbacks) {
              c.onTrainBatchBegin(step, Map.of());
            }
          }
          float[][] rows;
          int[] sizes = new int[k];
          if (k == 1) {
            BatchSource.Batch batch = train.batch(step);
            sizes[0] = batch.size();
            rows = new float[][] {p.trainStep(batch.xs(), batch.ys(), batch.size(), weights.forBatch(batch, step))};
          } else {
            rows = block.run(p, train, weights, step, k, stepsPerExecution);
            java.util.Arrays.fill(sizes, train.batchSize());
          }
          int last = step + k - 1;
          NonFiniteLossException nonFinite = null;
          for (int j = 0; j < k; j++) {
            float[] r = rows[j];
            if (!Float.isFinite(r[0]) && nonFinite == null) {
              nonFinite = new NonFiniteLossException(epoch, step + j, r[0] / sizes[j]);
              if (!userCallbacks) {
                break;
              }
            }
            for (int i = 0; i < sums.length; i++) {
              sums[i] += r[i];
            }
            seen += sizes[j];
          }
          if (batchLogs && (nonFinite == null || userCallbacks)) {
            Map<String, Double> logs = InferenceLoop.means(p, names, sums, seen, "");
            for (ModelCallback c : callbacks) {
              c.onTrainBatchEnd(last, logs);
            }
          }
          // A non-finite loss ends fit with an error unless a callback stopped training at this batch, as
          // TerminateOnNaN does (Keras's callback; without it Keras would train on with NaN weights).
          if (nonFinite != null && !model.stopTraining()) {
            if (logger != null) {
              model.out().println();
            }
            throw nonFinite;
          }
          step += k;
          if (model.stopTraining()) {
            break;
          }
        }
      } finally {
        train.onEpochEnd(epoch);
      }
      epochLogs = InferenceLoop.means(p, names, sums, seen, "");
      if (validation != null && (epoch + 1) % options.validationFreq() == 0) {
        Map<String, Double> valLogs =
            InferenceLoop.evaluate(model, p, validation, names, null, options.validationSteps(), callbacks,
                userCallbacks, stepsPerExecution);
        for (Map.Entry<String, Double> e : valLogs.entrySet()) {
          epochLogs.put("val_" + e.getKey(), e.getValue());
        }
      }
      for (ModelCallback c : callbacks) {
        c.onEpochEnd(epoch, epochLogs);
      }
      if (model.stopTraining()) {
        break;
      }
    }
    if (model.optimizer().useEma() && model.optimizer().iterationCount() > 0) {
      // Keras's fit: after the last epoch, before on_train_end, the weights take their moving averages.
      model.optimizer().finalizeVariableValues(model.trainableWeights());
    }
    for (ModelCallback c : callbacks) {
      c.onTrainEnd(epochLogs);
    }
    return history;
  }
}
