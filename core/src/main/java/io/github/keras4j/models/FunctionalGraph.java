package io.github.keras4j.models;

import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The DAG of a functional model between its input and output tensors, ordered as Keras's
 * {@code _map_graph_network}: nodes by depth (inputs deepest), layers by depth then by discovery order.
 */
final class FunctionalGraph {
  final List<KerasTensor> inputs;
  final List<KerasTensor> outputs;
  /** Nodes in execution order (deepest first). */
  final List<Node> nodes;
  /** Layers in Keras's order. */
  final List<Layer> layers;
  /** Node depth: 0 at the outputs. */
  final Map<Node, Integer> depths;

  FunctionalGraph(String modelName, List<KerasTensor> inputs, List<KerasTensor> outputs) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException(
          "Model '" + modelName + "': give at least one input and one output tensor.");
    }
    for (KerasTensor t : inputs) {
      if (!(t.layer() instanceof InputLayer)) {
        throw new IllegalArgumentException(
            "Model '" + modelName + "': input tensors to a functional model must come from Input.shape(...) (an"
                + " InputLayer), but got " + t + ".");
      }
    }
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);

    List<Node> postOrder = new ArrayList<>();
    Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Layer, Integer> layerIndices = new IdentityHashMap<>();
    Set<Node> inputNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (KerasTensor t : inputs) {
      inputNodes.add(t.node());
    }
    for (KerasTensor t : outputs) {
      visit(modelName, t.node(), postOrder, finished, inProgress, layerIndices);
    }

    Map<Node, Integer> nodeDepths = new IdentityHashMap<>();
    Map<Layer, Integer> layerDepths = new IdentityHashMap<>();
    for (int i = postOrder.size() - 1; i >= 0; i--) {
      Node node = postOrder.get(i);
      int depth = nodeDepths.getOrDefault(node, 0);
      depth = Math.max(depth, layerDepths.getOrDefault(node.layer(), 0));
      layerDepths.put(node.layer(), depth);
      nodeDepths.put(node, depth);
      for (KerasTensor in : node.inputs()) {
        Node parent = in.node();
        nodeDepths.put(parent, Math.max(depth + 1, nodeDepths.getOrDefault(parent, 0)));
      }
    }
    this.depths = Collections.unmodifiableMap(nodeDepths);

    TreeMap<Integer, List<Node>> nodesByDepth = new TreeMap<>(Collections.reverseOrder());
    for (Node node : postOrder) {
      nodesByDepth.computeIfAbsent(nodeDepths.get(node), d -> new ArrayList<>()).add(node);
    }
    List<Node> order = new ArrayList<>();
    nodesByDepth.values().forEach(order::addAll);
    this.nodes = List.copyOf(order);

    TreeMap<Integer, List<Layer>> layersByDepth = new TreeMap<>(Collections.reverseOrder());
    for (Map.Entry<Layer, Integer> e : layerDepths.entrySet()) {
      layersByDepth.computeIfAbsent(e.getValue(), d -> new ArrayList<>()).add(e.getKey());
    }
    List<Layer> orderedLayers = new ArrayList<>();
    for (List<Layer> atDepth : layersByDepth.values()) {
      atDepth.sort((a, b) -> Integer.compare(layerIndices.get(a), layerIndices.get(b)));
      orderedLayers.addAll(atDepth);
    }
    this.layers = List.copyOf(orderedLayers);

    // Every tensor a node needs must be computable from the model's inputs.
    Set<KerasTensor> computable = Collections.newSetFromMap(new IdentityHashMap<>());
    computable.addAll(inputs);
    List<String> accessed = new ArrayList<>();
    for (Node node : nodes) {
      if (node.inputs().isEmpty()) {
        // An input layer: computable only if it is one of the model's inputs (checked where it is consumed).
        accessed.add(node.layer().name());
        continue;
      }
      for (KerasTensor in : node.inputs()) {
        if (!computable.contains(in)) {
          throw new IllegalArgumentException(
              "Graph disconnected: cannot obtain value for tensor " + in + " at layer \"" + node.layer().name()
                  + "\". The following previous layers were accessed without issue: " + accessed
                  + ". Add the missing input to the model's inputs.");
        }
      }
      computable.addAll(node.outputs());
      accessed.add(node.layer().name());
    }
    for (KerasTensor out : outputs) {
      if (!computable.contains(out)) {
        throw new IllegalArgumentException(
            "Model '" + modelName + "': output " + out + " is not reachable from the inputs.");
      }
    }
    Map<String, Integer> uses = new LinkedHashMap<>();
    for (Layer layer : layers) {
      uses.merge(layer.name(), 1, Integer::sum);
    }
    for (Map.Entry<String, Integer> e : uses.entrySet()) {
      if (e.getValue() > 1) {
        throw new IllegalArgumentException(
            "The name \"" + e.getKey() + "\" is used " + e.getValue() + " times in model '" + modelName
                + "'. All layer names should be unique.");
      }
    }
  }

  private static void visit(
      String modelName, Node node, List<Node> postOrder, Set<Node> finished, Set<Node> inProgress,
      Map<Layer, Integer> layerIndices) {
    if (inProgress.contains(node)) {
      throw new IllegalArgumentException(
          "Model '" + modelName + "': the graph has a cycle at layer '" + node.layer().name() + "'.");
    }
    if (finished.contains(node)) {
      return;
    }
    layerIndices.putIfAbsent(node.layer(), layerIndices.size());
    inProgress.add(node);
    for (KerasTensor in : node.inputs()) {
      visit(modelName, in.node(), postOrder, finished, inProgress, layerIndices);
    }
    inProgress.remove(node);
    finished.add(node);
    postOrder.add(node);
  }

  /** Returns the nodes of this graph that belong to {@code layer}, in execution order. */
  List<Node> nodesOf(Layer layer) {
    List<Node> out = new ArrayList<>();
    for (Node node : nodes) {
      if (node.layer() == layer) {
        out.add(node);
      }
    }
    return out;
  }

  /** Keras's {@code sequential_like}: one node per depth with one input, and no layer used twice. */
  boolean isChain() {
    Map<Integer, Integer> perDepth = new HashMap<>();
    for (Node node : nodes) {
      perDepth.merge(depths.get(node), 1, Integer::sum);
      if (node.inputs().size() > 1) {
        return false;
      }
    }
    for (int count : perDepth.values()) {
      if (count > 1) {
        return false;
      }
    }
    Map<Layer, Integer> uses = new LinkedHashMap<>();
    for (Node node : nodes) {
      if (uses.merge(node.layer(), 1, Integer::sum) > 1) {
        return false;
      }
    }
    return true;
  }
}
