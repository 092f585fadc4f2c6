package io.github.keras4j.models;

/**
 * The keyword arguments of Keras's {@code evaluate}, with Keras's defaults: batch size 32, verbose 1.
 */
public final class EvaluateOptions {
  private int batchSize = 32;
  private int verbose = 1;

  /** Creates options with Keras's defaults. */
  public EvaluateOptions() {}

  /**
   * Sets the number of samples per batch (default 32; ignored for a {@link BatchSource}).
   *
   * @throws IllegalArgumentException if not positive
   */
  public EvaluateOptions batchSize(int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "EvaluateOptions: batchSize must be a positive integer, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /**
   * Sets the verbosity: 0 silent, 1 progress bar (default), 2 one line.
   *
   * @throws IllegalArgumentException if not 0, 1 or 2
   */
  public EvaluateOptions verbose(int verbose) {
    if (verbose < 0 || verbose > 2) {
      throw new IllegalArgumentException(
          "EvaluateOptions: verbose must be 0, 1 or 2, but got verbose=" + verbose + ".");
    }
    this.verbose = verbose;
    return this;
  }

  /** Returns the batch size. */
  public int batchSize() {
    return batchSize;
  }

  /** Returns the verbosity. */
  public int verbose() {
    return verbose;
  }
}
