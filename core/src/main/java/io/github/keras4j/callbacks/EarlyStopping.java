package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.Model;
import java.io.PrintStream;
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
 * model.fit(x, y, new FitOptions().validationSplit(0.1).epochs(100).callbacks(stop));
 * }</pre>
 *
 * <p>Defaults as Keras: monitor {@code val_loss}, minDelta 0, patience 0, mode {@code auto}, no baseline, no
 * restore, silent.
 */
public final class EarlyStopping implements Callback {
  private String monitor = "val_loss";
  private double minDelta;
  private int patience;
  private String mode = "auto";
  private Double baseline;
  private boolean restoreBestWeights;
  private int verbose;
  private PrintStream out = System.out;
  private Model model;
  private boolean greater;
  private double best;
  private int wait;
  private int stoppedEpoch;
  private List<FloatNdArray> bestWeights;

  /** Creates the callback with Keras's defaults. */
  public EarlyStopping() {}

  /** Sets the log value to watch (default {@code val_loss}). */
  public EarlyStopping monitor(String monitor) {
    this.monitor = requireNonNull(monitor, "monitor");
    return this;
  }

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

  /** Sets {@code auto} (default), {@code min} or {@code max}. */
  public EarlyStopping mode(String mode) {
    this.mode = MonitorMode.check(mode, "EarlyStopping");
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

  /** Prints when stopping and restoring when 1 (default 0). */
  public EarlyStopping verbose(int verbose) {
    this.verbose = verbose;
    return this;
  }

  /** Redirects the verbose output (default {@code System.out}). */
  public EarlyStopping output(PrintStream out) {
    this.out = requireNonNull(out, "out");
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
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    greater = MonitorMode.greaterIsBetter(mode, monitor);
    wait = 0;
    stoppedEpoch = 0;
    bestWeights = null;
    best = baseline != null ? baseline : greater ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
  }

  private boolean isImprovement(double current, double reference) {
    return greater ? current - minDelta > reference : current + minDelta < reference;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Double current = logs.get(monitor);
    if (current == null) {
      org.slf4j.LoggerFactory.getLogger(EarlyStopping.class).warn(
          "Early stopping conditioned on metric `" + monitor + "` which is not available. Available metrics are: "
              + String.join(",", logs.keySet()));
      return;
    }
    if (restoreBestWeights && bestWeights == null) {
      bestWeights = model.getWeights(); // restore the first epoch's weights if nothing ever improves
    }
    wait++;
    if (isImprovement(current, best)) {
      best = current;
      if (restoreBestWeights) {
        bestWeights = model.getWeights();
      }
      if (baseline == null || isImprovement(current, baseline)) {
        wait = 0;
      }
    }
    if (wait >= patience) {
      stoppedEpoch = epoch;
      model.stopTraining(true);
      if (restoreBestWeights && bestWeights != null) {
        if (verbose > 0) {
          out.println("Restoring model weights from the end of the best epoch.");
        }
        model.setWeights(bestWeights);
      }
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (stoppedEpoch > 0 && verbose > 0) {
      out.printf(Locale.ROOT, "Epoch %05d: early stopping%n", stoppedEpoch + 1);
    }
  }
}
