package io.github.keras4j.saving;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two ways Keras lays out weights in HDF5, both ways.
 *
 * <ul>
 *   <li>Legacy (Keras 2 {@code save}/{@code save_weights}, Keras 3 legacy {@code .h5}): attribute
 *       {@code layer_names}; one group per layer with attribute {@code weight_names}; datasets at those names
 *       relative to the layer group ({@code dense/dense/kernel:0}, or Keras 3's {@code dense/kernel}). Weights are
 *       matched to the model's layers by order, as Keras's {@code load_weights} does.
 *   <li>Keras 3 ({@code model.weights.h5}, {@code *.weights.h5}): {@code layers/<snake_case class name>[_N]/vars/<i>}
 *       and {@code optimizer/vars/<i>}; group names follow the class names of the model's layers in order.
 * </ul>
 */
final class WeightLayouts {
  private WeightLayouts() {}

  /**
   * A layer's weights in Keras's order: those created trainable first, then the others (stable). For a nested
   * model, Keras's {@code trainable_weights + non_trainable_weights}: its trainable weights depth first, then
   * its non-trainable ones (all of them, layer by layer, while it is frozen).
   */
  static List<Weight> kerasOrder(Layer layer) {
    if (layer instanceof Model nested) {
      List<Weight> out = new ArrayList<>(nested.trainableWeights());
      Set<Weight> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      seen.addAll(out);
      for (Weight w : nested.nonTrainableWeights()) {
        if (seen.add(w)) {
          out.add(w);
        }
      }
      return out;
    }
    List<Weight> all = layer.weights();
    List<Weight> out = new ArrayList<>(all.size());
    for (Weight w : all) {
      if (w.isTrainable()) {
        out.add(w);
      }
    }
    for (Weight w : all) {
      if (!w.isTrainable()) {
        out.add(w);
      }
    }
    return out;
  }

  // ================================================================ legacy writing

  /** Writes {@code layer_names}, {@code backend}, {@code keras_version} and one group per layer into {@code g}. */
  static void writeLegacy(WritableGroup g, Model model) {
    List<Layer> layers = model.layers();
    List<String> names = new ArrayList<>();
    for (Layer layer : layers) {
      names.add(layer.name());
    }
    Hdf5.putStrings(g, "layer_names", names);
    g.putAttribute("backend", "tensorflow");
    g.putAttribute("keras_version", ModelConfigWriter.KERAS2_VERSION);
    for (Layer layer : layers) {
      WritableGroup lg = g.putGroup(Hdf5.checkName(layer.name()));
      List<Weight> weights = kerasOrder(layer);
      List<String> weightNames = new ArrayList<>();
      Map<String, WritableGroup> made = new HashMap<>();
      for (Weight w : weights) {
        // A nested model's weights are named by their own layers (Conv1/kernel:0), flat under its group.
        String owner = layer instanceof Model ? w.ownerName() : layer.name();
        String name = owner + "/" + w.name() + ":0";
        weightNames.add(name);
        Hdf5.putFloats(Hdf5.parentOf(lg, name, made), name.substring(name.lastIndexOf('/') + 1), w.read(),
            w.shape());
      }
      Hdf5.putStrings(lg, "weight_names", weightNames);
    }
  }

  /** Writes {@code optimizer_weights} as tf.keras 2.4 does ({@code Adam/iter:0}, {@code Adam/dense/kernel/m:0}). */
  static void writeLegacyOptimizer(WritableGroup root, Model model) {
    Optimizer opt = model.optimizer();
    if (opt == null || opt.trackedWeights().isEmpty()) {
      return;
    }
    WritableGroup ow = root.putGroup("optimizer_weights");
    List<String> names = new ArrayList<>();
    Map<String, WritableGroup> made = new HashMap<>();
    for (Weight w : opt.variables()) {
      String name = w.path() + ":0";
      names.add(name);
      WritableGroup parent = Hdf5.parentOf(ow, name, made);
      String leaf = name.substring(name.lastIndexOf('/') + 1);
      if (w == OptimizerInternals.iterations(opt)) {
        parent.putDataset(leaf, (long) w.read()[0]);
      } else {
        Hdf5.putFloats(parent, leaf, w.read(), w.shape());
      }
    }
    Hdf5.putStrings(ow, "weight_names", names);
  }

  // ================================================================ legacy reading

  /** One layer's saved weights: its name and the datasets in {@code weight_names} order. */
  private record SavedLayer(String name, List<Dataset> datasets) {}

  /**
   * Loads legacy-layout weights from {@code g} into the model, matching layers with weights by order. Nothing is
   * assigned unless every weight reads correctly.
   */
  static void readLegacy(Path file, Group g, Model model) throws KerasFileException {
    List<String> layerNames = Hdf5.stringListAttribute(file, g, "layer_names");
    if (layerNames == null) {
      throw new KerasFileException(file, "no 'layer_names' attribute in " + g.getPath()
          + "; this is not a Keras weights file.");
    }
    List<SavedLayer> saved = new ArrayList<>();
    for (String name : layerNames) {
      Group lg = Hdf5.group(file, g, name);
      if (lg == null) {
        throw new KerasFileException(file, "layer_names lists '" + name + "', but there is no such group.");
      }
      List<String> weightNames = Hdf5.stringListAttribute(file, lg, "weight_names");
      if (weightNames == null || weightNames.isEmpty()) {
        continue;
      }
      List<Dataset> datasets = new ArrayList<>();
      for (String wn : weightNames) {
        Dataset ds = Hdf5.dataset(file, lg, wn);
        if (ds == null) {
          throw new KerasFileException(file, "layer '" + name + "' lists weight '" + wn
              + "', but there is no such dataset.");
        }
        datasets.add(ds);
      }
      saved.add(new SavedLayer(name, datasets));
    }
    List<Layer> layers = new ArrayList<>();
    for (Layer layer : model.layers()) {
      if (!layer.weights().isEmpty()) {
        layers.add(layer);
      }
    }
    if (saved.size() != layers.size()) {
      throw new KerasFileException(file, "the file holds weights for " + saved.size() + " layers "
          + saved.stream().map(SavedLayer::name).toList() + ", but the model has " + layers.size()
          + " layers with weights " + layers.stream().map(Layer::name).toList() + ".");
    }
    Map<Weight, float[]> values = new IdentityHashMap<>();
    // Keras 1.x / Theano files: converted as Keras 2's preprocess_weights_for_loading (LegacyWeights).
    String version = originAttribute(file, g, "keras_version");
    String backend = originAttribute(file, g, "backend");
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      SavedLayer s = saved.get(i);
      List<Weight> weights = kerasOrder(layer);
      if (LegacyWeights.applies(version, backend)) {
        readConverted(file, layer, s, weights, version, backend, values);
        continue;
      }
      if (weights.size() != s.datasets().size()) {
        throw new KerasFileException(file, "layer #" + i + " (named '" + layer.name() + "' in the model, '"
            + s.name() + "' in the file) expects " + weights.size() + " weights, but the file holds "
            + s.datasets().size() + ".");
      }
      for (int j = 0; j < weights.size(); j++) {
        Weight w = weights.get(j);
        values.put(w, legacy(layer, w, Hdf5.readFloats(file, s.datasets().get(j), savedShape(layer, w),
            "weight '" + w.name() + "' of layer '" + layer.name() + "' (saved as '" + s.name() + "')")));
      }
    }
    values.forEach(Weight::assign);
  }

  /** A string attribute of the weights group, else of its parent (a full-model file's root), else {@code null}. */
  private static String originAttribute(Path file, Group g, String name) throws KerasFileException {
    String v = Hdf5.stringAttribute(file, g, name);
    Group parent = g.getParent();
    if (v == null && parent != null && parent != g) {
      v = Hdf5.stringAttribute(file, parent, name);
    }
    return v;
  }

  /** Reads one layer's arrays, converts them from Keras 1 / Theano and checks them against the layer. */
  private static void readConverted(Path file, Layer layer, SavedLayer s, List<Weight> weights, String version,
      String backend, Map<Weight, float[]> values) throws KerasFileException {
    List<LegacyWeights.Array> raw = new ArrayList<>();
    for (Dataset ds : s.datasets()) {
      raw.add(new LegacyWeights.Array(
          Hdf5.readAnyFloats(file, ds, "weight '" + ds.getName() + "' of layer '" + s.name() + "'"),
          Hdf5.shape(file, ds)));
    }
    List<LegacyWeights.Array> converted;
    try {
      converted = LegacyWeights.preprocess(layer, raw, version, backend);
    } catch (IllegalArgumentException e) {
      throw new KerasFileException(file, "layer '" + layer.name() + "' (saved as '" + s.name() + "', Keras "
          + (version == null ? "1" : version) + "): cannot convert its weights to the Keras 2 layout: "
          + e.getMessage());
    }
    if (converted.size() != weights.size()) {
      throw new KerasFileException(file, "layer '" + layer.name() + "' (saved as '" + s.name() + "' by Keras "
          + (version == null ? "1" : version) + ") expects " + weights.size() + " weights, but the file holds "
          + raw.size() + (converted.size() != raw.size() ? " (" + converted.size() + " after conversion)" : "")
          + ".");
    }
    for (int j = 0; j < weights.size(); j++) {
      Weight w = weights.get(j);
      LegacyWeights.Array a = converted.get(j);
      if (!java.util.Arrays.equals(a.shape(), w.shape())) {
        throw new KerasFileException(file, "weight '" + w.name() + "' of layer '" + layer.name() + "' has shape "
            + Hdf5.shapeString(w.shape()) + ", but the file (Keras " + (version == null ? "1" : version)
            + ", converted) holds " + Hdf5.shapeString(a.shape()) + ".");
      }
      values.put(w, a.values());
    }
  }

  /**
   * Loads legacy-layout weights by layer name, as Keras's {@code load_weights(by_name=True)}: each saved layer
   * with weights goes into the model's layer of the same name; saved layers the model lacks, and model layers the
   * file lacks, are skipped. Returns the number of layers loaded. Nothing is assigned unless every matched weight
   * reads correctly.
   */
  static int readLegacyByName(Path file, Group g, Model model) throws KerasFileException {
    List<String> layerNames = Hdf5.stringListAttribute(file, g, "layer_names");
    if (layerNames == null) {
      throw new KerasFileException(file, "no 'layer_names' attribute in " + g.getPath()
          + "; this is not a Keras weights file.");
    }
    Map<String, Layer> byName = new HashMap<>();
    for (Layer layer : model.layers()) {
      byName.put(layer.name(), layer);
    }
    Map<Weight, float[]> values = new IdentityHashMap<>();
    int loaded = 0;
    for (String name : layerNames) {
      Layer layer = byName.get(name);
      if (layer == null) {
        continue;
      }
      Group lg = Hdf5.group(file, g, name);
      if (lg == null) {
        throw new KerasFileException(file, "layer_names lists '" + name + "', but there is no such group.");
      }
      List<String> weightNames = Hdf5.stringListAttribute(file, lg, "weight_names");
      int saved = weightNames == null ? 0 : weightNames.size();
      List<Weight> weights = kerasOrder(layer);
      if (saved != weights.size()) {
        throw new KerasFileException(file, "layer '" + name + "' expects " + weights.size()
            + " weights, but the file holds " + saved + ".");
      }
      for (int j = 0; j < saved; j++) {
        Dataset ds = Hdf5.dataset(file, lg, weightNames.get(j));
        if (ds == null) {
          throw new KerasFileException(file, "layer '" + name + "' lists weight '" + weightNames.get(j)
              + "', but there is no such dataset.");
        }
        Weight w = weights.get(j);
        values.put(w, legacy(layer, w,
            Hdf5.readFloats(file, ds, savedShape(layer, w), "weight '" + w.name() + "' of layer '" + name + "'")));
      }
      if (saved > 0) {
        loaded++;
      }
    }
    values.forEach(Weight::assign);
    return loaded;
  }

  /** The shape a legacy file stores {@code w} in (CuDNN layers differ, see LegacyWeights). */
  private static long[] savedShape(Layer layer, Weight w) {
    return layer instanceof io.github.keras4j.layers.LegacyWeights lw ? lw.savedShape(w) : w.shape();
  }

  /** Converts legacy-file values of {@code w} to the layer's layout. */
  private static float[] legacy(Layer layer, Weight w, float[] saved) {
    return layer instanceof io.github.keras4j.layers.LegacyWeights lw ? lw.fromSaved(w, saved) : saved;
  }

  // ================================================================ Keras 3 writing

  /** Writes the Keras 3 weights layout ({@code layers/…/vars/i}, {@code optimizer/vars/i}, {@code vars}). */
  static void writeKeras3(WritableGroup root, Model model, boolean includeOptimizer) {
    writeKeras3Layers(root.putGroup("layers"), model.layers());
    Optimizer opt = model.optimizer();
    if (includeOptimizer && opt != null) {
      WritableGroup vars = root.putGroup("optimizer").putGroup("vars");
      vars.putAttribute("name", opt.name().toLowerCase(java.util.Locale.ROOT));
      vars.putDataset("0", (long) OptimizerInternals.iterations(opt).read()[0]);
      vars.putDataset("1", (float) opt.learningRate());
      if (!opt.trackedWeights().isEmpty()) {
        List<Weight> order = OptimizerState.keras3Order(opt, model.trainableWeights());
        for (int j = 0; j < order.size(); j++) {
          Weight w = order.get(j);
          Hdf5.putFloats(vars, Integer.toString(j + 2), w.read(), w.shape());
        }
      }
    }
    root.putGroup("vars").putAttribute("name", model.name());
  }

  /**
   * Writes {@code <name>/vars/<i>} per layer; a nested model gets an empty {@code vars} and its own layers under
   * {@code <name>/layers/…}, as Keras 3's saving library walks them.
   */
  private static void writeKeras3Layers(WritableGroup layersGroup, List<Layer> layers) {
    List<String> paths = keras3Names(layers);
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      WritableGroup group = layersGroup.putGroup(paths.get(i));
      WritableGroup vars = group.putGroup("vars");
      vars.putAttribute("name", layer.name());
      if (layer instanceof Model nested) {
        writeKeras3Layers(group.putGroup("layers"), nested.layers());
        continue;
      }
      if (layer instanceof io.github.keras4j.layers.NestedWeights nestedWeights) {
        // Wrappers and RNNs: cell/vars, forward_layer/cell/vars, … as Keras 3 walks their sub-layers.
        for (Map.Entry<String, List<Weight>> e : nestedWeights.keras3VariableGroups().entrySet()) {
          WritableGroup g = group;
          for (String part : e.getKey().split("/")) {
            g = g.putGroup(part);
          }
          WritableGroup sub = g.putGroup("vars");
          sub.putAttribute("name", e.getKey().substring(e.getKey().lastIndexOf('/') + 1));
          List<Weight> ws = e.getValue();
          for (int j = 0; j < ws.size(); j++) {
            Hdf5.putFloats(sub, Integer.toString(j), ws.get(j).read(), ws.get(j).shape());
          }
        }
        continue;
      }
      List<Weight> weights = kerasOrder(layer);
      for (int j = 0; j < weights.size(); j++) {
        Weight w = weights.get(j);
        Hdf5.putFloats(vars, Integer.toString(j), w.read(), w.shape());
      }
    }
  }

  /** Keras 3's names for the layer groups: snake_case class name, then {@code _1}, {@code _2}, … per name. */
  static List<String> keras3Names(List<Layer> layers) {
    Map<String, Integer> used = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (Layer layer : layers) {
      String base = KerasContext.toSnakeCase(layer.className());
      Integer n = used.get(base);
      if (n == null) {
        used.put(base, 0);
        names.add(base);
      } else {
        used.put(base, n + 1);
        names.add(base + "_" + (n + 1));
      }
    }
    return names;
  }

  // ================================================================ Keras 3 reading

  /** Returns whether {@code root} looks like a Keras 3 weights file. */
  static boolean isKeras3(Path file, Group root) throws KerasFileException {
    return SavingLibLayout.of(file, root).hasLayerContainer() && !Hdf5.hasAttribute(file, root, "layer_names")
        && !Hdf5.hasAttribute(file, root, "layer_names0");
  }

  /** Loads Keras 3 layout weights into the model (all or nothing). */
  static void readKeras3(Path file, Group root, Model model) throws KerasFileException {
    // Keras 3, tf.keras 2.13-2.15 (_layer_checkpoint_dependencies) and Windows (layers\dense) layouts.
    SavingLibLayout layout = SavingLibLayout.of(file, root);
    if (!layout.hasLayerContainer()) {
      throw new KerasFileException(file, "no 'layers' group; this is not a Keras 3 weights file.");
    }
    Map<Weight, float[]> values = new IdentityHashMap<>();
    readKeras3Layers(file, layout, "", model.layers(), values);
    values.forEach(Weight::assign);
  }

  /**
   * Reads the layers saved under {@code owner} ({@code ""} for the model; a nested model's path otherwise):
   * {@code <owner>/layers/<name>/vars} (or tf.keras 2.13's {@code _layer_checkpoint_dependencies}), a nested
   * model recursively under its own path.
   */
  private static void readKeras3Layers(
      Path file, SavingLibLayout layout, String owner, List<Layer> layers, Map<Weight, float[]> values)
      throws KerasFileException {
    List<String> paths = layout.layerPaths(owner, layers);
    List<String> expected = keras3Names(layers);
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      boolean found = paths.get(i) != null;
      String path = found ? paths.get(i) : (owner.isEmpty() ? "" : owner + "/") + "layers/" + expected.get(i);
      if (layer instanceof Model nested) {
        if (!found) {
          if (!nested.weights().isEmpty()) {
            throw new KerasFileException(file, "nested model '" + layer.name() + "' has weights, but there is no '"
                + path + "' group.");
          }
          continue;
        }
        readKeras3Layers(file, layout, path, nested.layers(), values);
        continue;
      }
      if (layer instanceof io.github.keras4j.layers.NestedWeights nestedWeights) {
        for (Map.Entry<String, List<Weight>> e : nestedWeights.keras3VariableGroups().entrySet()) {
          String sub = path + "/" + e.getKey();
          readVars(file, found ? layout.vars(sub) : null, sub + "/vars", layer, e.getValue(), values);
        }
        continue;
      }
      readVars(file, found ? layout.vars(path) : null, path + "/vars", layer, kerasOrder(layer), values);
    }
  }

  /** Reads one {@code vars} group into {@code weights} (by index). */
  private static void readVars(Path file, Group vars, String path, Layer layer, List<Weight> weights,
      Map<Weight, float[]> values) throws KerasFileException {
    int saved = vars == null ? 0 : countVars(file, vars);
    if (saved != weights.size()) {
      throw new KerasFileException(file, "layer '" + layer.name() + "' expects " + weights.size()
          + " variables, but '" + path + "' holds " + saved + ".");
    }
    for (int j = 0; j < weights.size(); j++) {
      Weight w = weights.get(j);
      Dataset ds = Hdf5.dataset(file, vars, Integer.toString(j));
      values.put(w, Hdf5.readFloats(file, ds, w.shape(),
          "variable " + j + " ('" + w.name() + "') of layer '" + layer.name() + "' at '" + path + "'"));
    }
  }

  /** Counts the datasets {@code 0}, {@code 1}, … of a {@code vars} group. */
  static int countVars(Path file, Group vars) throws KerasFileException {
    List<String> names = Hdf5.childNames(file, vars);
    int n = 0;
    while (names.contains(Integer.toString(n))) {
      n++;
    }
    if (n != names.size()) {
      throw new KerasFileException(file, vars.getPath() + " holds unexpected members " + names
          + "; expected datasets named 0 to " + (names.size() - 1) + ".");
    }
    return n;
  }
}
