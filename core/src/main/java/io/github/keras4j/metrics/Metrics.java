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
          "binary_crossentropy");

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
      case "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy" ->
          new MeanMetricWrapper(name, Losses.get(name));
      default -> throw new IllegalArgumentException(
          "Unknown metric function: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }
}
