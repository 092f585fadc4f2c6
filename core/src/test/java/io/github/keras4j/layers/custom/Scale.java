package io.github.keras4j.layers.custom;

import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.layers.BuildContext;
import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.Configs;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A custom layer written only against the exported API: multiplies each feature by a learned factor. */
public final class Scale extends Layer {
  private Weight factor;

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    factor = ctx.addWeight("factor", Shape.of(inputShape.size(-1)), Initializers.ones(), true);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return tf.math.mul(x, ctx.read(factor));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its config. */
  public static Scale fromConfig(Map<String, Object> config) {
    return Configs.applyCommon(new Scale(), config);
  }
}
