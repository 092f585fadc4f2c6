package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceAny;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Masks time steps whose features all equal {@code maskValue}, as Keras's {@code Masking}: the mask is
 * {@code any(x != maskValue, axis=-1)} and masked steps' features are set to 0. Following recurrent layers skip
 * masked steps (they keep their state). Output shape = input shape {@code (batch, timesteps, features)}.
 *
 * <pre>{@code
 * new Masking(0.0).inputShape(20, 3)
 * }</pre>
 */
public class Masking extends Layer {
  private final double maskValue;

  /** Creates the layer with mask value 0, as Keras's default. */
  public Masking() {
    this(0.0);
  }

  /**
   * Creates the layer.
   *
   * @param maskValue the feature value that marks padding steps
   */
  public Masking(double maskValue) {
    if (Double.isNaN(maskValue)) {
      throw new IllegalArgumentException("Masking: mask_value must not be NaN, but got mask_value=NaN.");
    }
    this.maskValue = maskValue;
  }

  /** Returns the mask value. */
  public double maskValue() {
    return maskValue;
  }

  @Override
  public Masking name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Masking inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  private Operand<TBool> keep(Ops tf, Operand<TFloat32> x) {
    return tf.reduceAny(tf.math.notEqual(x, tf.constant((float) maskValue)), tf.constant(-1),
        ReduceAny.keepDims(false));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> k = tf.dtypes.cast(keep(tf, x), TFloat32.class);
    return tf.math.mul(x, tf.expandDims(k, tf.constant(-1)));
  }

  @Override
  public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    return keep(tf, inputs.get(0));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 2) {
      throw IncompatibleShapeException.forInput(name(), 0, "expected min_ndim=2", "(None, timesteps, features)",
          inputShape);
    }
    return inputShape;
  }

  /** Creates the layer from its Keras config. */
  public static Masking fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new Masking(Configs.getDouble(config, "mask_value", "Masking", 0.0)), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("mask_value", maskValue);
    return config;
  }
}
