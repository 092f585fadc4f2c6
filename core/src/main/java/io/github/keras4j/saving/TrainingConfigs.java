package io.github.keras4j.saving;

import io.github.keras4j.losses.BinaryCrossentropy;
import io.github.keras4j.losses.CategoricalCrossentropy;
import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.losses.SparseCategoricalCrossentropy;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.Optimizer;
import io.github.keras4j.optimizers.RMSprop;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compile configuration both ways: Keras 2's {@code training_config} ({@code loss}, {@code metrics},
 * {@code optimizer_config}) and Keras 3's {@code compile_config}. What Keras4J cannot honour (an unknown
 * optimizer, a learning-rate schedule, gradient clipping) is reported as a warning, never silently dropped.
 */
final class TrainingConfigs {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingConfigs.class);

  private TrainingConfigs() {}

  // ================================================================ writing

  /** Returns tf.keras 2.4's {@code training_config}, or {@code null} if the model is not compiled. */
  static Map<String, Object> keras2(Model model) {
    if (!model.isCompiled()) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("loss", lossesConfig(model, false));
    out.put("metrics", new ArrayList<>(model.metricNames()));
    out.put("weighted_metrics", null);
    out.put("loss_weights", null);
    Map<String, Object> optimizer = new LinkedHashMap<>();
    optimizer.put("class_name", model.optimizer().name());
    optimizer.put("config", new LinkedHashMap<>(model.optimizer().getConfig()));
    out.put("optimizer_config", optimizer);
    return out;
  }

  /** Returns Keras 3's {@code compile_config}, or {@code null} if the model is not compiled. */
  static Map<String, Object> keras3(Model model) {
    if (!model.isCompiled()) {
      return null;
    }
    Map<String, Object> optimizerConfig = new LinkedHashMap<>();
    Map<String, Object> k2 = model.optimizer().getConfig();
    optimizerConfig.put("name", model.optimizer().name().toLowerCase(Locale.ROOT));
    optimizerConfig.put("learning_rate", k2.get("learning_rate"));
    for (String key :
        List.of("weight_decay", "clipnorm", "global_clipnorm", "clipvalue")) {
      optimizerConfig.put(key, null);
    }
    optimizerConfig.put("use_ema", false);
    optimizerConfig.put("ema_momentum", 0.99);
    optimizerConfig.put("ema_overwrite_frequency", null);
    optimizerConfig.put("loss_scale_factor", null);
    optimizerConfig.put("gradient_accumulation_steps", null);
    for (Map.Entry<String, Object> e : k2.entrySet()) {
      if (!e.getKey().equals("name") && !e.getKey().equals("learning_rate") && !e.getKey().equals("decay")) {
        optimizerConfig.put(e.getKey(), e.getValue());
      }
    }
    Map<String, Object> optimizer = new LinkedHashMap<>();
    optimizer.put("module", "keras.optimizers");
    optimizer.put("class_name", model.optimizer().name());
    optimizer.put("config", optimizerConfig);
    optimizer.put("registered_name", null);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("optimizer", optimizer);
    out.put("loss", lossesConfig(model, true));
    out.put("loss_weights", null);
    out.put("metrics", new ArrayList<>(model.metricNames()));
    out.put("weighted_metrics", null);
    out.put("run_eagerly", false);
    out.put("steps_per_execution", 1);
    out.put("jit_compile", false);
    return out;
  }

  /** One loss for all outputs as itself; per-output losses as Keras's list. */
  private static Object lossesConfig(Model model, boolean keras3) {
    List<Loss> losses = model.losses();
    if (losses.size() == 1) {
      return lossConfig(losses.get(0), keras3);
    }
    List<Object> out = new ArrayList<>();
    for (Loss l : losses) {
      out.add(lossConfig(l, keras3));
    }
    return out;
  }

  private static Object lossConfig(Loss loss, boolean keras3) {
    Map<String, Object> config = loss.getConfig();
    if (!Boolean.TRUE.equals(config.get("from_logits"))) {
      return loss.name();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (keras3) {
      out.put("module", "keras.losses");
    }
    out.put("class_name", loss.getClass().getSimpleName());
    out.put("config", new LinkedHashMap<>(config));
    if (keras3) {
      out.put("registered_name", null);
    }
    return out;
  }

  // ================================================================ reading

  /**
   * Compiles {@code model} from a Keras 2 {@code training_config} or Keras 3 {@code compile_config}. Returns
   * whether it compiled; when something cannot be honoured, logs a warning naming the file and leaves the model
   * uncompiled.
   */
  static boolean compile(Model model, Map<String, Object> training, String source) {
    try {
      Object optimizerConfig =
          training.containsKey("optimizer_config") ? training.get("optimizer_config") : training.get("optimizer");
      Optimizer optimizer = optimizer(optimizerConfig, source);
      if (optimizer == null) {
        return false;
      }
      List<Loss> losses = new ArrayList<>();
      Object lossValue = training.get("loss");
      if (lossValue instanceof List<?> list && list.size() > 1) {
        for (Object item : list) {
          losses.add(loss(item, source));
        }
      } else {
        losses.add(loss(lossValue, source));
      }
      if (losses.contains(null)) {
        return false;
      }
      List<String> metrics = metrics(training.get("metrics"), source);
      model.compile(optimizer, losses, metrics.toArray(String[]::new));
      return true;
    } catch (IllegalArgumentException e) {
      warn(source + ": cannot restore the compile configuration (" + e.getMessage()
          + "); the model is loaded uncompiled.");
      return false;
    }
  }

  /** Returns the optimizer of a Keras optimizer config, or {@code null} (after a warning) if unsupported. */
  static Optimizer optimizer(Object value, String source) {
    if (value instanceof String s) {
      value = Map.of("class_name", s, "config", Map.of());
    }
    if (!(value instanceof Map<?, ?> m)) {
      warn(source + ": no optimizer in the compile configuration; the model is loaded uncompiled.");
      return null;
    }
    Map<String, Object> map = ModelConfigs.cast(m);
    String className = ModelConfigs.string(map.get("class_name"), "optimizer class_name");
    Map<String, Object> config = map.get("config") == null ? Map.of()
        : ModelConfigs.map(map.get("config"), "optimizer config");
    Object lrValue = config.containsKey("learning_rate") ? config.get("learning_rate") : config.get("lr");
    double lr;
    if (lrValue instanceof Map) {
      warn(source + ": the optimizer uses a learning-rate schedule, which Keras4J does not support; using its"
          + " default learning rate.");
      lrValue = null;
    }
    for (String key : List.of("clipnorm", "clipvalue", "global_clipnorm", "weight_decay")) {
      if (config.get(key) != null) {
        warn(source + ": the optimizer's " + key + "=" + config.get(key) + " is not supported and is ignored.");
      }
    }
    if (config.get("decay") instanceof Number d && d.doubleValue() != 0) {
      warn(source + ": the optimizer's decay=" + d + " is not supported and is ignored.");
    }
    if (Boolean.TRUE.equals(config.get("use_ema"))) {
      warn(source + ": the optimizer's use_ema=True is not supported and is ignored.");
    }
    switch (className.toLowerCase(Locale.ROOT)) {
      case "adam" -> {
        lr = number(lrValue, 0.001, "learning_rate");
        return new Adam(lr, number(config.get("beta_1"), 0.9, "beta_1"), number(config.get("beta_2"), 0.999, "beta_2"),
            number(config.get("epsilon"), 1e-7, "epsilon"), bool(config.get("amsgrad"), "amsgrad"));
      }
      case "sgd" -> {
        lr = number(lrValue, 0.01, "learning_rate");
        return new SGD(lr, number(config.get("momentum"), 0, "momentum"), bool(config.get("nesterov"), "nesterov"));
      }
      case "rmsprop" -> {
        lr = number(lrValue, 0.001, "learning_rate");
        return new RMSprop(lr, number(config.get("rho"), 0.9, "rho"), number(config.get("momentum"), 0, "momentum"),
            number(config.get("epsilon"), 1e-7, "epsilon"), bool(config.get("centered"), "centered"));
      }
      default -> {
        warn(source + ": optimizer '" + className + "' is not supported (Keras4J has Adam, SGD, RMSprop); the"
            + " model is loaded uncompiled.");
        return null;
      }
    }
  }

  private static Loss loss(Object value, String source) {
    if (value instanceof String s) {
      return Losses.get(s);
    }
    if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
      Object inner = m.get("config");
      boolean fromLogits = inner instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("from_logits"));
      return switch (cls) {
        case "SparseCategoricalCrossentropy" -> new SparseCategoricalCrossentropy(fromLogits);
        case "CategoricalCrossentropy" -> new CategoricalCrossentropy(fromLogits);
        case "BinaryCrossentropy" -> new BinaryCrossentropy(fromLogits);
        default -> Losses.get(cls);
      };
    }
    if (value instanceof List<?> l && l.size() == 1) {
      return loss(l.get(0), source);
    }
    warn(source + ": loss " + ModelConfigs.describe(value) + " is not supported (a loss, or a list with one per"
        + " output); the model is loaded uncompiled.");
    return null;
  }

  private static List<String> metrics(Object value, String source) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof List<?> l && l.size() == 1 && l.get(0) instanceof List<?> inner) {
      value = inner; // Keras 2 multi-output form with a single output
    }
    if (!(value instanceof List<?> list)) {
      warn(source + ": metrics " + ModelConfigs.describe(value) + " are not supported and are dropped.");
      return out;
    }
    for (Object m : list) {
      String name = null;
      if (m instanceof String s) {
        name = s;
      } else if (m instanceof Map<?, ?> map) {
        Object inner = map.get("config");
        if (inner instanceof Map<?, ?> c && c.get("name") instanceof String s) {
          name = s;
        } else if (map.get("class_name") instanceof String s) {
          name = s;
        }
      }
      if (name != null && Metrics.NAMES.contains(name)) {
        out.add(name);
      } else {
        warn(source + ": metric " + ModelConfigs.describe(m) + " is not supported and is dropped.");
      }
    }
    return out;
  }

  private static double number(Object value, double fallback, String key) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("optimizer " + key + " must be a number, but got "
        + ModelConfigs.describe(value));
  }

  private static boolean bool(Object value, String key) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException("optimizer " + key + " must be true or false, but got "
        + ModelConfigs.describe(value));
  }

  static void warn(String message) {
    LOG.warn(message);
  }
}
