package io.github.keras4j.models;

/**
 * Thrown when a training batch produces a NaN or infinite loss, stopping {@code fit} like Keras's
 * {@code TerminateOnNaN} — but as an error naming the epoch and batch, so that it cannot go unnoticed.
 */
public class NonFiniteLossException extends ArithmeticException {
  private static final long serialVersionUID = 1L;
  private final int epoch;
  private final int batch;
  private final double loss;

  /** Creates the exception for zero-based {@code epoch} and {@code batch}. */
  public NonFiniteLossException(int epoch, int batch, double loss) {
    super(
        "Epoch " + (epoch + 1) + ", batch " + batch + ": invalid loss " + loss
            + "; training stopped (as TerminateOnNaN). Check the inputs and labels for NaN or infinite values,"
            + " scale the inputs, or lower the learning rate.");
    this.epoch = epoch;
    this.batch = batch;
    this.loss = loss;
  }

  /** Returns the zero-based epoch. */
  public int epoch() {
    return epoch;
  }

  /** Returns the zero-based batch within the epoch. */
  public int batch() {
    return batch;
  }

  /** Returns the loss value (NaN or infinite). */
  public double loss() {
    return loss;
  }
}
