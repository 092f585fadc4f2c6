package io.github.keras4j.metrics;

import io.github.keras4j.losses.Losses;
import io.github.keras4j.losses.MeanSquaredError;
import java.util.List;
import java.util.Objects;

/** Looks up metrics by their Keras names, resolving {@code "accuracy"} as Keras's compile does. */
public final class Metrics {
  /** The names {@link #get} accepts. */
  public static final List<String> NAMES =
      List.of(
          "accuracy", "acc", "sparse_categorical_accuracy", "categorical_accuracy", "binary_accuracy",
          "mean_squared_error", "mse", "sparse_categorical_crossentropy", "categorical_crossentropy",
          "binary_crossentropy", "mean_absolute_error", "mae", "mean_absolute_percentage_error", "mape",
          "mean_squared_logarithmic_error", "msle", "root_mean_squared_error", "precision", "recall", "auc",
          "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "f1_score", "hinge",
          "squared_hinge", "categorical_hinge", "kl_divergence", "poisson", "log_cosh", "cosine_similarity");

  private Metrics() {}

  /**
   * Returns the metric for a Keras name. {@code "accuracy"} / {@code "acc"} resolve like Keras's
   * {@code compile_utils}: binary accuracy when the output has one unit, sparse categorical accuracy when labels
   * are class indices, categorical accuracy otherwise; the metric keeps the name it was asked by.
   *
   * @param name the Keras name
   * @param outputUnits the size of the model output's last axis
   * @param sparseLabels whether the loss takes class indices as labels
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Metric get(String name, long outputUnits, boolean sparseLabels) {
    Objects.requireNonNull(name, "name");
    return switch (name) {
      case "accuracy", "acc" -> {
        if (outputUnits == 1) {
          yield Accuracy.binary(name);
        }
        yield sparseLabels ? Accuracy.sparseCategorical(name) : Accuracy.categorical(name);
      }
      case "sparse_categorical_accuracy" -> Accuracy.sparseCategorical(name);
      case "categorical_accuracy" -> Accuracy.categorical(name);
      case "binary_accuracy" -> Accuracy.binary(name);
      case "mean_squared_error", "mse" -> new MeanMetricWrapper(name, new MeanSquaredError());
      case "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy",
          "mean_absolute_error", "mae", "mean_absolute_percentage_error", "mape", "mean_squared_logarithmic_error",
          "msle", "hinge", "squared_hinge", "categorical_hinge", "kl_divergence", "poisson", "log_cosh" ->
          new MeanMetricWrapper(name, Losses.get(name));
      case "cosine_similarity" -> new MeanMetricWrapper(name, new io.github.keras4j.losses.Loss("cosine_similarity") {
        @Override
        public org.tensorflow.Operand<org.tensorflow.types.TFloat32> perSample(org.tensorflow.op.Ops tf,
            org.tensorflow.Operand<org.tensorflow.types.TFloat32> yTrue,
            org.tensorflow.Operand<org.tensorflow.types.TFloat32> yPred) {
          // Keras's CosineSimilarity metric is the similarity, the loss its negative.
          return tf.math.neg(new io.github.keras4j.losses.CosineSimilarity().perSample(tf, yTrue, yPred));
        }
      });
      case "root_mean_squared_error", "RootMeanSquaredError" -> new RootMeanSquaredError(name);
      case "precision", "Precision" -> ConfusionMetric.precision(name, 0.5, null);
      case "recall", "Recall" -> ConfusionMetric.recall(name, 0.5, null);
      case "auc", "AUC" -> new AUC(name, AUC.Curve.ROC, 200);
      case "top_k_categorical_accuracy", "TopKCategoricalAccuracy" -> TopKCategoricalAccuracy.categorical(name, 5);
      case "sparse_top_k_categorical_accuracy", "SparseTopKCategoricalAccuracy" ->
          TopKCategoricalAccuracy.sparse(name, 5);
      case "f1_score", "F1Score" -> new F1Score(name, "macro", null);
      default -> throw new IllegalArgumentException(
          "Unknown metric function: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }
}
