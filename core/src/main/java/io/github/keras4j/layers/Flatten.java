package io.github.keras4j.layers;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Flattens each sample to one dimension, as Keras's {@code Flatten}: {@code (batch, d1, d2, …) → (batch, d1·d2·…)}
 * in row-major (channels_last) order.
 */
public class Flatten extends Layer {
  /** Creates the layer. */
  public Flatten() {}

  @Override
  public Flatten name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Flatten inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    long size = Shapes.sampleSize(x.shape());
    return tf.reshape(x, tf.constant(new long[] {-1, size}));
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
    String format = Configs.getString(config, "data_format", "Flatten", "channels_last");
    if (!format.equals("channels_last")) {
      throw new IllegalArgumentException(
          "Flatten config: only data_format \"channels_last\" is supported, but got \"" + format + "\".");
    }
    return Configs.applyCommon(new Flatten(), config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("data_format", "channels_last");
    return config;
  }
}
