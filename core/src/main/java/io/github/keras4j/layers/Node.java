package io.github.keras4j.layers;

import java.util.List;

/**
 * One call of a layer in the functional graph, as Keras's {@code Node}: the tensors that went in and the tensor
 * that came out. A layer used in several places (or several models) has several nodes.
 */
public final class Node {
  private final Layer layer;
  private final List<KerasTensor> inputs;
  private final KerasTensor output;

  Node(Layer layer, List<KerasTensor> inputs, org.tensorflow.ndarray.Shape outputShape) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    this.output = new KerasTensor(outputShape, this, 0);
  }

  /** Returns the layer that was called. */
  public Layer layer() {
    return layer;
  }

  /** Returns the input tensors (none for an input layer). */
  public List<KerasTensor> inputs() {
    return inputs;
  }

  /** Returns the output tensor. */
  public KerasTensor output() {
    return output;
  }

  /** Returns the layers whose outputs feed this node, in input order. */
  public List<Layer> inboundLayers() {
    return inputs.stream().map(KerasTensor::layer).toList();
  }

  /** Returns this node's index among its layer's inbound nodes. */
  public int index() {
    return layer.inboundNodes().indexOf(this);
  }

  @Override
  public String toString() {
    return "Node(" + layer.name() + " <- " + inputs.stream().map(KerasTensor::name).toList() + ")";
  }
}
