package io.github.keras4j.losses;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Huber loss, as Keras's {@code Huber}: with {@code e = p - y},
 * {@code mean(|e| <= delta ? 0.5 e^2 : delta |e| - 0.5 delta^2)}; default {@code delta = 1}.
 *
 * <pre>{@code
 * model.compile(new Adam(), new Huber(2.0), "mae");
 * }</pre>
 */
public class Huber extends Loss {
  private final double delta;

  /** Creates the loss with {@code delta = 1}. */
  public Huber() {
    this(1.0);
  }

  /**
   * Creates the loss.
   *
   * @throws IllegalArgumentException if delta is not a positive number
   */
  public Huber(double delta) {
    super("huber_loss");
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("Huber: delta must be a positive number, but got delta=" + delta + ".");
    }
    this.delta = delta;
  }

  /** Returns delta. */
  public double delta() {
    return delta;
  }

  @Override
  public Operand<TFloat32> perSample(Ops tf, Operand<TFloat32> yTrue, Operand<TFloat32> yPred) {
    Operand<TFloat32> e = tf.math.sub(yPred, yTrue);
    Operand<TFloat32> abs = tf.math.abs(e);
    Operand<TFloat32> d = tf.constant((float) delta);
    Operand<TFloat32> quadratic = tf.math.mul(tf.constant(0.5f), tf.math.mul(e, e));
    Operand<TFloat32> linear = tf.math.sub(tf.math.mul(d, abs), tf.constant((float) (0.5 * delta * delta)));
    return meanOverNonBatchAxes(tf, tf.select(tf.math.lessEqual(abs, d), quadratic, linear));
  }

  @Override
  public boolean hasDefaultConfig() {
    return delta == 1.0;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("delta", delta);
    return config;
  }
}
