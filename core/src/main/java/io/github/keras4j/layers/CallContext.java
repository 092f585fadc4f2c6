package io.github.keras4j.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What {@link Layer#call} receives besides its input: the training flag, access to weight values and the masks
 * of the call's inputs ({@link #inputMask()}: Keras's {@code mask} argument of {@code call}).
 */
public interface CallContext {
  /** Returns true in the training flavour of the forward pass (Dropout active, BatchNormalization on batch stats). */
  boolean training();

  /** Returns the value of one of the layer's weights as a graph operand. */
  Operand<TFloat32> read(Weight weight);

  /** Returns a fresh seed for a random op (dropout masks), derived from the Keras session seed. */
  long nextSeed();

  /**
   * Registers an update that runs with every training step, e.g. BatchNormalization's moving averages
   * ({@code weight <- value}). Ignored in the inference flavour.
   */
  void addUpdate(Weight weight, Operand<TFloat32> newValue);

  /**
   * Registers the new value of a state variable of a stateful layer ({@code state <- value} after the step, e.g. a
   * stateful RNN's final states): unlike {@link #addUpdate}, it runs in both flavours (predict, evaluate and
   * training), after everything else of the step has read the old value.
   *
   * @throws IllegalStateException outside a model's compiled program (by default)
   */
  default void assignState(Weight state, Operand<TFloat32> newValue) {
    throw new IllegalStateException(
        "Weight '" + state.path() + "' is a state variable; stateful layers run inside a model (predict, evaluate,"
            + " fit), which keeps their states.");
  }

  /**
   * Adds a scalar to the loss the model minimizes and reports, as Keras's {@code Layer.add_loss} (e.g. an activity
   * penalty): {@code loss = compiled loss + sum of added losses}. Added in both flavours, so {@code evaluate}
   * reports it too, as Keras does.
   *
   * @param loss a scalar
   * @throws IllegalArgumentException if {@code loss} is not a scalar
   */
  default void addLoss(Operand<TFloat32> loss) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not collect losses; add_loss works inside a model's forward pass.");
  }

  /** Returns the mask of the (first) input of the current call, or null when the input carries none. */
  default Operand<TBool> inputMask() {
    return null;
  }

  /** Returns the masks of all inputs of the current call (null entries where an input has none). */
  default List<Operand<TBool>> inputMasks() {
    return java.util.Collections.emptyList();
  }
}
