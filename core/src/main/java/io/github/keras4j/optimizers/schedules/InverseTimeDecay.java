package io.github.keras4j.optimizers.schedules;

/**
 * {@code lr = initial_learning_rate / (1 + decay_rate * step / decay_steps)}, the ratio floored when
 * {@code staircase}, as Keras's {@code InverseTimeDecay}.
 */
public final class InverseTimeDecay extends RateDecay {
  /**
   * Creates the schedule.
   *
   * @throws IllegalArgumentException if the rate or steps are not positive or the decay rate is negative
   */
  public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
    super("InverseTimeDecay", initialLearningRate, decaySteps, decayRate, staircase);
  }

  @Override
  public double at(long step) {
    return initialLearningRate() / (1 + decayRate() * progress(step));
  }
}
