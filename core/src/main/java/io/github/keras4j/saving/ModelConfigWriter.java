package io.github.keras4j.saving;

import io.github.keras4j.layers.Bidirectional;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Node;
import io.github.keras4j.layers.Recurrent;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.ndarray.Shape;

/**
 * Writes model architectures as Keras config trees: tf.keras 2.4's {@code {"class_name", "config"}} form (for
 * {@code toJson}, {@code toYaml} and {@code .h5} files) and Keras 3's {@code config.json} form (for {@code .keras}
 * files, with {@code module} / {@code registered_name} wrapping, dtype-policy dicts and {@code build_config}s);
 * nested models are written as their whole model config, as Keras does. {@link ModelConfigReader} reads them back.
 */
final class ModelConfigWriter {
  /** The Keras version whose format {@code toJson}, {@code toYaml} and {@code .h5} files follow. */
  static final String KERAS2_VERSION = "2.4.0";

  /** The Keras version whose format {@code .keras} files follow. */
  static final String KERAS3_VERSION = "3.11.1";

  private ModelConfigWriter() {}

  /** Returns {@code {"class_name": …, "config": …}} in tf.keras 2.4's form. */
  static Map<String, Object> keras2(Model model) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (model instanceof Sequential seq) {
      out.put("class_name", "Sequential");
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("name", seq.name());
      List<Object> layers = new ArrayList<>();
      if (seq.inputLayer() != null) {
        layers.add(layerEntry(seq.inputLayer(), false));
      }
      for (Layer layer : seq.layers()) {
        layers.add(layerEntry(layer, false));
      }
      config.put("layers", layers);
      out.put("config", config);
    } else {
      out.put("class_name", "Functional");
      out.put("config", functionalConfig(model, false));
    }
    return out;
  }

  /** Returns the {@code to_json()} tree: the config plus {@code keras_version} and {@code backend}. */
  static Map<String, Object> keras2Document(Model model) {
    Map<String, Object> out = keras2(model);
    out.put("keras_version", KERAS2_VERSION);
    out.put("backend", "tensorflow");
    return out;
  }

  /** Returns the Keras 3 {@code config.json} tree (without {@code compile_config}). */
  static Map<String, Object> keras3(Model model) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", model.name());
    config.put("trainable", model.trainable());
    config.put("dtype", dtypePolicy());
    if (model instanceof Sequential seq) {
      out.put("module", "keras");
      out.put("class_name", "Sequential");
      List<Object> layers = new ArrayList<>();
      if (seq.inputLayer() != null) {
        layers.add(layerEntry(seq.inputLayer(), true));
      }
      for (Layer layer : seq.layers()) {
        layers.add(layerEntry(layer, true));
      }
      config.put("layers", layers);
      if (seq.isBuilt()) {
        config.put("build_input_shape", shapeList(seq.inputShape()));
      }
      out.put("config", config);
      out.put("registered_name", null);
      if (seq.isBuilt()) {
        out.put("build_config", Map.of("input_shape", shapeList(seq.inputShape())));
      }
    } else {
      out.put("module", "keras.src.models.functional");
      out.put("class_name", "Functional");
      config.putAll(functionalConfig(model, true));
      out.put("config", config);
      out.put("registered_name", "Functional");
      if (model.inputs().size() == 1) {
        out.put("build_config", Map.of("input_shape", shapeList(model.inputShape())));
      }
    }
    return out;
  }

  private static Map<String, Object> dtypePolicy() {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("module", "keras");
    policy.put("class_name", "DTypePolicy");
    policy.put("config", Map.of("name", "float32"));
    policy.put("registered_name", null);
    return policy;
  }

  private static Map<String, Object> layerEntry(Layer layer, boolean keras3) {
    if (layer instanceof Model nested) {
      // A nested model is written as the whole model's config, as Keras does (Sequential / Functional).
      return new LinkedHashMap<>(keras3 ? keras3(nested) : keras2(nested));
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>(layer.getConfig());
    if (keras3) {
      boolean builtin = layer.getClass().getPackageName().equals("io.github.keras4j.layers");
      if (layer instanceof InputLayer) {
        Object shape = config.remove("batch_input_shape");
        Map<String, Object> k3 = new LinkedHashMap<>();
        k3.put("batch_shape", shape);
        k3.putAll(config);
        config = k3;
      } else {
        config.remove("batch_input_shape");
      }
      entry.put("module", builtin ? "keras.layers" : layer.getClass().getPackageName());
      entry.put("class_name", layer.className());
      entry.put("config", config);
      entry.put("registered_name", builtin ? null : "Custom>" + layer.className());
      Object buildShape = buildShape(layer);
      if (buildShape != null && !(layer instanceof InputLayer)) {
        entry.put("build_config", Map.of("input_shape", buildShape));
      }
    } else {
      entry.put("class_name", layer.className());
      entry.put("config", config);
    }
    return entry;
  }

  /** Returns the shape a layer was built for: one shape list, or a list of them for merge layers. */
  private static Object buildShape(Layer layer) {
    if (!layer.inboundNodes().isEmpty()) {
      List<KerasTensor> inputs = layer.inboundNodes().get(0).inputs();
      if (inputs.size() > 1) {
        List<Object> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) {
          shapes.add(shapeList(t.shape()));
        }
        return shapes;
      }
    }
    return layer.builtInputShape() == null ? null : shapeList(layer.builtInputShape());
  }

  static List<Object> shapeList(Shape shape) {
    List<Object> dims = new ArrayList<>();
    for (long d : shape.asArray()) {
      dims.add(d < 0 ? null : (Object) (int) d);
    }
    return dims;
  }

  /** The functional {@code config}: layers with inbound nodes, input and output layers (model-relative). */
  private static Map<String, Object> functionalConfig(Model model, boolean keras3) {
    Set<Node> inModel = modelNodes(model);
    Map<Node, Integer> nodeIndex = new IdentityHashMap<>();
    Map<String, Object> config = new LinkedHashMap<>();
    if (!keras3) {
      config.put("name", model.name());
    }
    List<Object> layers = new ArrayList<>();
    for (Layer layer : model.layers()) {
      int i = 0;
      for (Node node : layer.inboundNodes()) {
        if (inModel.contains(node)) {
          nodeIndex.put(node, i++);
        }
      }
    }
    for (Layer layer : model.layers()) {
      Map<String, Object> entry = layerEntry(layer, keras3);
      entry.put("name", layer.name());
      List<Object> nodes = new ArrayList<>();
      for (Node node : layer.inboundNodes()) {
        if (!inModel.contains(node) || node.inputs().isEmpty()) {
          continue;
        }
        if (keras3) {
          List<Object> tensors = new ArrayList<>();
          for (KerasTensor t : node.inputs()) {
            tensors.add(keras3Tensor(t, nodeIndex));
          }
          Map<String, Object> call = new LinkedHashMap<>();
          if (tensors.size() > 1 && takesInitialState(layer)) {
            // Keras 3: rnn(sequence, initial_state=[h, c])
            call.put("args", List.of(tensors.get(0)));
            call.put("kwargs", Map.of("initial_state", new ArrayList<>(tensors.subList(1, tensors.size()))));
          } else {
            call.put("args", tensors.size() == 1 ? tensors : List.of(tensors));
            call.put("kwargs", Map.of());
          }
          nodes.add(call);
        } else {
          List<Object> inbound = new ArrayList<>();
          for (KerasTensor t : node.inputs()) {
            inbound.add(List.of(t.layer().name(), nodeIndex.get(t.node()), t.tensorIndex(), Map.of()));
          }
          nodes.add(inbound);
        }
      }
      entry.put("inbound_nodes", nodes);
      layers.add(entry);
    }
    config.put("layers", layers);
    config.put("input_layers", tensorRefs(model.inputs(), nodeIndex));
    config.put("output_layers", tensorRefs(model.outputs(), nodeIndex));
    return config;
  }

  /** Whether extra inputs of the layer are Keras's {@code initial_state} (recurrent layers, Bidirectional). */
  private static boolean takesInitialState(Layer layer) {
    return layer instanceof Recurrent || layer instanceof Bidirectional;
  }

  private static Map<String, Object> keras3Tensor(KerasTensor t, Map<Node, Integer> nodeIndex) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("shape", shapeList(t.shape()));
    config.put("dtype", t.layer() instanceof InputLayer in ? in.dtype() : "float32");
    config.put("keras_history", List.of(t.layer().name(), nodeIndex.get(t.node()), t.tensorIndex()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("class_name", "__keras_tensor__");
    out.put("config", config);
    return out;
  }

  private static List<Object> tensorRefs(List<KerasTensor> tensors, Map<Node, Integer> nodeIndex) {
    List<Object> refs = new ArrayList<>();
    for (KerasTensor t : tensors) {
      refs.add(List.of(t.layer().name(), nodeIndex.get(t.node()), t.tensorIndex()));
    }
    return refs;
  }

  /** Returns the nodes between the model's inputs and outputs. */
  private static Set<Node> modelNodes(Model model) {
    Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<Node> inputNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    for (KerasTensor t : model.inputs()) {
      inputNodes.add(t.node());
    }
    List<Node> stack = new ArrayList<>();
    for (KerasTensor t : model.outputs()) {
      stack.add(t.node());
    }
    while (!stack.isEmpty()) {
      Node node = stack.remove(stack.size() - 1);
      if (!nodes.add(node) || inputNodes.contains(node)) {
        continue;
      }
      for (KerasTensor in : node.inputs()) {
        stack.add(in.node());
      }
    }
    return nodes;
  }
}
