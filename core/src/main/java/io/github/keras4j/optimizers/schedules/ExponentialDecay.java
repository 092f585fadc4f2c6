package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * {@code lr = initial_learning_rate * decay_rate ^ (step / decay_steps)}, the exponent floored when
 * {@code staircase}, as Keras's {@code ExponentialDecay}.
 *
 * <pre>{@code
 * new SGD(new ExponentialDecay(0.1, 1000, 0.96));
 * }</pre>
 */
public final class ExponentialDecay implements LearningRateSchedule {
  private final double initialLearningRate;
  private final long decaySteps;
  private final double decayRate;
  private final boolean staircase;

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
    Schedules.positive("ExponentialDecay", "initial_learning_rate", initialLearningRate);
    Schedules.positive("ExponentialDecay", "decay_steps", decaySteps);
    Schedules.nonNegative("ExponentialDecay", "decay_rate", decayRate);
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = decaySteps;
    this.decayRate = decayRate;
    this.staircase = staircase;
  }

  @Override
  public String className() {
    return "ExponentialDecay";
  }

  @Override
  public double at(long step) {
    double p = (double) step / decaySteps;
    if (staircase) {
      p = Math.floor(p);
    }
    return initialLearningRate * Math.pow(decayRate, p);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config("ExponentialDecay");
    c.put("initial_learning_rate", initialLearningRate);
    c.put("decay_steps", decaySteps);
    c.put("decay_rate", decayRate);
    c.put("staircase", staircase);
    return c;
  }
}
