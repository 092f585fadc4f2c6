package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import org.tensorflow.ndarray.Shape;

/**
 * A symbolic tensor of the functional API, as Keras's {@code KerasTensor}: the shape of a layer's output and the
 * {@link Node} that produced it. No TensorFlow work is attached; models translate the graph of nodes into a
 * TensorFlow graph when they compile.
 *
 * <pre>{@code
 * KerasTensor inputs = Input.shape(224, 224, 3);
 * KerasTensor x = new Conv2D(32, 3).activation("relu").apply(inputs);
 * KerasTensor outputs = new Dense(10).activation("softmax").apply(new GlobalAveragePooling2D().apply(x));
 * Model model = new Model(inputs, outputs);
 * }</pre>
 */
public final class KerasTensor {
  private final Shape shape;
  private final Node node;
  private final int tensorIndex;

  KerasTensor(Shape shape, Node node, int tensorIndex) {
    this.shape = requireNonNull(shape, "shape");
    this.node = requireNonNull(node, "node");
    this.tensorIndex = tensorIndex;
  }

  /** Returns the shape, batch first ({@code -1}). */
  public Shape shape() {
    return shape;
  }

  /** Returns the node (layer call) that produced this tensor. */
  public Node node() {
    return node;
  }

  /** Returns the layer that produced this tensor. */
  public Layer layer() {
    return node.layer();
  }

  /** Returns the index of this tensor among its node's outputs (0 for single-output layers). */
  public int tensorIndex() {
    return tensorIndex;
  }

  /** Returns a readable name, e.g. {@code dense/0}. */
  public String name() {
    return node.layer().name() + "/" + node.index() + (tensorIndex == 0 ? "" : ":" + tensorIndex);
  }

  @Override
  public String toString() {
    return "KerasTensor(shape=" + Shapes.format(shape) + ", created by layer '" + node.layer().name() + "')";
  }
}
