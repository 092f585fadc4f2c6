package io.github.keras4j.layers;

import org.tensorflow.ndarray.Shape;

/**
 * Thrown when a layer or model receives an input whose shape it cannot accept. Carries the layer's name and
 * the expected and received shapes, as Keras's "Input 0 of layer 'dense_2' is incompatible with the layer".
 */
public class IncompatibleShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String layerName;
  private final String expected;
  private final String received;

  /**
   * Creates the exception.
   *
   * @param layerName the layer or model that rejected the input
   * @param expected what it expected, in words or as a shape such as {@code (None, 16)}
   * @param received the shape it received
   * @param message the full message
   */
  public IncompatibleShapeException(String layerName, String expected, String received, String message) {
    super(message);
    this.layerName = layerName;
    this.expected = expected;
    this.received = received;
  }

  /** Creates the standard Keras-style message for input {@code index} of a layer. */
  public static IncompatibleShapeException forInput(
      String layerName, int index, String expectation, String expected, Shape received) {
    String got = Shapes.format(received);
    return new IncompatibleShapeException(
        layerName,
        expected,
        got,
        "Input " + index + " of layer '" + layerName + "' is incompatible with the layer: " + expectation
            + ", but received input with shape " + got + ".");
  }

  /** Returns the name of the layer or model that rejected the input. */
  public String layerName() {
    return layerName;
  }

  /** Returns the expected shape or condition. */
  public String expected() {
    return expected;
  }

  /** Returns the received shape. */
  public String received() {
    return received;
  }
}
