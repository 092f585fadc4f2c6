package io.github.keras4j.spark;

/** What {@link KerasPredictor} and {@link SparkTrainer} do with a row whose feature or label value is null. */
public enum NullPolicy {
  /** Stop the job with an error naming the column and the row (the default). */
  FAIL,
  /** Leave the row out (the predictor's output has fewer rows than its input). */
  SKIP,
  /** Replace each null number by the fill value; a null array or image still fails. */
  FILL
}
