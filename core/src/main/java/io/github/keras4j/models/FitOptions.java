package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The keyword arguments of Keras's {@code fit}, with Keras's defaults: batch size 32, 1 epoch, verbose 1,
 * shuffle true, no validation.
 *
 * <pre>{@code
 * new FitOptions().validationSplit(0.1).batchSize(10).epochs(30).shuffle(true).verbose(2)
 * }</pre>
 */
public final class FitOptions {
  private Integer batchSize;
  private int epochs = 1;
  private int verbose = 1;
  private boolean shuffle = true;
  private double validationSplit;
  private Validation validationData;
  private int initialEpoch;
  private final List<ModelCallback> callbacks = new ArrayList<>();
  private Long seed;
  private java.util.Map<Integer, Double> classWeight;
  private float[] sampleWeight;
  private Integer stepsPerEpoch;
  private Integer validationSteps;
  private int validationFreq = 1;

  /** Creates options with Keras's defaults. */
  public FitOptions() {}

  /** Validation data given to {@link #validationData}: arrays (converted and checked at fit) or a source. */
  record Validation(java.util.function.Supplier<ArrayBatches> arrays, BatchSource source) {}

  /**
   * Sets the number of samples per gradient update (default 32; ignored for a {@link BatchSource}, which has its
   * own).
   *
   * @throws IllegalArgumentException if not positive
   */
  public FitOptions batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "FitOptions: batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * Sets the index of the last epoch (Keras's {@code epochs}; with {@code initialEpoch} the run trains epochs
   * {@code initialEpoch … epochs-1}); default 1.
   *
   * @throws IllegalArgumentException if negative
   */
  public FitOptions epochs(int epochs) {
    if (epochs < 0) {
      throw new IllegalArgumentException("FitOptions: epochs must be >= 0, but got epochs=" + epochs + ".");
    }
    this.epochs = epochs;
    return this;
  }

  /**
   * Sets the verbosity: 0 silent, 1 progress bar (default), 2 one line per epoch.
   *
   * @throws IllegalArgumentException if not 0, 1 or 2
   */
  public FitOptions verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException(
          "FitOptions: verbose must be 0, 1 or 2, but got verbose=" + verbose + ".");
    }
    this.verbose = verbose;
    return this;
  }

  /** Sets whether the training samples are reshuffled before each epoch (default true). */
  public FitOptions shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /**
   * Sets the fraction of the training arrays held out for validation: the LAST {@code fraction} of the samples,
   * taken before shuffling, as Keras does.
   *
   * @throws IllegalArgumentException if not in {@code [0, 1)}
   */
  public FitOptions validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "FitOptions: validationSplit must be in [0, 1), but got validationSplit=" + fraction + ".");
    }
    this.validationSplit = fraction;
    return this;
  }

  /** Sets validation arrays with class-index labels; evaluated at the end of each epoch, never trained on. */
  public FitOptions validationData(float[][] x, int[] y) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    return validation(() -> DataAdapters.rows(
        x, DataAdapters.toFloat(y, VY), 1, true, VX, VY));
  }

  /** Sets validation arrays with one-hot (or regression) labels. */
  public FitOptions validationData(float[][] x, float[][] y) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    return validation(() -> DataAdapters.rows(
        x, DataAdapters.flattenLabels(y, VY), DataAdapters.labelWidth(y, VY), false, VX, VY));
  }

  /** Sets validation arrays with one label value per sample (binary or regression). */
  public FitOptions validationData(float[][] x, float[] y) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    return validation(() -> DataAdapters.rows(x, DataAdapters.column(y, VY), 1, false, VX, VY));
  }

  /** Sets validation token ids (an integer-input model) with class-index labels. */
  public FitOptions validationData(int[][] x, int[] y) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    return validation(() -> DataAdapters.tokens(x, DataAdapters.toFloat(y, VY), 1, true, VX, VY));
  }

  /**
   * Sets validation arrays for a model with several inputs and/or outputs: one array per input (a
   * {@code FloatNdArray}, {@code float[][]} rows or {@code int[][]} token ids) and one label array per output, as
   * {@link Model#fit(List, List, FitOptions)} takes them; logs get Keras's {@code val_} names ({@code val_loss},
   * {@code val_a_loss}, …).
   */
  public FitOptions validationData(List<?> xs, List<float[][]> ys) {
    List<?> inputs = List.copyOf(requireNonNull(xs, "xs"));
    List<float[][]> labels = List.copyOf(requireNonNull(ys, "ys"));
    return validation(() -> DataAdapters.multi(inputs, labels));
  }

  private static final String VX = "validation x";
  private static final String VY = "validation y";

  private FitOptions validation(java.util.function.Supplier<ArrayBatches> arrays) {
    this.validationData = new Validation(arrays, null);
    return this;
  }

  /** Sets a validation batch source (an iterator); never shuffled or trained on. */
  public FitOptions validationData(BatchSource source) {
    this.validationData = new Validation(null, requireNonNull(source, "source"));
    return this;
  }

  /**
   * Sets the epoch to start from (zero-based), for resuming a run; default 0.
   *
   * @throws IllegalArgumentException if negative
   */
  public FitOptions initialEpoch(int initialEpoch) {
    if (initialEpoch < 0) {
      throw new IllegalArgumentException(
          "FitOptions: initialEpoch must be >= 0, but got initialEpoch=" + initialEpoch + ".");
    }
    this.initialEpoch = initialEpoch;
    return this;
  }

  /**
   * Adds callbacks ({@link io.github.keras4j.callbacks.Callback}s such as {@code EarlyStopping}), called in order
   * after the built-in history and progress logging.
   */
  public FitOptions callbacks(ModelCallback... callbacks) {
    for (ModelCallback c : callbacks) {
      this.callbacks.add(requireNonNull(c, "callback"));
    }
    return this;
  }

  /** Adds callbacks. */
  public FitOptions callbacks(List<? extends ModelCallback> callbacks) {
    return callbacks(callbacks.toArray(new ModelCallback[0]));
  }

  /** Seeds the shuffling; without it the seed comes from the Keras session ({@code Keras.setRandomSeed}). */
  public FitOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Weighs each sample's loss by its class, as Keras's {@code class_weight} (a single-output model; a class
   * missing from the map weighs 1). The reported loss is the weighted one; metrics are unweighted.
   *
   * @throws IllegalArgumentException for a negative or non-finite weight or a negative class
   */
  public FitOptions classWeight(java.util.Map<Integer, Double> classWeight) {
    requireNonNull(classWeight, "classWeight");
    for (java.util.Map.Entry<Integer, Double> e : classWeight.entrySet()) {
      requireNonNull(e.getKey(), "class");
      if (e.getKey() < 0) {
        throw new IllegalArgumentException("FitOptions: classWeight keys are class indices >= 0, but got class "
            + e.getKey() + ".");
      }
      Double w = e.getValue();
      if (w == null || !(w >= 0) || w.isInfinite()) {
        throw new IllegalArgumentException("FitOptions: classWeight for class " + e.getKey()
            + " must be a finite number >= 0, but got " + w + ".");
      }
    }
    this.classWeight = java.util.Map.copyOf(classWeight);
    return this;
  }

  /**
   * Weighs each training sample's loss, as Keras's {@code sample_weight}: one weight per sample of the arrays
   * given to {@code fit} (before any validation split). The reported loss is the weighted one; metrics are
   * unweighted. Only for array inputs.
   *
   * @throws IllegalArgumentException for a negative or non-finite weight
   */
  public FitOptions sampleWeight(float[] sampleWeight) {
    requireNonNull(sampleWeight, "sampleWeight");
    for (int i = 0; i < sampleWeight.length; i++) {
      if (!(sampleWeight[i] >= 0) || Float.isInfinite(sampleWeight[i])) {
        throw new IllegalArgumentException("FitOptions: sample weights must be finite numbers >= 0, but"
            + " sampleWeight[" + i + "]=" + sampleWeight[i] + ".");
      }
    }
    this.sampleWeight = sampleWeight.clone();
    return this;
  }

  /**
   * Sets the number of batches per epoch, as Keras's {@code steps_per_epoch} (for endless or very large sources);
   * each epoch takes the first {@code steps} batches of the source's epoch order.
   *
   * @throws IllegalArgumentException if not positive
   */
  public FitOptions stepsPerEpoch(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("FitOptions: stepsPerEpoch must be >= 1, but got stepsPerEpoch=" + steps
          + ".");
    }
    this.stepsPerEpoch = steps;
    return this;
  }

  /**
   * Sets the number of validation batches per validation pass, as Keras's {@code validation_steps}.
   *
   * @throws IllegalArgumentException if not positive
   */
  public FitOptions validationSteps(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("FitOptions: validationSteps must be >= 1, but got validationSteps="
          + steps + ".");
    }
    this.validationSteps = steps;
    return this;
  }

  /**
   * Validates every {@code freq} epochs (after epochs {@code freq, 2 freq, …}), as Keras's {@code validation_freq};
   * default 1.
   *
   * @throws IllegalArgumentException if not positive
   */
  public FitOptions validationFreq(int freq) {
    if (freq < 1) {
      throw new IllegalArgumentException("FitOptions: validationFreq must be >= 1, but got validationFreq=" + freq
          + ".");
    }
    this.validationFreq = freq;
    return this;
  }

  /** Returns the class weights, or {@code null}. */
  public java.util.Map<Integer, Double> classWeight() {
    return classWeight;
  }

  /** Returns a copy of the sample weights, or {@code null}. */
  public float[] sampleWeight() {
    return sampleWeight == null ? null : sampleWeight.clone();
  }

  float[] sampleWeightArray() {
    return sampleWeight;
  }

  /** Returns the steps per epoch, or {@code null} for the whole source. */
  public Integer stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** Returns the validation steps, or {@code null} for the whole validation source. */
  public Integer validationSteps() {
    return validationSteps;
  }

  /** Returns the validation frequency in epochs. */
  public int validationFreq() {
    return validationFreq;
  }

  /** Returns the batch size, or {@code null} when not set (32 for arrays). */
  public Integer batchSize() {
    return batchSize;
  }

  /** Returns the number of epochs. */
  public int epochs() {
    return epochs;
  }

  /** Returns the verbosity. */
  public int verbose() {
    return verbose;
  }

  /** Returns whether training samples are shuffled each epoch. */
  public boolean shuffle() {
    return shuffle;
  }

  /** Returns the validation split fraction. */
  public double validationSplit() {
    return validationSplit;
  }

  /** Returns whether validation data was given. */
  public boolean hasValidationData() {
    return validationData != null;
  }

  Validation validation() {
    return validationData;
  }

  /** Returns the initial epoch. */
  public int initialEpoch() {
    return initialEpoch;
  }

  /** Returns the callbacks (a copy). */
  public List<ModelCallback> callbacks() {
    return List.copyOf(callbacks);
  }

  /** Returns the shuffle seed, or {@code null}. */
  public Long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "FitOptions[batchSize=" + batchSize + ", epochs=" + epochs + ", verbose=" + verbose + ", shuffle="
        + shuffle + ", validationSplit=" + validationSplit + ", initialEpoch=" + initialEpoch + ", callbacks="
        + Arrays.toString(callbacks.toArray()) + "]";
  }
}
