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

  /** Returns the input tensor of a new input layer with this name. */
  public static KerasTensor shape(String name, int... sampleShape) {
    return new InputLayer(sampleShape).name(name).output();
  }
}
