package io.github.keras4j.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The base of {@link GlobalAveragePooling2D} and {@link GlobalMaxPooling2D}: reduces rows and columns, leaving
 * {@code (batch, channels)} (or {@code (batch, 1, 1, channels)} with {@code keepDims}).
 *
 * <pre>{@code
 * new GlobalAveragePooling2D().dataFormat("channels_first")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class GlobalPooling2D<L extends GlobalPooling2D<L>> extends BaseGlobalPooling<L> {

  /** Creates the layer. */
  protected GlobalPooling2D() {}

  /** Adds the reduction over axes 1 and 2 (of a channels_last tensor). */
  protected abstract Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, boolean keepDims);

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    if (channelsFirst()) {
      // Keras reduces axes (2, 3) in place; the same values, computed in channels_last as the other layers do.
      Operand<TFloat32> reduced = reduce(tf, ConvUtils.toChannelsLast(tf, x, 4), keepDims());
      return keepDims() ? ConvUtils.toChannelsFirst(tf, reduced, 4) : reduced;
    }
    return reduce(tf, x, keepDims());
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (channelsFirst()) {
      if (inputShape.numDimensions() != 4) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "expected ndim=4, found ndim=" + inputShape.numDimensions(), "(None, channels, rows, cols)",
            inputShape);
      }
      long c = inputShape.size(1);
      return keepDims() ? Shape.of(inputShape.size(0), c, 1, 1) : Shape.of(inputShape.size(0), c);
    }
    ConvUtils.requireImageInput(name(), inputShape);
    return keepDims() ? Shape.of(inputShape.size(0), 1, 1, inputShape.size(3)) : Shape.of(inputShape.size(0), inputShape.size(3));
  }
}
