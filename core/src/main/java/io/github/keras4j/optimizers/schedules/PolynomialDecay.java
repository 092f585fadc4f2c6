package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * A polynomial ramp from {@code initial_learning_rate} to {@code end_learning_rate} over {@code decay_steps}, as
 * Keras's {@code PolynomialDecay}:
 *
 * <pre>
 * step = min(step, decay_steps)                          (cycle: decay_steps *= max(1, ceil(step / decay_steps)))
 * lr   = (initial - end) * (1 - step / decay_steps) ^ power + end
 * </pre>
 *
 * Defaults {@code end_learning_rate = 1e-4}, {@code power = 1}, {@code cycle = false}.
 */
public final class PolynomialDecay implements LearningRateSchedule {
  private final double initialLearningRate;
  private final long decaySteps;
  private final double endLearningRate;
  private final double power;
  private final boolean cycle;

  /** Creates the linear schedule to {@code 1e-4}. */
  public PolynomialDecay(double initialLearningRate, long decaySteps) {
    this(initialLearningRate, decaySteps, 0.0001, 1.0, false);
  }

  /**
   * Creates the schedule.
   *
   * @throws IllegalArgumentException if a rate is negative or the steps are not positive
   */
  public PolynomialDecay(double initialLearningRate, long decaySteps, double endLearningRate, double power,
      boolean cycle) {
    Schedules.positive("PolynomialDecay", "initial_learning_rate", initialLearningRate);
    Schedules.positive("PolynomialDecay", "decay_steps", decaySteps);
    Schedules.nonNegative("PolynomialDecay", "end_learning_rate", endLearningRate);
    Schedules.nonNegative("PolynomialDecay", "power", power);
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = decaySteps;
    this.endLearningRate = endLearningRate;
    this.power = power;
    this.cycle = cycle;
  }

  @Override
  public String className() {
    return "PolynomialDecay";
  }

  @Override
  public double at(long step) {
    double s = step;
    double steps = decaySteps;
    if (cycle) {
      double multiplier = step == 0 ? 1.0 : Math.ceil(s / decaySteps);
      steps = decaySteps * multiplier;
    } else {
      s = Math.min(s, steps);
    }
    return (initialLearningRate - endLearningRate) * Math.pow(1 - s / steps, power) + endLearningRate;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config("PolynomialDecay");
    c.put("initial_learning_rate", initialLearningRate);
    c.put("decay_steps", decaySteps);
    c.put("end_learning_rate", endLearningRate);
    c.put("power", power);
    c.put("cycle", cycle);
    return c;
  }
}
