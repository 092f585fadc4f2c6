package io.github.keras4j.models;

import java.util.Map;

/**
 * Turns {@code sampleWeight} and {@code classWeight} of {@link FitOptions} into per-batch loss weights, as Keras's
 * {@code class_weight_to_sample_weights}: a sample of class {@code c} (its class index, or the argmax of its
 * one-hot row) weighs {@code classWeight.getOrDefault(c, 1)}, times its {@code sampleWeight}.
 */
final class SampleWeights {
  private static final SampleWeights NONE = new SampleWeights(null, null, null, 0, false);

  private final float[] sampleWeight;
  private final Map<Integer, Double> classWeight;
  private final ArrayBatches arrays;
  private final int labelSize;
  private final boolean integerLabels;
  private float[] buffer;

  private SampleWeights(float[] sampleWeight, Map<Integer, Double> classWeight, ArrayBatches arrays, int labelSize,
      boolean integerLabels) {
    this.sampleWeight = sampleWeight;
    this.classWeight = classWeight;
    this.arrays = arrays;
    this.labelSize = labelSize;
    this.integerLabels = integerLabels;
  }

  /**
   * Checks the options against the model and data.
   *
   * @throws IllegalArgumentException for class weights on a multi-output model or for classes the output does not
   *     have
   */
  static SampleWeights of(Model model, BatchSource train, FitOptions options) {
    Map<Integer, Double> classWeight = options.classWeight();
    float[] sampleWeight = options.sampleWeightArray();
    if (classWeight == null && sampleWeight == null) {
      return NONE;
    }
    int labelSize = 0;
    if (classWeight != null) {
      if (model.outputShapes().size() != 1) {
        throw new IllegalArgumentException("fit: classWeight is only supported for models with a single output;"
            + " this model has " + model.outputShapes().size() + " outputs.");
      }
      labelSize = train.labelSize();
      long units = model.outputShapes().get(0).size(-1);
      long classes = units == 1 ? 2 : units;
      for (Integer c : classWeight.keySet()) {
        if (c >= classes) {
          throw new IllegalArgumentException("fit: classWeight has a weight for class " + c + ", but the model's"
              + " output has classes 0.." + (classes - 1) + " only. Valid keys: 0 to " + (classes - 1) + ".");
        }
      }
    }
    return new SampleWeights(sampleWeight, classWeight,
        train instanceof ArrayBatches a ? a : null, labelSize, train.integerLabels());
  }

  /** Returns the weights of a batch, or {@code null} when every sample weighs 1. */
  float[] forBatch(BatchSource.Batch batch, int step) {
    if (this == NONE) {
      return null;
    }
    int n = batch.size();
    if (buffer == null || buffer.length < n) {
      buffer = new float[n];
    }
    for (int i = 0; i < n; i++) {
      float w = 1f;
      if (sampleWeight != null) {
        w = sampleWeight[arrays.sampleIndex(step, i)];
      }
      if (classWeight != null) {
        w *= classWeight.getOrDefault(classOf(batch.ys().get(0), i), 1.0).floatValue();
      }
      buffer[i] = w;
    }
    return buffer;
  }

  private int classOf(float[] labels, int i) {
    if (integerLabels || labelSize == 1) {
      return Math.round(labels[i * labelSize]);
    }
    int best = 0;
    for (int j = 1; j < labelSize; j++) {
      if (labels[i * labelSize + j] > labels[i * labelSize + best]) {
        best = j;
      }
    }
    return best;
  }
}
