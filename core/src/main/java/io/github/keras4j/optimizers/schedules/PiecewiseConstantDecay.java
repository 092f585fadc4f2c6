package io.github.keras4j.optimizers.schedules;

import java.util.Arrays;
import java.util.Map;

/**
 * A constant rate per interval of steps, as Keras's {@code PiecewiseConstantDecay}: {@code values[0]} while
 * {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] < step <= boundaries[i]}, and the
 * last value after the last boundary.
 *
 * <pre>{@code
 * new SGD(new PiecewiseConstantDecay(new long[] {100000, 110000}, new double[] {1.0, 0.5, 0.1}));
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
  private final long[] boundaries;
  private final double[] values;

  /**
   * Creates the schedule.
   *
   * @throws IllegalArgumentException unless there is one more value than boundaries, the boundaries increase and
   *     the values are positive
   */
  public PiecewiseConstantDecay(long[] boundaries, double[] values) {
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("PiecewiseConstantDecay: the length of boundaries should be 1 less than"
          + " the length of values, but got boundaries=" + Arrays.toString(boundaries) + ", values="
          + Arrays.toString(values) + ".");
    }
    for (int i = 1; i < boundaries.length; i++) {
      if (boundaries[i] <= boundaries[i - 1]) {
        throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must increase, but got "
            + Arrays.toString(boundaries) + ".");
      }
    }
    for (double v : values) {
      Schedules.positive("PiecewiseConstantDecay", "values", v);
    }
    this.boundaries = boundaries.clone();
    this.values = values.clone();
  }

  @Override
  public String className() {
    return "PiecewiseConstantDecay";
  }

  @Override
  public double at(long step) {
    for (int i = 0; i < boundaries.length; i++) {
      if (step <= boundaries[i]) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> c = Schedules.config("PiecewiseConstantDecay");
    c.put("boundaries", Arrays.stream(boundaries).boxed().toList());
    c.put("values", Arrays.stream(values).boxed().toList());
    return c;
  }
}
