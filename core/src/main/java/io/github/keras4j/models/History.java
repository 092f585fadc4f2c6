package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of a {@code fit} run: per-epoch values of the loss, the metrics and, when validation data was given,
 * their {@code val_} counterparts, as Keras's {@code History.history} dict.
 *
 * <p>Keys appear in the order Keras logs them: {@code loss}, the metrics, {@code val_loss}, the validation metrics.
 *
 * <pre>{@code
 * History history = model.fit(x, y, new FitOptions().epochs(30).validationSplit(0.1));
 * List<Double> valAccuracy = history.get("val_accuracy");
 * }</pre>
 */
public final class History implements ModelCallback {
  private final Map<String, List<Double>> history = new LinkedHashMap<>();
  private final List<Integer> epochs = new ArrayList<>();

  /** Creates an empty history; {@code fit} fills it. */
  public History() {}

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    // Keras keeps appending when fit is called again with the same History; a fresh one is made per fit.
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochs.add(epoch);
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
    }
  }

  /** Returns an unmodifiable view of all series, keyed like Keras ({@code loss}, {@code val_accuracy}, …). */
  public Map<String, List<Double>> history() {
    Map<String, List<Double>> view = new LinkedHashMap<>();
    history.forEach((k, v) -> view.put(k, Collections.unmodifiableList(v)));
    return Collections.unmodifiableMap(view);
  }

  /**
   * Returns the per-epoch values of one series.
   *
   * @throws IllegalArgumentException if the key was never logged; the message lists the keys that were
   */
  public List<Double> get(String key) {
    requireNonNull(key, "key");
    List<Double> values = history.get(key);
    if (values == null) {
      throw new IllegalArgumentException(
          "History: no series named '" + key + "'; available: " + history.keySet() + ".");
    }
    return Collections.unmodifiableList(values);
  }

  /** Returns whether a series was logged under this key. */
  public boolean contains(String key) {
    return history.containsKey(key);
  }

  /** Returns the (zero-based) indices of the epochs that were run, as Keras's {@code History.epoch}. */
  public List<Integer> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  @Override
  public String toString() {
    return "History" + history;
  }
}
