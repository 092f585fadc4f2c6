package io.github.keras4j.saving;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Layer;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The groups of a {@code saving_lib} weights file ({@code model.weights.h5} in a {@code .keras} archive, or a
 * {@code *.weights.h5}) in every variant Keras and tf.keras wrote:
 *
 * <ul>
 *   <li>Keras 3: {@code layers/<snake_case class>[_N]/vars/<i>}, N counting the layers of that class in order.
 *   <li>tf.keras 2.13–2.15 ({@code keras/src/saving/saving_lib.py}): {@code _save_state} walks {@code dir(model)},
 *       which meets the dict {@code _layer_checkpoint_dependencies} before {@code layers}; the dict lists each
 *       layer with weights twice ({@code layer_with_weights-k} and {@code layer-i}), its values are named by
 *       snake_case class with a counter that also counts the second, already-saved, entry, so the groups are
 *       {@code _layer_checkpoint_dependencies/dense}, {@code …/dropout}, {@code …/dense_2} (not {@code dense_1}),
 *       and {@code layers} gets no groups because every layer was already visited. Keras 3 reads these files by
 *       retrying a missing {@code layers/…} path under {@code _layer_checkpoint_dependencies}.
 *   <li>Windows: paths were joined with {@code tf.io.gfile.join}/{@code os.path.join}, which use {@code \}, and
 *       h5py splits group paths on {@code /} only, so a nested path became one group literally named
 *       {@code layers\dense} holding {@code vars}.
 * </ul>
 *
 * <p>All three resolve the same way: groups are indexed by their path with {@code \} read as {@code /}; within a
 * container, the k-th layer of a class takes the k-th existing group of that class name ({@code dense},
 * {@code dense_1}, {@code dense_2}, … ordered by the number), which is Keras 3's naming when the numbers are
 * contiguous and tf.keras 2.13's when they skip.
 */
final class SavingLibLayout {
  /** The containers a layer list may be saved under, in the order Keras 3 tries them. */
  static final List<String> CONTAINERS = List.of("layers", "_layer_checkpoint_dependencies");

  private static final int MAX_DEPTH = 64;
  private static final int MAX_GROUPS = 1_000_000;

  private final Path file;
  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new HashMap<>();

  private SavingLibLayout(Path file) {
    this.file = file;
  }

  /** Indexes every group of {@code root} by its normalised path ({@code ""} for the root). */
  static SavingLibLayout of(Path file, Group root) throws KerasFileException {
    SavingLibLayout layout = new SavingLibLayout(file);
    layout.groups.put("", root);
    Hdf5.guard(file, "the groups of the weights file", () -> {
      layout.index(root, "", 0);
      return null;
    });
    return layout;
  }

  private void index(Group group, String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new Hdf5.KerasFileRuntime("the weights file nests groups more than " + MAX_DEPTH + " levels deep.");
    }
    for (Map.Entry<String, Node> e : group.getChildren().entrySet()) {
      if (!(e.getValue() instanceof Group g)) {
        continue;
      }
      String full = path;
      for (String part : e.getKey().replace('\\', '/').split("/")) {
        if (part.isEmpty()) {
          continue;
        }
        String parent = full;
        full = full.isEmpty() ? part : full + "/" + part;
        if (!children.containsKey(full) && !groups.containsKey(full)) {
          children.computeIfAbsent(parent, k -> new ArrayList<>()).add(part);
          children.putIfAbsent(full, new ArrayList<>());
        }
      }
      if (groups.size() >= MAX_GROUPS) {
        throw new Hdf5.KerasFileRuntime("the weights file holds more than " + MAX_GROUPS + " groups.");
      }
      if (groups.putIfAbsent(full, g) == null) {
        index(g, full, depth + 1);
      }
    }
  }

  /** Whether the file holds a {@code saving_lib} layer container at the root. */
  boolean hasLayerContainer() {
    for (String c : CONTAINERS) {
      if (children.containsKey(c)) {
        return true;
      }
    }
    return false;
  }

  /** The group at a normalised path, or {@code null}. */
  Group group(String path) {
    return groups.get(path);
  }

  /** The {@code vars} group of the object saved at {@code path}, or {@code null}. */
  Group vars(String path) {
    return groups.get(path.isEmpty() ? "vars" : path + "/vars");
  }

  /**
   * Returns, for each of {@code layers} (the layers of the model or nested model saved at {@code ownerPath}, in
   * order), the normalised path of its group, or {@code null} where the file holds none (a layer without
   * weights may have no group).
   */
  List<String> layerPaths(String ownerPath, List<Layer> layers) {
    List<String> bases = new ArrayList<>(layers.size());
    for (Layer layer : layers) {
      bases.add(KerasContext.toSnakeCase(layer.className()));
    }
    return paths(ownerPath, bases);
  }

  /** {@link #layerPaths} from the snake_case class names. */
  List<String> paths(String ownerPath, List<String> bases) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>(bases.size());
    Map<String, Map<String, List<String>>> byContainer = new HashMap<>();
    for (String base : bases) {
      int k = seen.merge(base, 1, Integer::sum) - 1;
      String found = null;
      for (String c : CONTAINERS) {
        String container = ownerPath.isEmpty() ? c : ownerPath + "/" + c;
        List<String> names = byContainer
            .computeIfAbsent(container, this::classGroups)
            .getOrDefault(base, List.of());
        if (k < names.size()) {
          found = container + "/" + names.get(k);
          break;
        }
      }
      out.add(found);
    }
    return out;
  }

  /** The member groups of a container by base class name, each list ordered by the numeric suffix. */
  private Map<String, List<String>> classGroups(String container) {
    Map<String, TreeMap<Long, String>> sorted = new HashMap<>();
    for (String name : children.getOrDefault(container, List.of())) {
      String base = name;
      long n = 0;
      int us = name.lastIndexOf('_');
      if (us > 0 && us < name.length() - 1 && name.substring(us + 1).chars().allMatch(Character::isDigit)
          && name.length() - us - 1 <= 9) {
        base = name.substring(0, us);
        n = Long.parseLong(name.substring(us + 1));
      }
      sorted.computeIfAbsent(base, b -> new TreeMap<>()).putIfAbsent(n, name);
      if (n != 0) {
        // A class whose own snake_case name ends in _<digits> is also listed under its full name.
        sorted.computeIfAbsent(name, b -> new TreeMap<>()).putIfAbsent(0L, name);
      }
    }
    Map<String, List<String>> out = new HashMap<>();
    sorted.forEach((base, m) -> out.put(base, new ArrayList<>(m.values())));
    return out;
  }

  /** The file, for messages. */
  Path file() {
    return file;
  }
}
