package io.github.keras4j.metrics;

/**
 * F1 score over the epoch, as Keras's {@code F1Score}: {@link FBetaScore} with {@code beta = 1}, i.e. per class
 * {@code f1 = 2 precision recall / (precision + recall + eps)} with {@code eps = 1e-7}; averaged {@code "macro"},
 * {@code "micro"} or {@code "weighted"}.
 *
 * <p>Keras's default {@code average=None} returns one value per class; Keras4J's logs hold one number per metric,
 * so the default here is {@code "macro"}.
 */
public final class F1Score extends FBetaScore {
  /** Creates {@code F1Score(average="macro")}, logged as {@code f1_score}. */
  public F1Score() {
    this("f1_score", "macro", null);
  }

  /**
   * Creates the metric.
   *
   * @param average {@code "macro"}, {@code "micro"} or {@code "weighted"}
   * @param threshold null for the largest output per sample, else in {@code (0, 1]}
   * @throws IllegalArgumentException for another average or a threshold outside {@code (0, 1]}
   */
  public F1Score(String name, String average, Double threshold) {
    super(name, average, 1.0, threshold);
  }
}
