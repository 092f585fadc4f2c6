package io.github.keras4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link GlobalAveragePooling1D} and {@link GlobalMaxPooling1D}: reduces the steps axis of
 * {@code (batch, steps, channels)}, leaving {@code (batch, channels)} (or {@code (batch, 1, channels)} with
 * {@code keepDims}); with {@code channels_first} the input is {@code (batch, channels, steps)} and the kept
 * output {@code (batch, channels, 1)}.
 *
 * <pre>{@code
 * new GlobalMaxPooling1D().keepDims(true)
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class GlobalPooling1D<L extends GlobalPooling1D<L>> extends BaseGlobalPooling<L> {

  /** Creates the layer. */
  protected GlobalPooling1D() {}

  /** Adds the reduction over {@code axis}. */
  protected abstract Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, int axis, boolean keepDims);

  private int stepsAxis() {
    return channelsFirst() ? 2 : 1;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return reduce(tf, x, stepsAxis(), keepDims());
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    ConvUtils.requireSequenceInput(name(), inputShape, dataFormat());
    long channels = inputShape.size(3 - stepsAxis());
    if (!keepDims()) {
      return Shape.of(inputShape.size(0), channels);
    }
    return stepsAxis() == 1 ? Shape.of(inputShape.size(0), 1, channels) : Shape.of(inputShape.size(0), channels, 1);
  }
}
