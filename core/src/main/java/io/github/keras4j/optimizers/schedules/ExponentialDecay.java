package io.github.keras4j.optimizers.schedules;

/**
 * {@code lr = initial_learning_rate * decay_rate ^ (step / decay_steps)}, the exponent floored when
 * {@code staircase}, as Keras's {@code ExponentialDecay}.
 *
 * <pre>{@code
 * new SGD(new ExponentialDecay(0.1, 1000, 0.96));
 * }</pre>
 */
public final class ExponentialDecay extends RateDecay {
  /** Creates the schedule without staircase. */
  public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate) {
    this(initialLearningRate, decaySteps, decayRate, false);
  }

  /**
   * Creates the schedule.
   *
   * @throws IllegalArgumentException if the rate or steps are not positive or the decay rate is negative
   */
  public ExponentialDecay(double initialLearningRate, long decaySteps, double decayRate, boolean staircase) {
    super("ExponentialDecay", initialLearningRate, decaySteps, decayRate, staircase);
  }

  @Override
  public double at(long step) {
    return initialLearningRate() * Math.pow(decayRate(), progress(step));
  }
}
