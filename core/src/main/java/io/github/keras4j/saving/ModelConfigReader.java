package io.github.keras4j.saving;

import static io.github.keras4j.saving.ModelConfigs.cast;
import static io.github.keras4j.saving.ModelConfigs.describe;
import static io.github.keras4j.saving.ModelConfigs.list;
import static io.github.keras4j.saving.ModelConfigs.map;
import static io.github.keras4j.saving.ModelConfigs.string;
import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.LayerRegistry;
import io.github.keras4j.layers.Node;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Keras model configs into models and layers: {@code Sequential} (a list of layers, Keras ≤ 2.2, or a dict
 * with {@code layers}) and functional models ({@code Model} / {@code Functional}, with {@code inbound_nodes} in the
 * Keras 2 list form or the Keras 3 {@code args} form), Keras 3's {@code module} / {@code registered_name} wrapping,
 * dtype-policy dicts, Keras 1 layer configs (through {@link Keras1Configs}) and nested models.
 * {@link ModelConfigWriter} writes them.
 */
final class ModelConfigReader {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelConfigReader.class);

  private ModelConfigReader() {}

  /**
   * Creates an (uncompiled) model from a Keras model config: {@code {"class_name": "Sequential" | "Model" |
   * "Functional", "config": …}}, optionally wrapped with {@code module} / {@code registered_name} and carrying
   * {@code keras_version} etc.
   *
   * @throws IllegalArgumentException if the config is malformed or names unknown layers
   */
  static Model fromConfig(Map<String, Object> root) {
    requireNonNull(root, "config");
    // Names such as hard_sigmoid mean what the writing Keras version meant (layers13: activation version hook).
    int major = root.get("keras_version") instanceof String v
        ? io.github.keras4j.activations.Activations.majorVersionOf(v)
        : io.github.keras4j.activations.Activations.kerasMajorVersion();
    try (var scope = io.github.keras4j.activations.Activations.kerasVersionScope(major)) {
      return fromConfigInScope(root);
    }
  }

  private static Model fromConfigInScope(Map<String, Object> root) {
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
    Map<String, List<List<KerasTensor>>> outputs = new HashMap<>();
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
        outputs.computeIfAbsent(name, k -> new ArrayList<>()).add(List.of(input.output()));
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
          outputs.computeIfAbsent(p.layer().name(), k -> new ArrayList<>()).add(p.layer().applyMulti(inputs));
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

  /**
   * Returns the inbound tensor references {@code [layer, node, tensor]} of one node, in either Keras form. A
   * recurrent layer's {@code initial_state} (Keras 3: in the call's kwargs; Keras 2: listed after the sequence,
   * and repeated in each entry's kwargs by tf.keras) follows the sequence, as {@code layer.apply(x, h, c)} takes it.
   */
  private static List<Object> nodeInputs(Object node, String layer) {
    List<Object> refs = new ArrayList<>();
    if (node instanceof Map<?, ?> call) {
      collectKeras3Tensors(call.get("args"), refs, 0);
      if (call.get("kwargs") instanceof Map<?, ?> kwargs && kwargs.get("initial_state") != null) {
        collectKeras3Tensors(kwargs.get("initial_state"), refs, 0);
      }
    } else if (node instanceof List<?> list) {
      Object initialState = null;
      for (Object item : list) {
        List<?> ref = list(item, "inbound node of '" + layer + "'");
        if (ref.size() < 3) {
          throw new IllegalArgumentException(
              "Inbound node of '" + layer + "' must be [layer, node_index, tensor_index, kwargs], but got " + ref + ".");
        }
        refs.add(List.of(
            string(ref.get(0), "inbound layer name"), index(ref.get(1)), index(ref.get(2))));
        if (ref.size() > 3 && ref.get(3) instanceof Map<?, ?> kwargs && kwargs.get("initial_state") != null) {
          initialState = kwargs.get("initial_state");
        }
      }
      if (initialState != null) {
        for (Object state : initialState instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String
            ? List.of(initialState) : list(initialState, "initial_state of '" + layer + "'")) {
          List<?> ref = list(state, "initial_state entry of '" + layer + "'");
          if (ref.size() < 3) {
            throw new IllegalArgumentException("initial_state entries of '" + layer
                + "' must be [layer, node_index, tensor_index], but got " + ref + ".");
          }
          List<Object> r = List.of(string(ref.get(0), "initial_state layer name"), index(ref.get(1)),
              index(ref.get(2)));
          if (!refs.contains(r)) {
            refs.add(r);
          }
        }
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

  private static List<KerasTensor> resolve(List<Object> refs, Map<String, List<List<KerasTensor>>> outputs) {
    List<KerasTensor> tensors = new ArrayList<>();
    for (Object o : refs) {
      List<?> ref = (List<?>) o;
      List<List<KerasTensor>> produced = outputs.get((String) ref.get(0));
      int nodeIndex = (Integer) ref.get(1);
      if (produced == null || produced.size() <= nodeIndex) {
        return null;
      }
      List<KerasTensor> nodeOutputs = produced.get(nodeIndex);
      int tensorIndex = (Integer) ref.get(2);
      if (tensorIndex >= nodeOutputs.size()) {
        throw new IllegalArgumentException(
            "Tensor index " + tensorIndex + " of layer '" + ref.get(0) + "' (node " + nodeIndex + "): the layer"
                + " returns " + nodeOutputs.size() + " tensor(s) as configured; check its return_state /"
                + " merge_mode.");
      }
      tensors.add(nodeOutputs.get(tensorIndex));
    }
    return tensors;
  }

  private static List<KerasTensor> tensors(
      Object value, Map<String, List<List<KerasTensor>>> outputs, String key) {
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
    Keras1Configs.Converted keras2 = Keras1Configs.convert(className, config); // Keras 1.x names, as Keras 2 reads them
    className = keras2.className();
    config = keras2.config();
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
      LOG.warn("Layer " + out.get("name") + " has dtype " + s + "; Keras4J computes in float32.");
    }
    return out;
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
}
