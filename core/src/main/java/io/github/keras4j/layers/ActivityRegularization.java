package io.github.keras4j.layers;

import io.github.keras4j.regularizers.L1L2;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Passes its input through and adds {@code l1 * sum(|x|) + l2 * sum(x^2)} of it to the loss, as Keras's
 * {@code ActivityRegularization}. Input and output shape: any, the same. Defaults {@code l1 = l2 = 0}.
 *
 * <pre>{@code
 * model.add(new ActivityRegularization(0.0, 1e-4));
 * }</pre>
 */
public final class ActivityRegularization extends Layer {
  private final double l1;
  private final double l2;

  /** Creates the layer with {@code l1 = l2 = 0}. */
  public ActivityRegularization() {
    this(0, 0);
  }

  /**
   * Creates the layer.
   *
   * @throws IllegalArgumentException if a factor is negative or not finite
   */
  public ActivityRegularization(double l1, double l2) {
    super.activityRegularizer(new L1L2(l1, l2));
    this.l1 = l1;
    this.l2 = l2;
  }

  /** Returns the L1 factor. */
  public double l1() {
    return l1;
  }

  /** Returns the L2 factor. */
  public double l2() {
    return l2;
  }

  /**
   * Not settable: the layer's penalty is its {@code l1} and {@code l2}.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Layer activityRegularizer(io.github.keras4j.regularizers.Regularizer regularizer) {
    throw new UnsupportedOperationException(
        "ActivityRegularization: the penalty is set by l1 and l2 in the constructor.");
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return tf.identity(x);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config ({@code l1}, {@code l2}). */
  public static ActivityRegularization fromConfig(Map<String, Object> config) {
    ActivityRegularization layer = new ActivityRegularization(
        Configs.getDouble(config, "l1", "ActivityRegularization", 0.0),
        Configs.getDouble(config, "l2", "ActivityRegularization", 0.0));
    java.util.Map<String, Object> rest = new java.util.LinkedHashMap<>(config);
    rest.remove("activity_regularizer"); // Keras 2 writes the derived L1L2; the layer rebuilds it from l1, l2
    String name = Configs.getString(rest, "name", "ActivityRegularization", null);
    if (name != null) {
      layer.name(name);
    }
    layer.trainable(Configs.getBoolean(rest, "trainable", "ActivityRegularization", true));
    int[] shape = Configs.getSampleShape(rest, "ActivityRegularization");
    if (shape != null) {
      layer.inputShape(shape);
    }
    return layer;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("l1", l1);
    config.put("l2", l2);
    return config;
  }
}
