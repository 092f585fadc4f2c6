package io.github.keras4j.optimizers.schedules;

import java.util.Map;

/**
 * A learning rate that depends on the optimizer's step, as Keras's
 * {@code keras.optimizers.schedules.LearningRateSchedule}: the update of step {@code t} (counting from 0, Keras's
 * {@code optimizer.iterations} before the update) uses {@code at(t)}.
 *
 * <pre>{@code
 * new Adam(new ExponentialDecay(0.01, 1000, 0.96));
 * }</pre>
 */
public interface LearningRateSchedule {
  /** Returns the Keras class name, e.g. {@code ExponentialDecay}. */
  String className();

  /** Returns the learning rate of the update at {@code step} (0-based). */
  double at(long step);

  /** Returns the Keras config. */
  Map<String, Object> getConfig();
}
