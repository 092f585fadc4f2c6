package io.github.keras4j.layers;

/**
 * Starts a functional model, as Keras's {@code keras.Input}: creates an {@link InputLayer} and returns its output
 * tensor.
 *
 * <pre>{@code
 * KerasTensor inputs = Input.shape(224, 224, 3);
 * KerasTensor tokens = Input.shape(new int[] {20}, "int32");
 * }</pre>
 */
public final class Input {
  private Input() {}

  /** Returns the input tensor of a new input layer for samples of this shape (no batch dimension). */
  public static KerasTensor shape(int... sampleShape) {
    return new InputLayer(sampleShape).output();
  }

  /**
   * Returns the input tensor of a new input layer of this dtype ({@code "int32"} for token ids), as Keras's
   * {@code Input(shape, dtype=...)}.
   *
   * @throws IllegalArgumentException for an unknown dtype
   */
  public static KerasTensor shape(int[] sampleShape, String dtype) {
    return new InputLayer(sampleShape).dtype(dtype).output();
  }

  /**
   * Returns the input tensor of a new input layer with a fixed batch size, as Keras's
   * {@code Input(batch_shape=(batchSize, …))}: what a stateful recurrent layer needs.
   *
   * <pre>{@code
   * KerasTensor in = Input.batchShape(4, 10, 16);   // (4, 10, 16)
   * }</pre>
   *
   * @param batchSize the number of samples of every batch, positive
   * @param sampleShape the shape of one sample
   */
  public static KerasTensor batchShape(int batchSize, int... sampleShape) {
    return new InputLayer(sampleShape).batchSize(batchSize).output();
  }

  /** Returns the input tensor of a new input layer with this name. */
  public static KerasTensor shape(String name, int... sampleShape) {
    return new InputLayer(sampleShape).name(name).output();
  }
}
