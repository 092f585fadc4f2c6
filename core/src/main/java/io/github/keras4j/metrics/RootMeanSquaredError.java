package io.github.keras4j.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Root mean squared error over the epoch, as Keras's {@code RootMeanSquaredError}: {@code sqrt(mean((y - p)^2))}
 * over every element seen (not a mean of batch roots). Logged as {@code root_mean_squared_error}.
 */
public final class RootMeanSquaredError extends StatefulMetric {
  /** Creates the metric named {@code root_mean_squared_error}. */
  public RootMeanSquaredError() {
    this("root_mean_squared_error");
  }

  /** Creates the metric logged under {@code name}. */
  public RootMeanSquaredError(String name) {
    super(name);
  }

  @Override
  public Operand<TFloat32> batchState(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> d = flat(tf, tf.math.sub(yPred, yTrue));
    Operand<TFloat32> count = tf.dtypes.cast(tf.shape(d), TFloat32.class);
    return tf.concat(java.util.List.of(tf.reshape(tf.sum(tf.math.mul(d, d), tf.constant(0)),
        tf.constant(new long[] {1})), count), tf.constant(0));
  }

  @Override
  public double result(double[] state, long samples) {
    return Math.sqrt(divideNoNan(state[0], state[1]));
  }
}
