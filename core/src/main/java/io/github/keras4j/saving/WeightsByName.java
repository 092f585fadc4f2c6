package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Loads legacy Keras 2 HDF5 weights into a model by layer name, also from a model nested inside the file, as
 * Keras's {@code load_weights(by_name=True)} does for the top level.
 *
 * <p>Two group layouts are read:
 *
 * <ul>
 *   <li>a group with a {@code layer_names} attribute (a {@code save_weights} file, or {@code model_weights} of a
 *       full model): one subgroup per layer, each with its own {@code weight_names};
 *   <li>the group of a nested model inside a Keras 2 file ({@code model_weights/sequential_1}): one
 *       {@code weight_names} list for the whole nested model ({@code Conv1/kernel:0}, {@code bn_Conv1/gamma:0},
 *       …; trainable first, then non-trainable, depth first), the datasets under {@code <layer>/<var>:0}.
 * </ul>
 *
 * <p>Each saved layer goes into the model's layer of the same name (after an optional renaming, e.g. tf.keras's
 * {@code conv1/conv} to {@code conv1_conv}); within a layer, weights are matched by variable name
 * ({@code kernel}, {@code gamma}, {@code moving_mean}), falling back to Keras's order (trainable first). All
 * values are read and checked before any is assigned: a shape mismatch leaves the model untouched.
 *
 * <pre>{@code
 * Model base = MobileNetV2.create(new MobileNetV2.Options().alpha(0.35).includeTop(false).weights((String) null));
 * WeightsByName.load(base, Path.of("keras_model.h5"), "model_weights/sequential_1", null);
 * }</pre>
 */
public final class WeightsByName {
  private WeightsByName() {}

