package io.github.keras4j.models;

import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Shapes;
import io.github.keras4j.layers.Weight;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/** Formats {@code model.summary()} exactly as tf.keras 2.x's {@code print_summary} for chain-shaped models. */
final class Summary {
  private static final int LINE_LENGTH = 65;
  private static final int[] POSITIONS = {29, 55, 65};
  private static final int GRAPH_LINE_LENGTH = 98;
  private static final int[] GRAPH_POSITIONS = {32, 53, 65, 98};

  private Summary() {}

  static String format(Model model, List<Layer> layers, List<Shape> outputShapes, List<String> prefixRows) {
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n");
    sb.append("_".repeat(LINE_LENGTH)).append('\n');
    row(sb, "Layer (type)", "Output Shape", "Param #");
    sb.append("=".repeat(LINE_LENGTH)).append('\n');
    int rows = prefixRows.size() / 3 + layers.size();
    int r = 0;
    for (int i = 0; i < prefixRows.size(); i += 3, r++) {
      row(sb, prefixRows.get(i), prefixRows.get(i + 1), prefixRows.get(i + 2));
      sb.append((r == rows - 1 ? "=" : "_").repeat(LINE_LENGTH)).append('\n');
    }
    for (int i = 0; i < layers.size(); i++, r++) {
      Layer layer = layers.get(i);
      row(
          sb,
          layer.name() + " (" + typeName(layer) + ")",
          shapeText(layer, outputShapes.get(i)),
          Long.toString(layer.countParams()));
      sb.append((r == rows - 1 ? "=" : "_").repeat(LINE_LENGTH)).append('\n');
    }
    if (rows == 0) {
      sb.append("=".repeat(LINE_LENGTH)).append('\n');
    }
    return appendTotals(sb, model, LINE_LENGTH);
  }

  /** Formats a non-chain functional model with the {@code Connected to} column (98 columns). */
  static String formatGraph(Model model, FunctionalGraph graph) {
    StringBuilder sb = new StringBuilder();
    sb.append("Model: \"").append(model.name()).append("\"\n");
    sb.append("_".repeat(GRAPH_LINE_LENGTH)).append('\n');
    rowAt(sb, GRAPH_POSITIONS, "Layer (type)", "Output Shape", "Param #", "Connected to");
    sb.append("=".repeat(GRAPH_LINE_LENGTH)).append('\n');
    List<Layer> layers = graph.layers;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      List<io.github.keras4j.layers.Node> nodes = graph.nodesOf(layer);
      Shape shape = commonOutputShape(layer);
      java.util.List<String> connections = new java.util.ArrayList<>();
      for (io.github.keras4j.layers.Node node : nodes) {
        for (io.github.keras4j.layers.KerasTensor in : node.inputs()) {
          connections.add(in.layer().name() + "[" + in.node().index() + "][" + in.tensorIndex() + "]");
        }
      }
      rowAt(
          sb, GRAPH_POSITIONS, layer.name() + " (" + typeName(layer) + ")", shapeText(layer, shape),
          Long.toString(layer.countParams()), connections.isEmpty() ? "" : connections.get(0));
      for (int c = 1; c < connections.size(); c++) {
        rowAt(sb, GRAPH_POSITIONS, "", "", "", connections.get(c));
      }
      sb.append((i == layers.size() - 1 ? "=" : "_").repeat(GRAPH_LINE_LENGTH)).append('\n');
    }
    return appendTotals(sb, model, GRAPH_LINE_LENGTH);
  }

  /** Appends the parameter counts and the closing rule of {@code lineLength} columns; returns the text. */
  private static String appendTotals(StringBuilder sb, Model model, int lineLength) {
    long trainable = count(model.trainableWeights());
    long nonTrainable = count(model.nonTrainableWeights());
    sb.append("Total params: ").append(group(trainable + nonTrainable)).append('\n');
    sb.append("Trainable params: ").append(group(trainable)).append('\n');
    sb.append("Non-trainable params: ").append(group(nonTrainable)).append('\n');
    sb.append("_".repeat(lineLength)).append('\n');
    return sb.toString();
  }

  /** The type column: the Java class, or a nested model's Keras class ({@code Functional}, {@code Sequential}). */
  private static String typeName(Layer layer) {
    return layer instanceof Model ? layer.className() : layer.getClass().getSimpleName();
  }

  /**
   * Returns the output shape shared by all the layer's calls, or {@code null} ("multiple") when they differ, as
   * Keras's {@code layer.output_shape}.
   */

  static Shape commonOutputShape(Layer layer) {
    Shape common = null;
    for (io.github.keras4j.layers.Node node : layer.inboundNodes()) {
      Shape s = node.output().shape();
      if (common == null) {
        common = s;
      } else if (!java.util.Arrays.equals(common.asArray(), s.asArray())) {
        return null;
      }
    }
    return common;
  }

  private static String shapeText(Layer layer, Shape shape) {
    List<io.github.keras4j.layers.Node> nodes = layer.inboundNodes();
    if (!nodes.isEmpty() && nodes.get(0).outputs().size() > 1) {
      return multiShapeText(nodes);
    }
    if (shape == null) {
      return "multiple";
    }
    String text = Shapes.format(shape);
    return layer instanceof io.github.keras4j.layers.InputLayer ? "[" + text + "]" : text;
  }

  /**
   * The output shapes of a multi-output layer as tf.keras prints its {@code output_shape} (a list of tuples:
   * {@code [(None, 8), (None, 8), (None, 8)]}), or {@code multiple} when its calls differ.
   */
  private static String multiShapeText(List<io.github.keras4j.layers.Node> nodes) {
    List<String> first = null;
    for (io.github.keras4j.layers.Node node : nodes) {
      List<String> texts = node.outputs().stream().map(t -> Shapes.format(t.shape())).toList();
      if (first == null) {
        first = texts;
      } else if (!first.equals(texts)) {
        return "multiple";
      }
    }
    return "[" + String.join(", ", first) + "]";
  }

  /** Keras's {@code print_row}: each field cut to its column stop, the last character before a stop a space. */
  static void row(StringBuilder out, String... fields) {
    rowAt(out, POSITIONS, fields);
  }

  static void rowAt(StringBuilder out, int[] positions, String... fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        line.setLength(line.length() - 1);
        line.append(' ');
      }
      line.append(fields[i]);
      if (line.length() > positions[i]) {
        line.setLength(positions[i]);
      }
      line.append(" ".repeat(positions[i] - line.length()));
    }
    out.append(line).append('\n');
  }

  private static long count(List<Weight> weights) {
    Map<Weight, Boolean> unique = new IdentityHashMap<>();
    long n = 0;
    for (Weight w : weights) {
      if (unique.put(w, Boolean.TRUE) == null) {
        n += w.size();
      }
    }
    return n;
  }

  private static String group(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
