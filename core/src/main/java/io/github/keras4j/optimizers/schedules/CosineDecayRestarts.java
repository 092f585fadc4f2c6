package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * Cosine decay with warm restarts (SGDR), as Keras's {@code CosineDecayRestarts}: with
 * {@code f = step / first_decay_steps}, the restart index {@code i} and the fraction {@code f'} into period
 * {@code i} (periods grow by {@code t_mul}):
 *
 * <pre>
 * t_mul == 1: i = floor(f), f' = f - i
 * else:       i = floor(log(1 - f (1 - t_mul)) / log(t_mul)), f' = (f - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
 * lr = initial * ((1 - alpha) * 0.5 * m_mul^i * (1 + cos(pi f')) + alpha)
 * </pre>
 *
 * Defaults {@code t_mul = 2}, {@code m_mul = 1}, {@code alpha = 0}.
 */
public final class CosineDecayRestarts implements LearningRateSchedule {
  private final double initialLearningRate;
  private final long firstDecaySteps;
  private final double tMul;
  private final double mMul;
  private final double alpha;

  /** Creates the schedule with Keras's defaults. */
  public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps) {
    this(initialLearningRate, firstDecaySteps, 2.0, 1.0, 0.0);
  }

  /**
   * Creates the schedule.
   *
   * @throws IllegalArgumentException for a non-positive step count or t_mul, or a negative rate or m_mul
   */
  public CosineDecayRestarts(double initialLearningRate, long firstDecaySteps, double tMul, double mMul,
      double alpha) {
    Schedules.nonNegative("CosineDecayRestarts", "initial_learning_rate", initialLearningRate);
    Schedules.positive("CosineDecayRestarts", "first_decay_steps", firstDecaySteps);
    Schedules.positive("CosineDecayRestarts", "t_mul", tMul);
    Schedules.nonNegative("CosineDecayRestarts", "m_mul", mMul);
    Schedules.nonNegative("CosineDecayRestarts", "alpha", alpha);
    this.initialLearningRate = initialLearningRate;
    this.firstDecaySteps = firstDecaySteps;
    this.tMul = tMul;
    this.mMul = mMul;
    this.alpha = alpha;
  }

  @Override
  public String className() {
    return "CosineDecayRestarts";
  }

  @Override
  public double at(long step) {
    double f = (double) step / firstDecaySteps;
    double i;
    if (tMul == 1.0) {
      i = Math.floor(f);
      f -= i;
    } else {
      i = Math.floor(Math.log(1.0 - f * (1.0 - tMul)) / Math.log(tMul));
      double sumR = (1.0 - Math.pow(tMul, i)) / (1.0 - tMul);
      f = (f - sumR) / Math.pow(tMul, i);
    }
    double cosine = 0.5 * Math.pow(mMul, i) * (1.0 + Math.cos(Math.PI * f));
    return initialLearningRate * ((1 - alpha) * cosine + alpha);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config("SGDRDecay");
    c.put("initial_learning_rate", initialLearningRate);
    c.put("first_decay_steps", firstDecaySteps);
    c.put("t_mul", tMul);
    c.put("m_mul", mMul);
    c.put("alpha", alpha);
    return c;
  }
}
