package io.github.keras4j.saving;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * TF 2.x SavedModel directories as {@code model.save("dir")} writes them in TF 2.0–2.12 ({@code saved_model.pb},
 * {@code keras_metadata.pb}, {@code variables/variables.index} + {@code .data-*}), rebuilt as Keras4J models:
 *
 * <ol>
 *   <li>{@code keras_metadata.pb} is Keras's {@code SavedMetadata} protobuf ({@code keras/protobuf/
 *       saved_metadata.proto}: {@code repeated SavedObject nodes = 1}; a node has {@code node_id = 2},
 *       {@code node_path = 3}, {@code identifier = 4}, {@code metadata = 5}, a JSON string). The node with path
 *       {@code root} holds the model's {@code class_name} and {@code config} (tuples encoded as
 *       {@code {"class_name": "__tuple__", "items": […]}}), read here from the wire format.
 *   <li>The checkpoint in {@code variables/} is read by TensorFlow itself (a {@code RestoreV2} op): first its
 *       object graph ({@code _CHECKPOINTABLE_OBJECT_GRAPH}, a {@code TrackableObjectGraph}), whose root has one
 *       child {@code layer_with_weights-k} per layer with weights, in layer order (Keras's
 *       {@code _layer_checkpoint_dependencies}); the variables under it ({@code kernel}, {@code bias},
 *       {@code cell/kernel}, {@code forward_layer/cell/…}) carry the checkpoint keys such as
 *       {@code layer_with_weights-0/cell/kernel/.ATTRIBUTES/VARIABLE_VALUE}.
 *   <li>Each layer's weights, in Keras order, take the first unused variable of the same name in that subtree.
 * </ol>
 */
final class SavedModelDirs {
  private SavedModelDirs() {}

  static final String METADATA = "keras_metadata.pb";
  private static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
  private static final long MAX_METADATA_BYTES = 256L << 20;

