package io.github.keras4j.layers;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Base of the layers with Keras's {@code data_format} (the poolings, cropping, resizing and upsampling layers):
 * {@code channels_last} (default; {@code (batch, …, channels)}) or {@code channels_first}
 * ({@code (batch, channels, …)}). A channels_first layer computes by moving the channel axis to the end and back,
 * as Keras's TensorFlow backend does on CPU.
 *
 * <pre>{@code
 * new MaxPooling2D(2).dataFormat("channels_first")
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class DataFormatLayer<L extends DataFormatLayer<L>> extends FluentLayer<L> {
  private String dataFormat = ConvUtils.CHANNELS_LAST;

  /** Creates the layer, channels_last. */
  protected DataFormatLayer() {}

  /** Returns the data format: {@code channels_last} (default) or {@code channels_first}. */
  public String dataFormat() {
    return dataFormat;
  }

  /**
   * Sets the data format: {@code "channels_last"} (default; {@code (batch, …, channels)}) or
   * {@code "channels_first"} ({@code (batch, channels, …)}, computed by transposing to channels_last and back, as
   * Keras does on CPU).
   *
   * @throws IllegalArgumentException for any other value
   * @throws IllegalStateException once the layer is built
   */
  public L dataFormat(String dataFormat) {
    this.dataFormat = ConvUtils.dataFormat(this, dataFormat);
    return self();
  }

  /** Returns whether the data format is channels_first. */
  protected final boolean channelsFirst() {
    return dataFormat.equals(ConvUtils.CHANNELS_FIRST);
  }

  /** Applies {@code fn} to the input in channels_last and returns its result in this layer's data format. */
  protected final Operand<TFloat32> inFormat(Ops tf, Operand<TFloat32> x, UnaryOperator<Operand<TFloat32>> fn) {
    return ConvUtils.inFormat(tf, dataFormat, x, fn);
  }

  /** Applies a channels_last shape function to a shape in this layer's data format. */
  protected final Shape inFormat(Shape shape, UnaryOperator<Shape> fn) {
    return ConvUtils.inFormat(dataFormat, shape, fn);
  }

  /**
   * Like {@link #inFormat(Ops, Operand, UnaryOperator)}, after validating the input's shape with
   * {@link #computeOutputShape(Shape)}.
   */
  protected final Operand<TFloat32> checkedInFormat(Ops tf, Operand<TFloat32> x, UnaryOperator<Operand<TFloat32>> fn) {
    computeOutputShape(x.shape());
    return inFormat(tf, x, fn);
  }

  /**
   * Returns the output shape of an image layer: checks that the input has rank 4, then applies a channels_last
   * shape function in this layer's data format.
   *
   * @throws IncompatibleShapeException if the input is not rank 4
   */
  protected final Shape imageShape(Shape inputShape, UnaryOperator<Shape> inferLast) {
    ConvUtils.requireRank4(name(), inputShape, dataFormat);
    return inFormat(inputShape, inferLast);
  }

  /** Applies a Keras config's {@code data_format} (absent or null: channels_last). */
  protected final L applyDataFormatConfig(Map<String, Object> config) {
    return dataFormat(ConvUtils.configDataFormat(config, className()));
  }
}
