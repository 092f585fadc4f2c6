package io.github.keras4j.optimizers;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Looks up optimizers by Keras name ({@code "adam"}, {@code "sgd"}, {@code "rmsprop"}) with Keras's defaults. */
public final class Optimizers {
  /** The names {@link #get(String)} accepts. */
  public static final List<String> NAMES = List.of("adam", "sgd", "rmsprop");

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
      default -> throw new IllegalArgumentException(
          "Unknown optimizer: '" + name + "'. Valid names: " + NAMES + ".");
    };
  }
}
