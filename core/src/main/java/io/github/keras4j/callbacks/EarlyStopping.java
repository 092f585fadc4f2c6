package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Stops training when the monitored value has stopped improving, as Keras's {@code EarlyStopping} (tf.keras 2.4
 * semantics): after each epoch, a value better than the best by more than {@code minDelta} resets the wait;
 * otherwise the wait grows, and when it reaches {@code patience} training stops after that epoch. With
 * {@code restoreBestWeights}, the model gets back the weights of its best epoch when training stops early.
 *
 * <pre>{@code
 * EarlyStopping stop = new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true);
 * model().fit(x, y, new FitOptions().validationSplit(0.1).epochs(100).callbacks(stop));
 * }</pre>
 *
 * <p>Defaults as Keras: monitor {@code val_loss}, minDelta 0, patience 0, mode {@code auto}, no baseline, no
 * restore, silent (with {@code verbose(1)}, it prints when it stops and when it restores weights).
 */
public final class EarlyStopping extends MonitorCallback<EarlyStopping> {
  private double minDelta;
  private int patience;
  private Double baseline;
  private boolean restoreBestWeights;
  private boolean greater;
  private double best;
  private int wait;
  private int stoppedEpoch;
  private List<FloatNdArray> bestWeights;

  /** Creates the callback with Keras's defaults. */
  public EarlyStopping() {}

  /** Sets the smallest change that counts as an improvement (default 0; the sign is ignored). */
  public EarlyStopping minDelta(double minDelta) {
    if (!Double.isFinite(minDelta)) {
      throw new IllegalArgumentException("EarlyStopping: min_delta must be finite, but got " + minDelta + ".");
    }
    this.minDelta = Math.abs(minDelta);
    return this;
  }

  /** Sets how many epochs without improvement to allow before stopping (default 0). */
  public EarlyStopping patience(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, but got patience=" + patience + ".");
    }
    this.patience = patience;
    return this;
  }

  /** Sets a value the monitored quantity must beat for the wait to reset (default none). */
  public EarlyStopping baseline(double baseline) {
    this.baseline = baseline;
    return this;
  }

  /** Restores the best epoch's weights when training stops early (default false). */
  public EarlyStopping restoreBestWeights(boolean restore) {
    this.restoreBestWeights = restore;
    return this;
  }

  /** Returns the epoch (zero-based) after which training stopped, or 0 if it did not stop early. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** Returns the best monitored value seen. */
  public double best() {
    return best;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    greater = greaterIsBetter();
    wait = 0;
    stoppedEpoch = 0;
    bestWeights = null;
    best = baseline != null ? baseline : worst(greater);
  }

  private boolean isImprovement(double current, double reference) {
    return greater ? current - minDelta > reference : current + minDelta < reference;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = logs.get(monitored());
    if (current == null) {
      org.slf4j.LoggerFactory.getLogger(EarlyStopping.class).warn(
          "Early stopping conditioned on metric `" + monitored() + "` which is not available. Available metrics are: "
              + String.join(",", logs.keySet()));
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model().getWeights(); // restore the first epoch's weights if nothing ever improves
    }
    wait++;
    if (isImprovement(current, best)) {
      best = current;
      if (restoreBestWeights) {
        bestWeights = model().getWeights();
      }
      if (baseline == null || isImprovement(current, baseline)) {
        wait = 0;
      }
    }
    if (wait >= patience) {
      stoppedEpoch = epoch;
      model().stopTraining(true);
      if (restoreBestWeights && bestWeights != null) {
        if (verbosity() > 0) {
          out().println("Restoring model weights from the end of the best epoch.");
        }
        model().setWeights(bestWeights);
      }
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (stoppedEpoch > 0 && verbosity() > 0) {
      out().printf(Locale.ROOT, "Epoch %05d: early stopping%n", stoppedEpoch + 1);
    }
  }
}
