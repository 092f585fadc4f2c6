package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The mean over the steps, as Keras's {@code GlobalAveragePooling1D} (alias {@code GlobalAvgPool1D}):
 * {@code (b, steps, c) → (b, c)}.
 *
 * <pre>{@code
 * new GlobalAveragePooling1D()
 * }</pre>
 */
public class GlobalAveragePooling1D extends GlobalPooling1D<GlobalAveragePooling1D> {
  /** Creates the layer. */
  public GlobalAveragePooling1D() {}

  /** Passes masks in: a masked input is averaged over its unmasked steps only (the output carries no mask). */
  @Override
  public boolean supportsMasking() {
    return true;
  }

  @Override
  public Operand<org.tensorflow.types.TBool> computeMask(
      Ops tf, java.util.List<Operand<TFloat32>> inputs, java.util.List<Operand<org.tensorflow.types.TBool>> masks) {
    return null;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<org.tensorflow.types.TBool> mask = ctx.inputMask();
    if (mask == null) {
      return super.call(tf, x, ctx);
    }
    // Keras: mean = sum(x * mask) / sum(mask) over the steps, the mask broadcast over the channels.
    boolean first = dataFormat().equals("channels_first");
    int stepsAxis = first ? 2 : 1;
    Operand<TFloat32> m = tf.expandDims(tf.dtypes.cast(mask, TFloat32.class), tf.constant(first ? 1 : 2));
    Operand<TFloat32> sum = tf.reduceSum(tf.math.mul(x, m), tf.constant(stepsAxis),
        org.tensorflow.op.core.ReduceSum.keepDims(keepDims()));
    Operand<TFloat32> count = tf.reduceSum(m, tf.constant(stepsAxis),
        org.tensorflow.op.core.ReduceSum.keepDims(keepDims()));
    return tf.math.div(sum, count);
  }

  @Override
  protected Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, int axis, boolean keepDims) {
    return tf.math.mean(x, tf.constant(axis), org.tensorflow.op.math.Mean.keepDims(keepDims));
  }

  /** Creates the layer from its Keras config. */
  public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
    return configure(new GlobalAveragePooling1D(), config);
  }
}
