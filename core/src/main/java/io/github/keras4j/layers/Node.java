package io.github.keras4j.layers;

import java.util.List;

/**
 * One call of a layer in the functional graph, as Keras's {@code Node}: the tensors that went in and the tensors
 * that came out (one for most layers; several for a multi-output call such as an {@link LSTM} with
 * {@code returnState}, each with its {@link KerasTensor#tensorIndex()}). A layer used in several places (or several
 * models) has several nodes.
 */
public final class Node {
  private final Layer layer;
  private final List<KerasTensor> inputs;
  private final List<KerasTensor> outputs;

  Node(Layer layer, List<KerasTensor> inputs, List<org.tensorflow.ndarray.Shape> outputShapes) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    List<KerasTensor> outs = new java.util.ArrayList<>();
    for (int i = 0; i < outputShapes.size(); i++) {
      outs.add(new KerasTensor(outputShapes.get(i), this, i));
    }
    this.outputs = List.copyOf(outs);
  }

  /** Returns the layer that was called. */
  public Layer layer() {
    return layer;
  }

  /** Returns the input tensors (none for an input layer). */
  public List<KerasTensor> inputs() {
    return inputs;
  }

  /** Returns the first (for most layers the only) output tensor; {@link #outputs()} has all of them. */
  public KerasTensor output() {
    return outputs.get(0);
  }

  /** Returns all output tensors of this call, in tensor-index order (one for single-output layers). */
  public List<KerasTensor> outputs() {
    return outputs;
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
