package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Flattens each sample to one dimension, as Keras's {@code Flatten}: {@code (batch, d1, d2, …) → (batch, d1·d2·…)}
 * in row-major order; a {@code channels_first} input is first reordered to channels_last, as Keras does.
 * Sequences flatten the same way: {@code (batch, steps, features) → (batch, steps·features)}. With
 * {@code dataFormat("channels_first")} the channel axis is moved to the end before flattening, so a channels_first
 * model flattens in the same order as its channels_last twin.
 */
public class Flatten extends DataFormatLayer<Flatten> {

  /** Creates the layer. */
  public Flatten() {}

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long size = Shapes.sampleSize(x.shape());
    int rank = x.shape().numDimensions();
    Operand<TFloat32> ordered = channelsFirst() && rank >= 3
        ? ConvUtils.toChannelsLast(tf, x, rank) : x;
    return tf.reshape(ordered, tf.constant(new long[] {-1, size}));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    for (int i = 1; i < inputShape.numDimensions(); i++) {
      if (inputShape.size(i) < 0) {
        throw IncompatibleShapeException.forInput(
            name(), 0, "all dimensions but the batch must be known to flatten", "(None, d1, d2, …)", inputShape);
      }
    }
    return Shape.of(inputShape.size(0), Shapes.sampleSize(inputShape));
  }

  /** Creates the layer from its Keras config. */
  public static Flatten fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new Flatten().applyDataFormatConfig(config), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", dataFormat());
    return config;
  }
}