  /** Whether {@code dir} is a SavedModel directory. */
  static boolean isSavedModel(Path dir) {
    return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("saved_model.pb"));
  }

  /** The JSON metadata of every node of {@code keras_metadata.pb}, by node path ({@code root}, …). */
  static Map<String, String> readMetadata(Path dir) throws IOException {
    Path file = dir.resolve(METADATA);
    if (!Files.isRegularFile(file)) {
      throw new KerasFileException(dir, "no " + METADATA + " in this SavedModel directory: it was not written by"
          + " Keras's model.save (or by TF older than 2.5); Keras4J rebuilds Keras models from that file. Run it"
          + " for inference with SavedModelServing.open(dir).predict(x) (TensorFlow Java's SavedModelBundle).");
    }
    if (Files.size(file) > MAX_METADATA_BYTES) {
      throw new KerasFileException(file, "is " + Files.size(file) + " bytes, more than a Keras metadata file"
          + " holds.");
    }
    byte[] bytes = Files.readAllBytes(file);
    Map<String, String> nodes = new LinkedHashMap<>();
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      for (int tag; (tag = in.readTag()) != 0; ) {
        if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag)
            == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          CodedInputStream node = CodedInputStream.newInstance(in.readByteArray());
          String path = null;
          String metadata = null;
          for (int t; (t = node.readTag()) != 0; ) {
            int field = WireFormat.getTagFieldNumber(t);
            if (field == 3 && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
              path = node.readStringRequireUtf8();
            } else if (field == 5 && WireFormat.getTagWireType(t) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
              metadata = node.readStringRequireUtf8();
            } else if (!node.skipField(t)) {
              break;
            }
          }
          if (path != null && metadata != null) {
            nodes.put(path, metadata);
          }
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new KerasFileException(file, "malformed Keras metadata protobuf (" + e.getMessage() + ").", e);
    }
    if (!nodes.containsKey("root")) {
      throw new KerasFileException(file, "no 'root' node in the Keras metadata; this is not a Keras SavedModel.");
    }
    return nodes;
  }

  /** The root node's metadata as a map (class_name, config, training_config, …), tuples turned into lists. */
  static Map<String, Object> rootMetadata(Path dir) throws IOException {
    String json = readMetadata(dir).get("root");
    try {
      return ModelConfigs.map(untuple(KerasJson.parse(json), 0), "root metadata");
    } catch (IllegalArgumentException e) {
      throw new KerasFileException(dir.resolve(METADATA), "root metadata: " + e.getMessage(), e);
    }
  }

  /** Replaces Keras's {@code {"class_name": "__tuple__", "items": [...]}} by the list of items. */
  static Object untuple(Object value, int depth) {
    if (depth > 500) {
      throw new IllegalArgumentException("the metadata nests deeper than 500 levels");
    }
    if (value instanceof Map<?, ?> m) {
      if ("__tuple__".equals(m.get("class_name")) && m.get("items") instanceof List<?> items) {
        return untuple(items, depth + 1);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), untuple(e.getValue(), depth + 1));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(untuple(o, depth + 1));
      }
      return out;
    }
    return value;
  }

  /** One variable of the checkpoint: its path below the layer's node, and its checkpoint key. */
  record Variable(String path, String key) {
    String shortName() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  /** A checkpoint's object graph: the variables under each {@code layer_with_weights-k}, k = 0, 1, …. */
  record Checkpoint(Path prefix, List<List<Variable>> layersWithWeights) {}

  /** The checkpoint prefix ({@code variables/variables}) of a SavedModel directory. */
  static Path checkpointPrefix(Path dir) throws KerasFileException {
    Path index = dir.resolve("variables").resolve("variables.index");
    if (!Files.isRegularFile(index)) {
      throw new KerasFileException(dir, "no variables/variables.index: the SavedModel has no checkpoint of its"
          + " weights (or the directory is incomplete).");
    }
    return dir.resolve("variables").resolve("variables");
  }

  /** Reads the object graph of the checkpoint at {@code prefix} with TensorFlow. */
  static Checkpoint readCheckpoint(Path prefix) throws KerasFileException {
    byte[] bytes;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Restore r = tf.train.restore(tf.constant(prefix.toString()), tf.constant(NdArrays.vectorOfObjects(OBJECT_GRAPH_KEY)),
          tf.constant(NdArrays.vectorOfObjects("")), List.of(TString.class));
      try (Result res = s.runner().fetch(r.tensors().get(0)).run()) {
        bytes = ((TString) res.get(0)).asBytes().getObject();
      }
    } catch (RuntimeException e) {
      throw new KerasFileException(prefix, "TensorFlow cannot read the checkpoint's object graph ("
          + e.getMessage() + ").", e);
    }
    TrackableObjectGraph graph;
    try {
      graph = TrackableObjectGraph.parseFrom(bytes);
    } catch (IOException e) {
      throw new KerasFileException(prefix, "malformed checkpoint object graph (" + e.getMessage() + ").", e);
    }
    if (graph.getNodesCount() == 0) {
      throw new KerasFileException(prefix, "the checkpoint's object graph is empty.");
    }
    Map<Integer, Integer> byIndex = new LinkedHashMap<>();
    for (TrackableObject.ObjectReference child : graph.getNodes(0).getChildrenList()) {
      String name = child.getLocalName();
      if (name.startsWith("layer_with_weights-")) {
        try {
          byIndex.put(Integer.parseInt(name.substring("layer_with_weights-".length())), child.getNodeId());
        } catch (NumberFormatException e) {
          throw new KerasFileException(prefix, "unexpected object graph child '" + name + "'.");
        }
      }
    }
    List<List<Variable>> layers = new ArrayList<>();
    for (int k = 0; byIndex.containsKey(k); k++) {
      layers.add(variables(graph, byIndex.get(k), prefix));
    }
    if (layers.size() != byIndex.size()) {
      throw new KerasFileException(prefix, "the object graph numbers its layers with weights " + byIndex.keySet()
          + ", not 0 to " + (byIndex.size() - 1) + ".");
    }
    return new Checkpoint(prefix, layers);
  }

  /** The variables in the subtree of one node, depth first in the graph's child order. */
  private static List<Variable> variables(TrackableObjectGraph graph, int nodeId, Path prefix)
      throws KerasFileException {
    List<Variable> out = new ArrayList<>();
    Set<Integer> visited = new HashSet<>();
    Set<String> keys = new HashSet<>();
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {nodeId, ""});
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      int id = (Integer) top[0];
      String path = (String) top[1];
      if (id < 0 || id >= graph.getNodesCount()) {
        throw new KerasFileException(prefix, "the object graph refers to node " + id + " of "
            + graph.getNodesCount() + ".");
      }
      if (!visited.add(id)) {
        continue;
      }
      TrackableObject node = graph.getNodes(id);
      for (var attribute : node.getAttributesList()) {
        if (attribute.getName().equals("VARIABLE_VALUE") && keys.add(attribute.getCheckpointKey())) {
          out.add(new Variable(path, attribute.getCheckpointKey()));
        }
      }
      // Named attributes (kernel, cell, forward_layer) before the lists that repeat them (variables/0, …), so a
      // variable is known by its attribute name.
      List<TrackableObject.ObjectReference> children = new ArrayList<>(node.getChildrenList());
      children.sort(java.util.Comparator.comparing(c -> isListEdge(c.getLocalName())));
      for (int i = children.size() - 1; i >= 0; i--) { // pushed in reverse: popped in the graph's order
        TrackableObject.ObjectReference c = children.get(i);
        stack.push(new Object[] {c.getNodeId(), path.isEmpty() ? c.getLocalName() : path + "/" + c.getLocalName()});
      }
    }
    return out;
  }

  private static boolean isListEdge(String name) {
    return name.equals("variables") || name.equals("trainable_variables") || name.equals("non_trainable_variables")
        || name.equals("trainable_weights") || name.equals("non_trainable_weights") || name.equals("weights")
        || name.equals("keras_api") || name.chars().allMatch(Character::isDigit);
  }

  /** Restores float32 variables by checkpoint key with TensorFlow; returns row-major values. */
  static Map<String, float[]> restore(Path prefix, List<String> keys, Map<String, long[]> shapes)
      throws KerasFileException {
    Map<String, float[]> out = new LinkedHashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      String[] slices = new String[keys.size()];
      Arrays.fill(slices, "");
      List<Class<? extends TType>> types = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        types.add(TFloat32.class);
      }
      Restore r = tf.train.restore(tf.constant(prefix.toString()), tf.constant(NdArrays.vectorOfObjects(keys.toArray(String[]::new))),
          tf.constant(NdArrays.vectorOfObjects(slices)), types);
      Session.Runner runner = s.runner();
      for (var output : r.tensors()) {
        runner.fetch(output);
      }
      try (Result res = runner.run()) {
        for (int i = 0; i < keys.size(); i++) {
          TFloat32 f = (TFloat32) res.get(i); // closed with the result
          float[] values = new float[Math.toIntExact(f.size())];
          f.copyTo(DataBuffers.of(values, false, false));
          out.put(keys.get(i), values);
          shapes.put(keys.get(i), f.shape().asArray());
        }
      }
    } catch (RuntimeException e) {
      throw new KerasFileException(prefix, "TensorFlow cannot restore " + keys.size() + " variables from the"
          + " checkpoint (" + e.getMessage() + ").", e);
    }
    return out;
  }

  /** Loads a SavedModel directory as a Keras4J model (config from the metadata, weights from the checkpoint). */
  static Model load(Path dir) throws IOException {
    Map<String, Object> root = rootMetadata(dir);
    Object className = root.get("class_name");
    Object config = root.get("config");
    if (!(className instanceof String) || config == null) {
      throw new KerasFileException(dir.resolve(METADATA), "the root node has no class_name/config; the model was"
          + " saved without a config (a subclassed model). Run it for inference with"
          + " SavedModelServing.open(dir).predict(x) (TensorFlow Java's SavedModelBundle) instead.");
    }
    Map<String, Object> modelConfig = new LinkedHashMap<>();
    modelConfig.put("class_name", className);
    modelConfig.put("config", config);
    Model model;
    try {
      model = ModelConfigReader.fromConfig(modelConfig);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new KerasFileException(dir, "Keras4J cannot rebuild this Keras model from its config (" + e.getMessage()
          + "). For inference only, run the SavedModel's own serving signature:"
          + " SavedModelServing.open(Path.of(\"" + dir + "\")).predict(x) (TensorFlow Java's SavedModelBundle).", e);
    }
    try {
      readWeights(dir, model);
      if (root.get("training_config") instanceof Map<?, ?> training) {
        TrainingConfigs.compile(model, builtInOptimizerNames(ModelConfigs.cast(training)), dir.toString());
      }
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  /**
   * TF 2.11+ serialises its (new) built-in optimizers with the registered name {@code Custom>Adam}; as Keras's own
   * deserialisation does, a {@code Custom>} prefix naming a built-in optimizer is read as that optimizer.
   */
  static Map<String, Object> builtInOptimizerNames(Map<String, Object> training) {
    if (training.get("optimizer_config") instanceof Map<?, ?> opt
        && opt.get("class_name") instanceof String name && name.startsWith("Custom>")) {
      String builtIn = name.substring("Custom>".length());
      if (List.of("Adam", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "AdamW", "Ftrl")
          .contains(builtIn)) {
        Map<String, Object> o = new LinkedHashMap<>(ModelConfigs.cast(opt));
        o.put("class_name", builtIn);
        Map<String, Object> t = new LinkedHashMap<>(training);
        t.put("optimizer_config", o);
        return t;
      }
    }
    return training;
  }

  /** Assigns the checkpoint's variables to the model's layers with weights (all or nothing). */
  static void readWeights(Path dir, Model model) throws KerasFileException {
    Path prefix = checkpointPrefix(dir);
    Checkpoint ckpt = readCheckpoint(prefix);
    List<Layer> layers = new ArrayList<>();
    for (Layer layer : model.layers()) {
      if (!layer.weights().isEmpty()) {
        layers.add(layer);
      }
    }
    if (layers.size() != ckpt.layersWithWeights().size()) {
      throw new KerasFileException(dir, "the checkpoint holds " + ckpt.layersWithWeights().size() + " layers with"
          + " weights, but the model has " + layers.size() + " " + layers.stream().map(Layer::name).toList() + ".");
    }
    Map<Weight, String> keyOf = new IdentityHashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      List<Variable> available = new ArrayList<>(ckpt.layersWithWeights().get(i));
      for (Weight w : WeightLayouts.kerasOrder(layer)) {
        String name = shortName(w.name());
        Variable match = null;
        for (Variable v : available) {
          if (v.shortName().equals(name)) {
            match = v;
            break;
          }
        }
        if (match == null) {
          throw new KerasFileException(dir, "layer '" + layer.name() + "' (layer_with_weights-" + i + ") has no"
              + " variable '" + name + "' in the checkpoint; it holds "
              + ckpt.layersWithWeights().get(i).stream().map(Variable::path).toList() + ".");
        }
        available.remove(match);
        keyOf.put(w, match.key());
        keys.add(match.key());
      }
    }
    Map<String, long[]> shapes = new LinkedHashMap<>();
    Map<String, float[]> values = restore(prefix, keys, shapes);
    Map<Weight, float[]> assign = new IdentityHashMap<>();
    for (Map.Entry<Weight, String> e : keyOf.entrySet()) {
      Weight w = e.getKey();
      long[] shape = shapes.get(e.getValue());
      if (!Arrays.equals(shape, w.shape())) {
        throw new KerasFileException(dir, "variable '" + e.getValue() + "' has shape " + Hdf5.shapeString(shape)
            + ", but weight '" + w.name() + "' expects " + Hdf5.shapeString(w.shape()) + ".");
      }
      assign.put(w, values.get(e.getValue()));
    }
    assign.forEach(Weight::assign);
  }

  /** {@code lstm/lstm_cell/kernel:0} → {@code kernel}. */
  private static String shortName(String weightName) {
    String n = weightName;
    int colon = n.lastIndexOf(':');
    if (colon > 0) {
      n = n.substring(0, colon);
    }
    return n.substring(n.lastIndexOf('/') + 1);
  }
}