  /**
   * Loads weights by layer name from a legacy HDF5 file.
   *
   * @param model the model receiving the weights (built)
   * @param file a Keras 2 legacy {@code .h5} (weights-only or full model)
   * @param group the group to read, relative to the file's root (e.g. {@code model_weights/sequential_1}), or
   *     {@code null} for the file's own layers (the root when it has {@code layer_names}, else
   *     {@code model_weights})
   * @param rename maps a saved layer name to the model's layer name, or {@code null} for the identity
   * @return the number of model layers that received weights
   * @throws KerasFileException if the file or group is not a Keras weights layout, or a matched layer's weights
   *     do not fit (counts, names or shapes; the message names the layer)
   */
  public static int load(Model model, Path file, String group, UnaryOperator<String> rename) throws IOException {
    requireNonNull(model, "model");
    requireNonNull(file, "file");
    checkReadable(file);
    UnaryOperator<String> map = rename == null ? UnaryOperator.identity() : rename;
    try (HdfFile h = Hdf5.open(file)) {
      Group g = resolve(file, h, group);
      Map<String, List<SavedWeight>> saved = savedLayers(file, g);
      return assign(file, model, saved, map);
    } catch (RuntimeException e) {
      throw new KerasFileException(file, "cannot load weights by name: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the paths (relative to the root) of the groups in a legacy HDF5 file that hold a nested model's
   * weights (a {@code weight_names} attribute whose entries lie below the group in subgroups), depth first, e.g.
   * {@code [model_weights/sequential_1, model_weights/sequential_3]} for a Teachable Machine export.
   *
   * @throws KerasFileException if the file is not HDF5
   */
  public static List<String> nestedModelGroups(Path file) throws IOException {
    requireNonNull(file, "file");
    checkReadable(file);
    try (HdfFile h = Hdf5.open(file)) {
      Group top = Hdf5.hasAttribute(file, h, "layer_names") ? h : Hdf5.group(file, h, "model_weights");
      List<String> out = new ArrayList<>();
      if (top == null) {
        return out;
      }
      String prefix = top == h ? "" : "model_weights/";
      List<String> layerNames = Hdf5.stringListAttribute(file, top, "layer_names");
      if (layerNames == null) {
        return out;
      }
      for (String name : layerNames) {
        Group lg = Hdf5.group(file, top, name);
        if (lg == null) {
          continue;
        }
        List<String> weightNames = Hdf5.stringListAttribute(file, lg, "weight_names");
        if (weightNames == null) {
          continue;
        }
        for (String w : weightNames) {
          // A plain layer's weights are "<layer>/<var>:0"; a nested model's are "<inner layer>/<var>:0" with an
          // inner layer name different from the group's own name.
          int slash = w.lastIndexOf('/');
          if (slash > 0 && !w.substring(0, slash).equals(name)) {
            out.add(prefix + name);
            break;
          }
        }
      }
      return out;
    } catch (RuntimeException e) {
      throw new KerasFileException(file, "cannot list the nested models: " + e.getMessage(), e);
    }
  }

  private static Group resolve(Path file, HdfFile h, String group) throws KerasFileException {
    if (group == null || group.isEmpty() || group.equals("/")) {
      if (Hdf5.hasAttribute(file, h, "layer_names") || Hdf5.hasAttribute(file, h, "layer_names0")) {
        return h;
      }
      Group g = Hdf5.group(file, h, "model_weights");
      if (g == null) {
        throw new KerasFileException(file, "not a legacy Keras weights file (no 'layer_names' and no"
            + " 'model_weights'); loading by name needs the HDF5 layout of Keras 2.");
      }
      return g;
    }
    Group g = Hdf5.group(file, h, group);
    if (g == null && !group.startsWith("model_weights/")) {
      g = Hdf5.group(file, h, "model_weights/" + group);
    }
    if (g == null) {
      throw new KerasFileException(file, "no group '" + group + "' in the file; nested models here: "
          + nestedGroupsQuietly(file) + ".");
    }
    return g;
  }

  private static String nestedGroupsQuietly(Path file) {
    try {
      return nestedModelGroups(file).toString();
    } catch (IOException | RuntimeException e) {
      return "(unreadable)";
    }
  }

  /** A saved weight: its variable name ({@code kernel}) and dataset. */
  private record SavedWeight(String variable, Dataset dataset) {}

  /** Reads the saved layers of a group, in the file's order, each with its weights in the file's order. */
  private static Map<String, List<SavedWeight>> savedLayers(Path file, Group g) throws KerasFileException {
    Map<String, List<SavedWeight>> out = new LinkedHashMap<>();
    List<String> layerNames = Hdf5.stringListAttribute(file, g, "layer_names");
    if (layerNames != null) {
      for (String name : layerNames) {
        Group lg = Hdf5.group(file, g, name);
        if (lg == null) {
          throw new KerasFileException(file, "layer_names lists '" + name + "', but there is no such group.");
        }
        List<String> weightNames = Hdf5.stringListAttribute(file, lg, "weight_names");
        List<SavedWeight> weights = new ArrayList<>();
        for (String w : weightNames == null ? List.<String>of() : weightNames) {
          weights.add(new SavedWeight(variable(w), dataset(file, lg, w, name)));
        }
        out.put(name, weights);
      }
      return out;
    }
    List<String> weightNames = Hdf5.stringListAttribute(file, g, "weight_names");
    if (weightNames == null) {
      throw new KerasFileException(file, "'" + g.getPath() + "' has neither 'layer_names' nor 'weight_names'; it"
          + " is not a Keras weights group.");
    }
    for (String w : weightNames) {
      int slash = w.lastIndexOf('/');
      if (slash <= 0) {
        throw new KerasFileException(file, "weight '" + w + "' in " + g.getPath() + " names no layer"
            + " ('<layer>/<variable>:0' expected).");
      }
      String layer = w.substring(0, slash);
      out.computeIfAbsent(layer, k -> new ArrayList<>()).add(new SavedWeight(variable(w), dataset(file, g, w,
          layer)));
    }
    return out;
  }

  private static Dataset dataset(Path file, Group g, String path, String layer) throws KerasFileException {
    Dataset ds = Hdf5.dataset(file, g, path);
    if (ds == null) {
      throw new KerasFileException(file, "layer '" + layer + "' lists weight '" + path + "', but there is no such"
          + " dataset in " + g.getPath() + ".");
    }
    return ds;
  }

  /** {@code conv1/conv/kernel:0} → {@code kernel}. */
  private static String variable(String weightName) {
    String v = weightName.substring(weightName.lastIndexOf('/') + 1);
    int colon = v.lastIndexOf(':');
    return colon > 0 ? v.substring(0, colon) : v;
  }

  private static int assign(Path file, Model model, Map<String, List<SavedWeight>> saved,
      UnaryOperator<String> rename) throws KerasFileException {
    Map<String, Layer> byName = new HashMap<>();
    for (Layer layer : model.layers()) {
      byName.put(layer.name(), layer);
    }
    Map<Weight, float[]> values = new IdentityHashMap<>();
    int loaded = 0;
    for (Map.Entry<String, List<SavedWeight>> e : saved.entrySet()) {
      String savedName = e.getKey();
      Layer layer = byName.get(rename.apply(savedName));
      if (layer == null || e.getValue().isEmpty() && layer.weights().isEmpty()) {
        continue;
      }
      List<Weight> weights = WeightLayouts.kerasOrder(layer);
      List<SavedWeight> file0 = e.getValue();
      if (file0.size() != weights.size()) {
        throw new KerasFileException(file, "layer '" + layer.name() + "' expects " + weights.size()
            + " weights, but the file holds " + file0.size() + " for '" + savedName + "'.");
      }
      List<SavedWeight> ordered = byVariable(file0, weights);
      for (int j = 0; j < weights.size(); j++) {
        Weight w = weights.get(j);
        values.put(w, Hdf5.readFloats(file, ordered.get(j).dataset(), w.shape(),
            "weight '" + w.name() + "' of layer '" + layer.name() + "'"));
      }
      loaded++;
    }
    values.forEach(Weight::assign);
    return loaded;
  }

  /** The saved weights in the order of {@code weights}, matched by variable name when all names match. */
  private static List<SavedWeight> byVariable(List<SavedWeight> saved, List<Weight> weights) {
    Map<String, SavedWeight> byVar = new HashMap<>();
    for (SavedWeight s : saved) {
      byVar.put(s.variable(), s);
    }
    List<SavedWeight> out = new ArrayList<>(weights.size());
    for (Weight w : weights) {
      SavedWeight s = byVar.get(w.name());
      if (s == null) {
        return saved;
      }
      out.add(s);
    }
    return out;
  }

  private static void checkReadable(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such file");
    }
    if (!Files.isRegularFile(path)) {
      throw new KerasFileException(path, "not a regular file.");
    }
    if (Files.size(path) == 0) {
      throw new KerasFileException(path, "the file is empty.");
    }
  }
}
