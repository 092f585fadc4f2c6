package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * {@code lr = initial_learning_rate / (1 + decay_rate * step / decay_steps)}, the ratio floored when
 * {@code staircase}, as Keras's {@code InverseTimeDecay}.
 */
public final class InverseTimeDecay implements LearningRateSchedule {
  private final double initialLearningRate;
  private final double decaySteps;
  private final double decayRate;
  private final boolean staircase;

  /**
   * Creates the schedule.
   *
   * @throws IllegalArgumentException if the rate or steps are not positive or the decay rate is negative
   */
  public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, boolean staircase) {
    Schedules.positive("InverseTimeDecay", "initial_learning_rate", initialLearningRate);
    Schedules.positive("InverseTimeDecay", "decay_steps", decaySteps);
    Schedules.nonNegative("InverseTimeDecay", "decay_rate", decayRate);
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = decaySteps;
    this.decayRate = decayRate;
    this.staircase = staircase;
  }

  @Override
  public String className() {
    return "InverseTimeDecay";
  }

  @Override
  public double at(long step) {
    double p = step / decaySteps;
    if (staircase) {
      p = Math.floor(p);
    }
    return initialLearningRate / (1 + decayRate * p);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config("InverseTimeDecay");
    c.put("initial_learning_rate", initialLearningRate);
    c.put("decay_steps", decaySteps);
    c.put("decay_rate", decayRate);
    c.put("staircase", staircase);
    return c;
  }
}
