package io.github.keras4j.callbacks;

import java.util.Map;

/**
 * Multiplies the learning rate by {@code factor} when a monitored quantity has stopped improving for
 * {@code patience} epochs, as Keras's {@code ReduceLROnPlateau}; then waits {@code cooldown} epochs, and never goes
 * below {@code min_lr}. Defaults: monitor {@code val_loss}, factor 0.1, patience 10, mode {@code auto},
 * min_delta 1e-4, cooldown 0, min_lr 0. The epoch's logs get {@code learning_rate}.
 *
 * <pre>{@code
 * new ReduceLROnPlateau().monitor("val_loss").factor(0.2).patience(5).minLr(0.001);
 * }</pre>
 */
public final class ReduceLROnPlateau extends MonitorCallback<ReduceLROnPlateau> {
  private double factor = 0.1;
  private int patience = 10;
  private double minDelta = 1e-4;
  private int cooldown;
  private double minLr;
  private boolean greater;
  private double best;
  private int wait;
  private int cooldownCounter;

  /** Creates the callback with Keras's defaults. */
  public ReduceLROnPlateau() {}

  /**
   * Sets the factor the rate is multiplied by (default 0.1).
   *
   * @throws IllegalArgumentException unless {@code 0 <= factor < 1}
   */
  public ReduceLROnPlateau factor(double factor) {
    if (!(factor >= 0 && factor < 1)) {
      throw new IllegalArgumentException(
          "ReduceLROnPlateau does not support a factor >= 1.0 (or negative), but got factor=" + factor + ".");
    }
    this.factor = factor;
    return this;
  }

  /** Sets the number of epochs without improvement before a reduction (default 10). */
  public ReduceLROnPlateau patience(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("ReduceLROnPlateau: patience must be >= 0, but got patience=" + patience
          + ".");
    }
    this.patience = patience;
    return this;
  }

  /** Sets the smallest change that counts as an improvement (default 1e-4). */
  public ReduceLROnPlateau minDelta(double minDelta) {
    if (!Double.isFinite(minDelta)) {
      throw new IllegalArgumentException("ReduceLROnPlateau: min_delta must be finite, but got " + minDelta + ".");
    }
    this.minDelta = minDelta;
    return this;
  }

  /** Sets the epochs to wait after a reduction before counting again (default 0). */
  public ReduceLROnPlateau cooldown(int cooldown) {
    if (cooldown < 0) {
      throw new IllegalArgumentException("ReduceLROnPlateau: cooldown must be >= 0, but got cooldown=" + cooldown
          + ".");
    }
    this.cooldown = cooldown;
    return this;
  }

  /** Sets the lower bound of the rate (default 0). */
  public ReduceLROnPlateau minLr(double minLr) {
    if (!(minLr >= 0) || Double.isInfinite(minLr)) {
      throw new IllegalArgumentException("ReduceLROnPlateau: min_lr must be >= 0, but got min_lr=" + minLr + ".");
    }
    this.minLr = minLr;
    return this;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    // Keras: min unless mode is max, or auto with "acc" in the name.
    String mode = modeName();
    greater = mode.equals("max") || (mode.equals("auto") && monitored().contains("acc"));
    best = worst(greater);
    wait = 0;
    cooldownCounter = 0;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Callbacks.putLearningRate(logs, model());
    Double current = logs.get(monitored());
    if (current == null) {
      System.getLogger(ReduceLROnPlateau.class.getName()).log(System.Logger.Level.WARNING,
          "Learning rate reduction is conditioned on metric `" + monitored() + "` which is not available. Available"
              + " metrics are: " + String.join(",", logs.keySet()) + ".");
      return;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      wait = 0;
    }
    boolean improved = greater ? current > best + minDelta : current < best - minDelta;
    if (improved) {
      best = current;
      wait = 0;
    } else if (cooldownCounter <= 0) {
      wait++;
      if (wait >= patience) {
        double oldLr = model().optimizer().learningRate();
        if (oldLr > (float) minLr) {
          setLearningRate(epoch, Math.max(oldLr * factor, minLr), "reducing");
          cooldownCounter = cooldown;
          wait = 0;
        }
      }
    }
  }
}
