package io.github.keras4j.losses;

import java.util.List;
import java.util.Objects;

/** Looks up built-in losses by their Keras names, as {@code keras.losses.get}. */
public final class Losses {
  /** The names {@link #get(String)} accepts. */
  public static final List<String> NAMES =
      List.of(
          "sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy",
          "mean_squared_error", "mse");

  private Losses() {}

  /**
   * Returns a new loss for a Keras name or class name.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Loss get(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name) {
      case "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy();
      case "categorical_crossentropy", "CategoricalCrossentropy" -> new CategoricalCrossentropy();
      case "binary_crossentropy", "BinaryCrossentropy" -> new BinaryCrossentropy();
      case "mean_squared_error", "mse", "MeanSquaredError" -> new MeanSquaredError();
      default -> throw new IllegalArgumentException(
          "Unknown loss function: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }
}
