package io.github.keras4j.saving;

import io.github.keras4j.losses.Loss;
import io.github.keras4j.losses.Losses;
import io.github.keras4j.metrics.Metrics;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.Adadelta;
import io.github.keras4j.optimizers.Adagrad;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.AdamW;
import io.github.keras4j.optimizers.Adamax;
import io.github.keras4j.optimizers.Ftrl;
import io.github.keras4j.optimizers.Lion;
import io.github.keras4j.optimizers.Nadam;
import io.github.keras4j.optimizers.Optimizers;
import io.github.keras4j.optimizers.schedules.LearningRateSchedule;
import io.github.keras4j.optimizers.schedules.Schedules;
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
 * optimizer, a legacy {@code decay}) is reported as a warning, never silently dropped.
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
    LearningRateSchedule schedule = model.optimizer().learningRateSchedule();
    optimizerConfig.put("learning_rate",
        schedule == null ? k2.get("learning_rate") : Schedules.serialize(schedule, true));
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
    out.put("steps_per_execution", model.stepsPerExecution());
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
    if (loss.hasDefaultConfig()) {
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
      if (training.get("steps_per_execution") instanceof Number n && n.intValue() >= 1) {
        model.stepsPerExecution(n.intValue());
      }
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
    LearningRateSchedule schedule = null;
    if (lrValue instanceof Map<?, ?> lrMap && lrMap.get("class_name") instanceof String) {
      schedule = Schedules.deserialize(lrValue);
      lrValue = null;
    }
    if (config.get("decay") instanceof Number d && d.doubleValue() != 0) {
      warn(source + ": the optimizer's legacy decay=" + d + " is not supported and is ignored; use a"
          + " learning-rate schedule (InverseTimeDecay) instead.");
    }
    Optimizer optimizer;
    double b1 = number(config.get("beta_1"), 0.9, "beta_1");
    double eps = number(config.get("epsilon"), 1e-7, "epsilon");
    switch (className.toLowerCase(Locale.ROOT)) {
      case "adam" -> optimizer = new Adam(number(lrValue, 0.001, "learning_rate"), b1,
          number(config.get("beta_2"), 0.999, "beta_2"), eps, bool(config.get("amsgrad"), "amsgrad"));
      case "adamw" -> optimizer = new AdamW(number(lrValue, 0.001, "learning_rate"),
          number(config.get("weight_decay"), 0.004, "weight_decay"), b1,
          number(config.get("beta_2"), 0.999, "beta_2"), eps, bool(config.get("amsgrad"), "amsgrad"));
      case "sgd" -> optimizer = new SGD(number(lrValue, 0.01, "learning_rate"),
          number(config.get("momentum"), 0, "momentum"), bool(config.get("nesterov"), "nesterov"));
      case "rmsprop" -> optimizer = new RMSprop(number(lrValue, 0.001, "learning_rate"),
          number(config.get("rho"), 0.9, "rho"), number(config.get("momentum"), 0, "momentum"), eps,
          bool(config.get("centered"), "centered"));
      case "adamax" -> optimizer = new Adamax(number(lrValue, 0.001, "learning_rate"), b1,
          number(config.get("beta_2"), 0.999, "beta_2"), eps);
      case "nadam" -> optimizer = new Nadam(number(lrValue, 0.001, "learning_rate"), b1,
          number(config.get("beta_2"), 0.999, "beta_2"), eps);
      case "adagrad" -> optimizer = new Adagrad(number(lrValue, 0.001, "learning_rate"),
          number(config.get("initial_accumulator_value"), 0.1, "initial_accumulator_value"), eps);
      case "adadelta" -> optimizer = new Adadelta(number(lrValue, 0.001, "learning_rate"),
          number(config.get("rho"), 0.95, "rho"), eps);
      case "ftrl" -> optimizer = new Ftrl(number(lrValue, 0.001, "learning_rate"),
          number(config.get("learning_rate_power"), -0.5, "learning_rate_power"),
          number(config.get("initial_accumulator_value"), 0.1, "initial_accumulator_value"),
          number(config.get("l1_regularization_strength"), 0, "l1_regularization_strength"),
          number(config.get("l2_regularization_strength"), 0, "l2_regularization_strength"),
          number(config.get("l2_shrinkage_regularization_strength"), 0, "l2_shrinkage_regularization_strength"),
          number(config.get("beta"), 0, "beta"));
      case "lion" -> optimizer = new Lion(number(lrValue, 0.001, "learning_rate"), b1,
          number(config.get("beta_2"), 0.99, "beta_2"));
      default -> {
        warn(source + ": optimizer '" + className + "' is not supported (Keras4J has " + Optimizers.NAMES
            + "); the model is loaded uncompiled.");
        return null;
      }
    }
    if (schedule != null) {
      optimizer.learningRate(schedule);
    }
    if (config.get("clipnorm") != null) {
      optimizer.clipnorm(number(config.get("clipnorm"), 0, "clipnorm"));
    }
    if (config.get("global_clipnorm") != null) {
      optimizer.globalClipnorm(number(config.get("global_clipnorm"), 0, "global_clipnorm"));
    }
    if (config.get("clipvalue") != null) {
      optimizer.clipvalue(number(config.get("clipvalue"), 0, "clipvalue"));
    }
    if (bool(config.get("use_ema"), "use_ema")) {
      optimizer.useEma(true);
      optimizer.emaMomentum(number(config.get("ema_momentum"), 0.99, "ema_momentum"));
      Object frequency = config.get("ema_overwrite_frequency");
      if (frequency != null) {
        double f = number(frequency, 0, "ema_overwrite_frequency");
        if (f != Math.rint(f)) {
          throw new IllegalArgumentException("optimizer ema_overwrite_frequency must be an integer >= 1 or null,"
              + " but got " + ModelConfigs.describe(frequency));
        }
        optimizer.emaOverwriteFrequency((int) f);
      }
    }
    if (config.get("weight_decay") != null && !(optimizer instanceof AdamW)) {
      double wd = number(config.get("weight_decay"), 0, "weight_decay");
      if (wd != 0) {
        optimizer.weightDecay(wd);
      }
    }
    return optimizer;
  }

  private static Loss loss(Object value, String source) {
    if (value instanceof String s) {
      return Losses.get(s);
    }
    if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
      Object inner = m.get("config");
      return Losses.fromConfig(cls, inner instanceof Map<?, ?> c ? ModelConfigs.cast(c) : Map.of());
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
