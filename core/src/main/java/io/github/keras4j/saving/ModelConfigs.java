package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LayerRegistry;
import io.github.keras4j.layers.Node;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.ndarray.Shape;

/**
 * Model architectures as Keras config trees, both ways: {@code Sequential} (a list of layers, Keras ≤ 2.2, or a
 * dict with {@code layers}) and functional models ({@code Model} / {@code Functional}, with {@code inbound_nodes}
 * in the Keras 2 list form or the Keras 3 {@code args} form), with Keras 3's {@code module} /
 * {@code registered_name} wrapping and dtype-policy dicts.
 */
final class ModelConfigs {
  private static final System.Logger LOG = System.getLogger(ModelConfigs.class.getName());

  /** The Keras version whose format {@code toJson}, {@code toYaml} and {@code .h5} files follow. */
  static final String KERAS2_VERSION = "2.4.0";

  /** The Keras version whose format {@code .keras} files follow. */
  static final String KERAS3_VERSION = "3.11.1";

  private ModelConfigs() {}

  // ================================================================ writing

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
          call.put("args", tensors.size() == 1 ? tensors : List.of(tensors));
          call.put("kwargs", Map.of());
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

  // ================================================================ reading

  /**
   * Creates an (uncompiled) model from a Keras model config: {@code {"class_name": "Sequential" | "Model" |
   * "Functional", "config": …}}, optionally wrapped with {@code module} / {@code registered_name} and carrying
   * {@code keras_version} etc.
   *
   * @throws IllegalArgumentException if the config is malformed or names unknown layers
   */
  static Model fromConfig(Map<String, Object> root) {
    requireNonNull(root, "config");
    String className = string(root.get("class_name"), "class_name");
    Object config = root.get("config");
    switch (className) {
      case "Sequential":
        return sequential(config);
      case "Model":
      case "Functional":
        return functional(map(config, "config of a " + className + " model"));
      default:
        throw new IllegalArgumentException(
            "Unsupported model class '" + className + "'; Keras4J loads Sequential and functional (Model,"
                + " Functional) models.");
    }
  }

  private static Sequential sequential(Object config) {
    List<Object> layerConfigs;
    String name = null;
    List<?> buildInputShape = null;
    if (config instanceof List<?> list) {
      layerConfigs = new ArrayList<>(list);
    } else if (config instanceof Map<?, ?> m) {
      Map<String, Object> c = cast(m);
      layerConfigs = new ArrayList<>(list(c.get("layers"), "Sequential config 'layers'"));
      name = c.get("name") == null ? null : string(c.get("name"), "Sequential config 'name'");
      if (c.get("build_input_shape") instanceof List<?> b) {
        buildInputShape = b;
      }
    } else {
      throw new IllegalArgumentException(
          "Sequential config must be a list of layers or a dict with 'layers', but got " + describe(config) + ".");
    }
    Sequential model = new Sequential();
    if (name != null) {
      model.name(name);
    }
    for (int i = 0; i < layerConfigs.size(); i++) {
      Layer layer = layer(map(layerConfigs.get(i), "layer entry " + i));
      model.add(layer);
    }
    if (!model.isBuilt() && buildInputShape != null && buildInputShape.size() >= 2 && !model.layers().isEmpty()) {
      int[] dims = new int[buildInputShape.size() - 1];
      for (int i = 1; i < buildInputShape.size(); i++) {
        dims[i - 1] = positiveInt(buildInputShape.get(i), "build_input_shape");
      }
      model.build(dims);
    }
    return model;
  }

  private record Pending(Layer layer, List<List<Object>> nodes) {}

