package io.github.keras4j.saving;

import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Restores an optimizer's state (its {@code iterations} counter and slots) from every layout Keras has written:
 *
 * <ul>
 *   <li>{@code optimizer_weights/Adam/dense/kernel/m:0} + {@code Adam/iter:0} (tf.keras 2.3–2.10);
 *   <li>{@code optimizer_weights/Adam/m/dense/kernel:0} (Keras 2.11–2.15);
 *   <li>{@code training/Adam/Variable_N:0} + {@code Adam/iterations:0} (Keras 2.1–2.2: by order, blocks per slot);
 *   <li>{@code optimizer_weights/sequential_dense_kernel_momentum} (Keras 3 legacy {@code .h5});
 *   <li>{@code optimizer/vars/N} (Keras 3 {@code .keras} and {@code .weights.h5}: by order).
 * </ul>
 *
 * Entries are matched by name when the names say which weight and slot they hold, else by order with every
 * shape checked. A layout that matches neither way leaves the optimizer fresh and logs a warning.
 */
final class OptimizerState {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OptimizerState.class);

  private OptimizerState() {}

  /** One saved optimizer variable. */
  record Entry(String name, long[] shape, Dataset dataset) {}

  /**
   * Returns the optimizer's variables in Keras 3's order after {@code iteration} and {@code learning_rate}: the
   * moving averages of {@code use_ema} (one per trainable weight), its other scalars (Nadam's {@code u_product}), then the slots — per weight for the optimizers whose {@code build}
   * adds them weight by weight (Adam, AdamW, Adamax, Nadam, Adadelta, Ftrl; Adam's {@code velocity_hat}s after),
   * slot kind by slot kind for RMSprop.
   */
  static List<Weight> keras3Order(Optimizer opt, List<Weight> trainable) {
    List<List<Weight>> slots = new ArrayList<>();
    for (Weight w : trainable) {
      slots.add(OptimizerInternals.slotsFor(opt, w));
    }
    int k = slots.isEmpty() ? 0 : slots.get(0).size();
    // Keras 3's base build() adds each variable's EMA "average" before the optimizer's own variables.
    List<Weight> out = new ArrayList<>();
    for (Weight w : trainable) {
      if (opt.averageFor(w) != null) {
        out.add(opt.averageFor(w));
      }
    }
    out.addAll(OptimizerInternals.globalVariables(opt));
    // The first perWeight slot kinds go weight by weight, the rest slot kind by slot kind: RMSprop has all its
    // slots kind by kind; Adam.build adds momentum and velocity per variable, then each velocity_hat (amsgrad).
    int perWeight = opt.name().equals("RMSprop") ? 0
        : opt instanceof io.github.keras4j.optimizers.Adam ? Math.min(2, k) : k;
    for (List<Weight> s : slots) {
      out.addAll(s.subList(0, perWeight));
    }
    for (int j = perWeight; j < k; j++) {
      for (List<Weight> s : slots) {
        out.add(s.get(j));
      }
    }
    return out;
  }

  /** Restores from a legacy {@code optimizer_weights} group (names in its {@code weight_names}). */
  static void restoreLegacy(Path file, Group group, Model model) throws KerasFileException {
    List<String> names = Hdf5.stringListAttribute(file, group, "weight_names");
    if (names == null) {
      warn(file, "'optimizer_weights' has no 'weight_names' attribute");
      return;
    }
    List<Entry> entries = new ArrayList<>();
    for (String name : names) {
      Dataset ds = Hdf5.dataset(file, group, name);
      if (ds == null) {
        throw new KerasFileException(file, "optimizer_weights lists '" + name + "', but there is no such dataset.");
      }
      entries.add(new Entry(name, Hdf5.shape(file, ds), ds));
    }
    restore(file, entries, model, false);
  }

  /** Restores from Keras 3's {@code optimizer/vars} group. */
  static void restoreKeras3(Path file, Group vars, Model model) throws KerasFileException {
    int n = WeightLayouts.countVars(file, vars);
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Dataset ds = Hdf5.dataset(file, vars, Integer.toString(i));
      entries.add(new Entry(null, Hdf5.shape(file, ds), ds));
    }
    restore(file, entries, model, true);
  }

  private static void restore(Path file, List<Entry> entries, Model model, boolean keras3)
      throws KerasFileException {
    Optimizer opt = model.optimizer();
    if (opt == null) {
      LOG.warn(file + ": the model is not compiled, so its saved optimizer state is not loaded.");
      return;
    }
    if (entries.isEmpty()) {
      return;
    }
    List<Weight> trainable = model.trainableWeights();
    List<List<Weight>> slots = new ArrayList<>();
    for (Weight w : trainable) {
      List<Weight> state = new ArrayList<>(OptimizerInternals.slotsFor(opt, w));
      if (opt.averageFor(w) != null) {
        state.add(opt.averageFor(w)); // use_ema's "average", named like a slot (dense_kernel_average)
      }
      slots.add(state);
    }
    int k = slots.isEmpty() ? 0 : slots.get(0).size();
    Entry iteration = null;
    Entry learningRate = null;
    Map<Weight, Entry> mapping = null;

    // 1. By name.
    boolean named = entries.stream().allMatch(e -> e.name() != null);
    if (named) {
      for (Entry e : entries) {
        if (isIterationName(e.name()) && e.shape().length == 0) {
          iteration = e;
        }
      }
      mapping = byName(opt, entries, trainable, slots);
      if (mapping != null) {
        for (Weight g : OptimizerInternals.globalVariables(opt)) {
          for (Entry e : entries) {
            if (base(e.name()).equals(g.name()) && e.shape().length == 0) {
              mapping.put(g, e);
            }
          }
        }
      }
    }
    // 2. By order.
    if (mapping == null) {
      List<Entry> rest = new ArrayList<>(entries);
      if (!rest.isEmpty() && rest.get(0).shape().length == 0) {
        iteration = rest.remove(0);
      }
      if (!rest.isEmpty() && rest.get(0).shape().length == 0
          && (keras3 || (rest.get(0).name() != null && base(rest.get(0).name()).equals("learning_rate")))) {
        learningRate = rest.remove(0); // Keras 3's learning_rate variable
      }
      mapping = byOrder(opt, rest, trainable, slots, k);
    }
    if (mapping == null) {
      warn(file, "the saved optimizer state (" + entries.size() + " variables: "
          + entries.stream().limit(6).map(e -> (e.name() == null ? "" : e.name()) + Hdf5.shapeString(e.shape()))
              .toList()
          + (entries.size() > 6 ? "…" : "") + ") does not match " + opt.name() + " with " + k
          + " slots for the model's " + trainable.size() + " trainable weights");
      return;
    }
    Map<Weight, float[]> values = new IdentityHashMap<>();
    for (Map.Entry<Weight, Entry> e : mapping.entrySet()) {
      values.put(e.getKey(), Hdf5.readFloats(file, e.getValue().dataset(), e.getKey().shape(),
          "optimizer variable '" + e.getKey().path() + "'"));
    }
    float iterations = 0;
    if (iteration != null) {
      float[] it = Hdf5.readFloats(file, iteration.dataset(), new long[0], "optimizer iterations");
      iterations = it[0];
      if (!(iterations >= 0) || Float.isInfinite(iterations)) {
        throw new KerasFileException(file, "the optimizer's iteration count is " + iterations + ".");
      }
    }
    values.forEach(Weight::assign);
    OptimizerInternals.iterations(opt).assign(new float[] {iterations});
    if (learningRate != null && opt.learningRateSchedule() == null) {
      // A rate changed during training (ReduceLROnPlateau, LearningRateScheduler) is restored; the config's
      // rate stays when the saved float32 is just its rounding.
      float lr = Hdf5.readFloats(file, learningRate.dataset(), new long[0], "optimizer learning_rate")[0];
      if (lr > 0 && Float.isFinite(lr) && lr != (float) opt.learningRate()) {
        opt.learningRate(lr);
      }
    }
  }

  private static boolean isIterationName(String name) {
    String b = base(name);
    return b.equals("iter") || b.equals("iterations") || b.equals("iteration");
  }

  /** The last path segment without {@code :0}. */
  private static String base(String name) {
    String n = strip(name);
    return n.substring(n.lastIndexOf('/') + 1);
  }

  private static String strip(String name) {
    int colon = name.lastIndexOf(':');
    return colon > 0 && name.substring(colon + 1).chars().allMatch(Character::isDigit) ? name.substring(0, colon)
        : name;
  }

  /** The names a slot has had across Keras versions. */
  private static List<String> aliases(String optimizer, String slot) {
    String opt = optimizer.toLowerCase(Locale.ROOT);
    return switch (opt + "/" + slot) {
      case "adam/m" -> List.of("m", "momentum");
      case "adam/v" -> List.of("v", "velocity");
      case "adam/vhat" -> List.of("vhat", "velocity_hat");
      case "sgd/momentum" -> List.of("momentum", "m");
      case "rmsprop/rms" -> List.of("rms", "velocity");
      case "rmsprop/mg" -> List.of("mg", "average_gradient");
      case "adamw/m", "nadam/m", "lion/m" -> List.of("m", "momentum");
      case "adamw/v", "nadam/v" -> List.of("v", "velocity");
      case "adamw/vhat" -> List.of("vhat", "velocity_hat");
      case "adamax/m" -> List.of("m", "momentum");
      case "adamax/v" -> List.of("v", "norm", "u");
      case "adadelta/accum_grad" -> List.of("accum_grad", "accumulated_grad");
      case "adadelta/accum_var" -> List.of("accum_var", "accumulated_delta_var");
      default -> List.of(slot);
    };
  }

  private static Map<Weight, Entry> byName(
      Optimizer opt, List<Entry> entries, List<Weight> trainable, List<List<Weight>> slots) {
    Map<Weight, Entry> mapping = new IdentityHashMap<>();
    Map<Entry, Weight> used = new IdentityHashMap<>();
    for (int i = 0; i < trainable.size(); i++) {
      String path = trainable.get(i).path();
      String flat = path.replace('/', '_');
      for (Weight slot : slots.get(i)) {
        Entry match = null;
        for (Entry e : entries) {
          String n = strip(e.name());
          boolean hit = false;
          for (String a : aliases(opt.name(), slot.name())) {
            hit |= n.equals(path + "/" + a) || n.endsWith("/" + path + "/" + a)
                || n.equals(a + "/" + path) || n.endsWith("/" + a + "/" + path)
                || n.equals(flat + "_" + a) || n.endsWith("_" + flat + "_" + a);
          }
          if (hit) {
            if (match != null) {
              return null; // ambiguous
            }
            match = e;
          }
        }
        if (match == null || used.put(match, slot) != null || !Arrays.equals(match.shape(), slot.shape())) {
          return null;
        }
        mapping.put(slot, match);
      }
    }
    return mapping;
  }

  private static Map<Weight, Entry> byOrder(
      Optimizer opt, List<Entry> rest, List<Weight> trainable, List<List<Weight>> slots, int k) {
    int n = trainable.size();
    List<List<Weight>> candidates = new ArrayList<>();
    candidates.add(keras3Order(opt, trainable));
    List<Weight> blocked = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      for (List<Weight> s : slots) {
        blocked.add(s.get(j));
      }
    }
    candidates.add(blocked);
    List<Weight> interleaved = new ArrayList<>();
    for (List<Weight> s : slots) {
      interleaved.addAll(s);
    }
    candidates.add(interleaved);
    for (List<Weight> order : candidates) {
      if (matches(order, rest, rest.size())) {
        return zip(order, rest);
      }
    }
    // Keras 2.1–2.2 keep extra per-weight blocks (Adam's unused vhat of shape (1,), SGD's zero momentum).
    if (n > 0 && rest.size() > k * n && rest.size() % n == 0 && matches(blocked, rest, k * n)) {
      return zip(blocked, rest);
    }
    return null;
  }

  private static boolean matches(List<Weight> order, List<Entry> entries, int count) {
    if (order.size() != count || entries.size() < count) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (!Arrays.equals(order.get(i).shape(), entries.get(i).shape())) {
        return false;
      }
    }
    return true;
  }

  private static Map<Weight, Entry> zip(List<Weight> order, List<Entry> entries) {
    Map<Weight, Entry> mapping = new IdentityHashMap<>();
    for (int i = 0; i < order.size(); i++) {
      mapping.put(order.get(i), entries.get(i));
    }
    return mapping;
  }

  private static void warn(Path file, String what) {
    LOG.warn(file + ": " + what + "; the model is loaded without optimizer state (training restarts the optimizer).");
  }
}
