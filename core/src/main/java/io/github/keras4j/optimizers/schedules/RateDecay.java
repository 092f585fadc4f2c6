package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * What {@link ExponentialDecay} and {@link InverseTimeDecay} share: Keras's arguments
 * {@code initial_learning_rate}, {@code decay_steps}, {@code decay_rate} and {@code staircase} (checked, in the
 * config in that order) and the progress {@code step / decay_steps}, floored with {@code staircase}.
 */
abstract class RateDecay implements LearningRateSchedule {
  private final String name;
  private final double initialLearningRate;
  private final Number decaySteps;
  private final double decayRate;
  private final boolean staircase;

  /**
   * Creates the schedule named {@code name}; {@code decaySteps} keeps its type for the config (Keras writes an
   * int for ExponentialDecay, a float for InverseTimeDecay).
   *
   * @throws IllegalArgumentException for a non-positive rate or step count, or a negative decay rate
   */
  RateDecay(String name, double initialLearningRate, Number decaySteps, double decayRate, boolean staircase) {
    Schedules.positive(name, "initial_learning_rate", initialLearningRate);
    Schedules.positive(name, "decay_steps", decaySteps.doubleValue());
    Schedules.nonNegative(name, "decay_rate", decayRate);
    this.name = name;
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = decaySteps;
    this.decayRate = decayRate;
    this.staircase = staircase;
  }

  @Override
  public final String className() {
    return name;
  }

  final double initialLearningRate() {
    return initialLearningRate;
  }

  final double decayRate() {
    return decayRate;
  }

  /** {@code step / decay_steps}, floored with {@code staircase}. */
  final double progress(long step) {
    double p = step / decaySteps.doubleValue();
    return staircase ? Math.floor(p) : p;
  }

  @Override
  public final Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config(name);
    c.put("initial_learning_rate", initialLearningRate);
    c.put("decay_steps", decaySteps);
    c.put("decay_rate", decayRate);
    c.put("staircase", staircase);
    return c;
  }
}
