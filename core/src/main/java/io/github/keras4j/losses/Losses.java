package io.github.keras4j.losses;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Looks up built-in losses by their Keras names, as {@code keras.losses.get}. */
public final class Losses {
  /** The names {@link #get(String)} accepts (Keras's function names and aliases; class names work too). */
  public static final List<String> NAMES =
      List.of(
          "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy",
          "mean_squared_error", "mse", "mean_absolute_error", "mae", "mean_absolute_percentage_error", "mape",
          "mean_squared_logarithmic_error", "msle", "huber", "huber_loss", "log_cosh", "logcosh", "hinge",
          "squared_hinge", "categorical_hinge", "kl_divergence", "kld", "kullback_leibler_divergence", "poisson",
          "cosine_similarity");

  private Losses() {}

  /**
   * Returns a new loss for a Keras name or class name.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Loss get(String name) {
    return fromConfig(name, Map.of());
  }

  /**
   * Returns the loss of a Keras {@code class_name} (or function name) and {@code config} ({@code from_logits},
   * {@code label_smoothing}, {@code delta}, {@code axis}).
   *
   * @throws IllegalArgumentException for an unknown name (listing the valid ones) or a bad value
   */
  public static Loss fromConfig(String name, Map<String, ?> config) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    boolean fromLogits = Boolean.TRUE.equals(config.get("from_logits"));
    double smoothing = config.get("label_smoothing") instanceof Number n ? n.doubleValue() : 0.0;
    return switch (name) {
      case "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy" ->
          new SparseCategoricalCrossentropy(fromLogits);
      case "categorical_crossentropy", "CategoricalCrossentropy" -> new CategoricalCrossentropy(fromLogits, smoothing);
      case "binary_crossentropy", "BinaryCrossentropy" -> new BinaryCrossentropy(fromLogits, smoothing);
      case "mean_squared_error", "mse", "MSE", "MeanSquaredError" -> new MeanSquaredError();
      case "mean_absolute_error", "mae", "MAE", "MeanAbsoluteError" -> new MeanAbsoluteError();
      case "mean_absolute_percentage_error", "mape", "MAPE", "MeanAbsolutePercentageError" ->
          new MeanAbsolutePercentageError();
      case "mean_squared_logarithmic_error", "msle", "MSLE", "MeanSquaredLogarithmicError" ->
          new MeanSquaredLogarithmicError();
      case "huber", "huber_loss", "Huber" ->
          new Huber(config.get("delta") instanceof Number n ? n.doubleValue() : 1.0);
      case "log_cosh", "logcosh", "LogCosh" -> new LogCosh();
      case "hinge", "Hinge" -> new Hinge();
      case "squared_hinge", "SquaredHinge" -> new SquaredHinge();
      case "categorical_hinge", "CategoricalHinge" -> new CategoricalHinge();
      case "kl_divergence", "kld", "KLD", "kullback_leibler_divergence", "KLDivergence" -> new KLDivergence();
      case "poisson", "Poisson" -> new Poisson();
      case "cosine_similarity", "CosineSimilarity" ->
          new CosineSimilarity(config.get("axis") instanceof Number n ? n.intValue() : -1);
      default -> throw new IllegalArgumentException(
          "Unknown loss function: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }
}
