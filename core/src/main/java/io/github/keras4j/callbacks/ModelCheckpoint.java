package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model (or its weights) at the end of every epoch, or only when the monitored value improves, as
 * Keras's {@code ModelCheckpoint}. The file path may hold Python-style placeholders filled from the epoch
 * (counted from 1) and the logs: {@code "weights.{epoch:02d}-{val_loss:.2f}.h5"}. Saves are atomic.
 *
 * <pre>{@code
 * ModelCheckpoint best = new ModelCheckpoint("models/best.h5").monitor("val_accuracy").saveBestOnly(true);
 * model.fit(x, y, new FitOptions().validationSplit(0.1).epochs(30).callbacks(best));
 * }</pre>
 *
 * <p>Defaults as Keras: monitor {@code val_loss}, mode {@code auto} (max for accuracy-like names, else min),
 * save every epoch, whole model, silent (with {@code verbose(1)}, a line per save or skipped save).
 */
public final class ModelCheckpoint extends MonitorCallback<ModelCheckpoint> {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");

  private final String filepath;
  private boolean saveBestOnly;
  private boolean saveWeightsOnly;
  private double best;
  private boolean greater;

  /** Creates the callback for a file path, which may hold placeholders such as {@code {epoch:02d}}. */
  public ModelCheckpoint(String filepath) {
    this.filepath = requireNonNull(filepath, "filepath");
    if (filepath.isEmpty()) {
      throw new IllegalArgumentException("ModelCheckpoint: filepath must not be empty.");
    }
  }

  /** Creates the callback for a fixed file. */
  public ModelCheckpoint(Path filepath) {
    this(requireNonNull(filepath, "filepath").toString());
  }

  /** Saves only when the monitored value is better than every earlier epoch's (default false: every epoch). */
  public ModelCheckpoint saveBestOnly(boolean saveBestOnly) {
    this.saveBestOnly = saveBestOnly;
    return this;
  }

  /** Saves the weights only ({@code saveWeights}) instead of the whole model (default false). */
  public ModelCheckpoint saveWeightsOnly(boolean saveWeightsOnly) {
    this.saveWeightsOnly = saveWeightsOnly;
    return this;
  }

  /** Returns the best monitored value seen so far ({@code ±Infinity} before any). */
  public double best() {
    return best;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    greater = greaterIsBetter();
    best = worst(greater);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Path file = Path.of(format(filepath, epoch, logs));
    if (saveBestOnly) {
      String monitor = monitored();
      Double current = logs.get(monitor);
      if (current == null) {
        org.slf4j.LoggerFactory.getLogger(ModelCheckpoint.class).warn(
            "Can save best model only with " + monitor + " available, skipping. Available: " + logs.keySet());
        return;
      }
      if (greater ? current > best : current < best) {
        if (verbosity() > 0) {
          out().printf(Locale.ROOT, "%nEpoch %05d: %s improved from %s to %s, saving model to %s%n",
              epoch + 1, monitor, fixed5(best), fixed5(current), file);
        }
        best = current;
        save(file);
      } else if (verbosity() > 0) {
        out().printf(Locale.ROOT, "%nEpoch %05d: %s did not improve from %s%n", epoch + 1, monitor, fixed5(best));
      }
    } else {
      if (verbosity() > 0) {
        out().printf(Locale.ROOT, "%nEpoch %05d: saving model to %s%n", epoch + 1, file);
      }
      save(file);
    }
  }

  /** Python's {@code '%0.5f' % v}: {@code inf}, {@code -inf} and {@code nan} spelled as Python does. */
  private static String fixed5(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.5f", v);
  }

  private void save(Path file) {
    try {
      if (saveWeightsOnly) {
        model().saveWeights(file);
      } else {
        model().save(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("ModelCheckpoint: cannot save to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Fills {@code {epoch}} (from 1) and {@code {log_name}} placeholders with Python format specs. */
  static String format(String template, int epoch, Map<String, Double> logs) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String spec = m.group(2);
      String value;
      if (key.equals("epoch")) {
        value = spec == null || spec.isEmpty() ? Integer.toString(epoch + 1)
            : String.format(Locale.ROOT, "%" + spec, spec.endsWith("d") ? (Object) (long) (epoch + 1)
                : (Object) (double) (epoch + 1));
      } else {
        Double v = logs.get(key);
        if (v == null) {
          throw new IllegalArgumentException("ModelCheckpoint: the file path '" + template + "' uses {" + key
              + "}, but the logs have only " + logs.keySet() + ".");
        }
        value = spec == null || spec.isEmpty() ? Double.toString(v)
            : String.format(Locale.ROOT, "%" + spec, spec.endsWith("d") ? (Object) Math.round(v) : (Object) v);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
