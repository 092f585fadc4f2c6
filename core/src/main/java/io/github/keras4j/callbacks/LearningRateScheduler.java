package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Sets the optimizer's learning rate at the start of every epoch from a function of the epoch (from 0) and the
 * current rate, as Keras's {@code LearningRateScheduler}; the epoch's logs get {@code learning_rate}.
 *
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1));
 * }</pre>
 */
public final class LearningRateScheduler extends ReportingCallback<LearningRateScheduler> {
  /** The schedule: the new rate for an epoch. */
  @FunctionalInterface
  public interface Schedule {
    /** Returns the learning rate of {@code epoch} (from 0) given the current {@code lr}. */
    double apply(int epoch, double lr);
  }

  private final Schedule schedule;

  /** Creates the callback, silent. */
  public LearningRateScheduler(Schedule schedule) {
    this(schedule, 0);
  }

  /** Creates the callback; {@code verbose > 0} prints each change as Keras. */
  public LearningRateScheduler(Schedule schedule, int verbose) {
    this.schedule = requireNonNull(schedule, "schedule");
    setVerbosity(verbose);
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    double lr = model().optimizer().learningRate();
    double next = schedule.apply(epoch, lr);
    if (!(next > 0) || Double.isInfinite(next)) {
      throw new IllegalStateException("LearningRateScheduler: the schedule returned " + next + " for epoch " + epoch
          + " (current learning rate " + lr + "); it must return a positive number.");
    }
    setLearningRate(epoch, next, "setting");
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    Callbacks.putLearningRate(logs, model());
  }
}
