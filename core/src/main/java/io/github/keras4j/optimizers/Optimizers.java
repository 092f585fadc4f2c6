package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Looks up optimizers by Keras name ({@code "adam"}, {@code "sgd"}, {@code "adamw"}, …) with Keras's defaults. */
public final class Optimizers {
  /** The names {@link #get(String)} accepts. */
  public static final List<String> NAMES = List.of("adam", "sgd", "rmsprop", "adamw", "adamax", "nadam", "adagrad", "adadelta", "ftrl", "lion");

  private Optimizers() {}

  /**
   * Returns a new optimizer with Keras's defaults for this name (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
   */
  public static Optimizer get(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "adam" -> new Adam();
      case "sgd" -> new SGD();
      case "rmsprop" -> new RMSprop();
      case "adamw" -> new AdamW();
      case "adamax" -> new Adamax();
      case "nadam" -> new Nadam();
      case "adagrad" -> new Adagrad();
      case "adadelta" -> new Adadelta();
      case "ftrl" -> new Ftrl();
      case "lion" -> new Lion();
      default -> throw new IllegalArgumentException(
          "Unknown optimizer: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }
}