  private static Model functional(Map<String, Object> config) {
    List<?> entries = list(config.get("layers"), "functional config 'layers'");
    Map<String, Layer> byName = new LinkedHashMap<>();
    List<Pending> pending = new ArrayList<>();
    Map<String, List<KerasTensor>> outputs = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> entry = map(entries.get(i), "layer entry " + i);
      Layer layer = layer(entry);
      String name = entry.get("name") instanceof String s ? s : layer.name();
      if (!name.equals(layer.name())) {
        throw new IllegalArgumentException(
            "Layer entry " + i + " is named '" + name + "' but its config names it '" + layer.name() + "'.");
      }
      if (byName.put(name, layer) != null) {
        throw new IllegalArgumentException("Two layers are named '" + name + "' in the functional config.");
      }
      List<List<Object>> nodes = new ArrayList<>();
      Object inbound = entry.get("inbound_nodes");
      for (Object node : inbound == null ? List.of() : list(inbound, "inbound_nodes of '" + name + "'")) {
        nodes.add(nodeInputs(node, name));
      }
      if (layer instanceof InputLayer input) {
        outputs.computeIfAbsent(name, k -> new ArrayList<>()).add(input.output());
      } else {
        pending.add(new Pending(layer, nodes));
      }
    }
    Map<Layer, Integer> done = new IdentityHashMap<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Pending p : pending) {
        int next = done.getOrDefault(p.layer(), 0);
        while (next < p.nodes().size()) {
          List<KerasTensor> inputs = resolve(p.nodes().get(next), outputs);
          if (inputs == null) {
            break;
          }
          outputs.computeIfAbsent(p.layer().name(), k -> new ArrayList<>()).add(p.layer().apply(inputs));
          next++;
          done.put(p.layer(), next);
          progress = true;
        }
      }
    }
    for (Pending p : pending) {
      if (done.getOrDefault(p.layer(), 0) < p.nodes().size()) {
        throw new IllegalArgumentException(
            "Cannot connect layer '" + p.layer().name() + "': its inbound node "
                + done.getOrDefault(p.layer(), 0) + " refers to " + p.nodes().get(done.getOrDefault(p.layer(), 0))
                + ", which no layer of the config produces.");
      }
    }
    List<KerasTensor> ins = tensors(config.get("input_layers"), outputs, "input_layers");
    List<KerasTensor> outs = tensors(config.get("output_layers"), outputs, "output_layers");
    Model model = new Model(ins, outs);
    if (config.get("name") instanceof String name) {
      model.name(name);
    }
    return model;
  }

  /** Returns the inbound tensor references {@code [layer, node, tensor]} of one node, in either Keras form. */
  private static List<Object> nodeInputs(Object node, String layer) {
    List<Object> refs = new ArrayList<>();
    if (node instanceof Map<?, ?> call) {
      collectKeras3Tensors(call.get("args"), refs, 0);
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        List<?> ref = list(item, "inbound node of '" + layer + "'");
        if (ref.size() < 3) {
          throw new IllegalArgumentException(
              "Inbound node of '" + layer + "' must be [layer, node_index, tensor_index, kwargs], but got " + ref + ".");
        }
        refs.add(List.of(
            string(ref.get(0), "inbound layer name"), index(ref.get(1)), index(ref.get(2))));
      }
    } else {
      throw new IllegalArgumentException("Inbound node of '" + layer + "' must be a list or a dict, but got "
          + describe(node) + ".");
    }
    if (refs.isEmpty()) {
      throw new IllegalArgumentException("Inbound node of '" + layer + "' has no input tensors.");
    }
    return refs;
  }

  private static void collectKeras3Tensors(Object value, List<Object> refs, int depth) {
    if (depth > 16) {
      throw new IllegalArgumentException("Inbound node arguments are nested too deeply.");
    }
    if (value instanceof Map<?, ?> m && "__keras_tensor__".equals(m.get("class_name"))) {
      Map<String, Object> config = map(m.get("config"), "__keras_tensor__ config");
      List<?> history = list(config.get("keras_history"), "keras_history");
      if (history.size() < 3) {
        throw new IllegalArgumentException("keras_history must be [layer, node_index, tensor_index], but got "
            + history + ".");
      }
      refs.add(List.of(string(history.get(0), "keras_history layer"), index(history.get(1)), index(history.get(2))));
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        collectKeras3Tensors(item, refs, depth + 1);
      }
    }
  }

  private static List<KerasTensor> resolve(List<Object> refs, Map<String, List<KerasTensor>> outputs) {
    List<KerasTensor> tensors = new ArrayList<>();
    for (Object o : refs) {
      List<?> ref = (List<?>) o;
      List<KerasTensor> produced = outputs.get((String) ref.get(0));
      int nodeIndex = (Integer) ref.get(1);
      if (produced == null || produced.size() <= nodeIndex) {
        return null;
      }
      if ((Integer) ref.get(2) != 0) {
        throw new IllegalArgumentException(
            "Tensor index " + ref.get(2) + " of layer '" + ref.get(0) + "': Keras4J layers have one output.");
      }
      tensors.add(produced.get(nodeIndex));
    }
    return tensors;
  }

  private static List<KerasTensor> tensors(Object value, Map<String, List<KerasTensor>> outputs, String key) {
    List<?> list = list(value, "functional config '" + key + "'");
    List<Object> refs = new ArrayList<>();
    if (!list.isEmpty() && list.get(0) instanceof String) {
      refs.add(List.of(string(list.get(0), key), index(list.size() > 1 ? list.get(1) : 0),
          index(list.size() > 2 ? list.get(2) : 0)));
    } else {
      for (Object item : list) {
        List<?> ref = list(item, key + " entry");
        if (ref.size() < 3) {
          throw new IllegalArgumentException(key + " entries must be [layer, node_index, tensor_index], but got "
              + ref + ".");
        }
        refs.add(List.of(string(ref.get(0), key), index(ref.get(1)), index(ref.get(2))));
      }
    }
    if (refs.isEmpty()) {
      throw new IllegalArgumentException("functional config '" + key + "' is empty.");
    }
    List<KerasTensor> tensors = resolve(refs, outputs);
    if (tensors == null) {
      throw new IllegalArgumentException("functional config '" + key + "' refers to " + refs
          + ", which no layer of the config produces.");
    }
    return tensors;
  }

  /** Creates one layer from {@code {"class_name", "config", …}}, unwrapping Keras 3's forms. */
  static Layer layer(Map<String, Object> entry) {
    String className = string(entry.get("class_name"), "layer class_name");
    if (className.equals("Sequential") || className.equals("Functional") || className.equals("Model")) {
      return nestedModel(entry, className);
    }
    Map<String, Object> config =
        normalize(map(entry.get("config"), "config of layer " + className), className.equals("InputLayer"));
    List<String> known = LayerRegistry.classNames();
    String lookup = className;
    if (!known.contains(lookup) && entry.get("registered_name") instanceof String registered) {
      String shortName = registered.substring(registered.lastIndexOf('>') + 1);
      if (known.contains(registered)) {
        lookup = registered;
      } else if (known.contains(shortName)) {
        lookup = shortName;
      }
    }
    try {
      return LayerRegistry.fromConfig(lookup, config);
    } catch (IllegalArgumentException | IllegalStateException | ClassCastException | ArithmeticException e) {
      String name = config.get("name") instanceof String s ? " '" + s + "'" : "";
      throw new IllegalArgumentException("Layer " + className + name + ": " + e.getMessage(), e);
    }
  }

  /** Creates a model used as a layer (Keras's nested models) from its entry; keeps Keras 3's trainable flag. */
  private static Model nestedModel(Map<String, Object> entry, String className) {
    Model model;
    try {
      model = fromConfig(entry);
    } catch (IllegalArgumentException | IllegalStateException e) {
      Object config = entry.get("config");
      String name = config instanceof Map<?, ?> c && c.get("name") instanceof String s ? " '" + s + "'" : "";
      throw new IllegalArgumentException("Nested " + className + name + ": " + e.getMessage(), e);
    }
    if (entry.get("config") instanceof Map<?, ?> c && Boolean.FALSE.equals(c.get("trainable"))) {
      model.trainable(false);
    }
    return model;
  }

  /**
   * Unwraps dtype-policy dicts and warns about dtypes other than float32 (an input layer's integer dtype is
   * expected: token ids).
   */
  private static Map<String, Object> normalize(Map<String, Object> config, boolean input) {
    Map<String, Object> out = new LinkedHashMap<>(config);
    Object dtype = out.get("dtype");
    if (dtype instanceof Map<?, ?> policy) {
      Object inner = policy.get("config");
      dtype = inner instanceof Map<?, ?> c ? c.get("name") : policy.get("name");
      out.put("dtype", dtype);
    }
    if (dtype instanceof String s && !s.equals("float32") && !input) {
      LOG.log(System.Logger.Level.WARNING,
          "Layer " + out.get("name") + " has dtype " + s + "; Keras4J computes in float32.");
    }
    return out;
  }

  // ================================================================ typed access

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> map) {
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new IllegalArgumentException("Config keys must be strings, but got " + describe(key) + ".");
      }
    }
    return (Map<String, Object>) map;
  }

  static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return cast(m);
    }
    throw new IllegalArgumentException(what + " must be a dict, but got " + describe(value) + ".");
  }

  static List<?> list(Object value, String what) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(what + " must be a list, but got " + describe(value) + ".");
  }

  static String string(Object value, String what) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(what + " must be a string, but got " + describe(value) + ".");
  }

  private static int index(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0
        && n.doubleValue() < 1_000_000) {
      return n.intValue();
    }
    throw new IllegalArgumentException("Node and tensor indices must be small non-negative integers, but got "
        + describe(value) + ".");
  }

  private static int positiveInt(Object value, String what) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1
        && n.doubleValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new IllegalArgumentException(what + " must hold positive integers, but got " + describe(value) + ".");
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String s = String.valueOf(value);
    if (s.length() > 80) {
      s = s.substring(0, 77) + "...";
    }
    String type =
        value instanceof Map ? "dict" : value instanceof List ? "list" : value instanceof String ? "string"
            : value instanceof Number ? "number" : value instanceof Boolean ? "bool" : value.getClass().getSimpleName();
    return type + " " + (value instanceof String ? "'" + s + "'" : s);
  }
}
