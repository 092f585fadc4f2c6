package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * Cosine decay with an optional linear warmup, as Keras's {@code CosineDecay}. Without warmup
 * ({@code warmup_target} null):
 *
 * <pre>
 * step = min(step, decay_steps)
 * lr   = initial * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decay_steps)) + alpha)
 * </pre>
 *
 * With warmup: for {@code step < warmup_steps} the rate rises linearly from {@code initial} to
 * {@code warmup_target}, then decays from {@code warmup_target} as above over {@code step - warmup_steps}.
 * Defaults {@code alpha = 0}, no warmup.
 */
public final class CosineDecay implements LearningRateSchedule {
  private final double initialLearningRate;
  private final long decaySteps;
  private final double alpha;
  private final Double warmupTarget;
  private final long warmupSteps;

  /** Creates the schedule without warmup, decaying to 0. */
  public CosineDecay(double initialLearningRate, long decaySteps) {
    this(initialLearningRate, decaySteps, 0.0, null, 0);
  }

  /**
   * Creates the schedule.
   *
   * @param warmupTarget the rate reached after warmup, or null for no warmup
   * @throws IllegalArgumentException for a negative rate or step count, or alpha outside [0, 1]
   */
  public CosineDecay(double initialLearningRate, long decaySteps, double alpha, Double warmupTarget,
      long warmupSteps) {
    Schedules.nonNegative("CosineDecay", "initial_learning_rate", initialLearningRate);
    Schedules.positive("CosineDecay", "decay_steps", decaySteps);
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("CosineDecay: alpha must be in [0, 1], but got alpha=" + alpha + ".");
    }
    if (warmupTarget != null) {
      Schedules.nonNegative("CosineDecay", "warmup_target", warmupTarget);
    }
    Schedules.nonNegative("CosineDecay", "warmup_steps", warmupSteps);
    this.initialLearningRate = initialLearningRate;
    this.decaySteps = decaySteps;
    this.alpha = alpha;
    this.warmupTarget = warmupTarget;
    this.warmupSteps = warmupSteps;
  }

  @Override
  public String className() {
    return "CosineDecay";
  }

  @Override
  public double at(long step) {
    if (warmupTarget == null) {
      return decay(Math.min(step, decaySteps), initialLearningRate);
    }
    double s = Math.min(step, decaySteps + warmupSteps);
    if (s < warmupSteps) {
      return (warmupTarget - initialLearningRate) * (s / warmupSteps) + initialLearningRate;
    }
    return decay(s - warmupSteps, warmupTarget);
  }

  private double decay(double step, double from) {
    double cosine = 0.5 * (1 + Math.cos(Math.PI * step / decaySteps));
    return from * ((1 - alpha) * cosine + alpha);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config("CosineDecay");
    c.put("initial_learning_rate", initialLearningRate);
    c.put("decay_steps", decaySteps);
    c.put("alpha", alpha);
    c.put("warmup_target", warmupTarget);
    c.put("warmup_steps", warmupSteps);
    return c;
  }
}
