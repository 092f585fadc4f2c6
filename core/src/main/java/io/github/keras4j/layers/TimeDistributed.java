package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Applies a layer to every time step of a sequence, as Keras's {@code TimeDistributed}: input
 * {@code (batch, timesteps, …)}, the inner layer sees {@code (batch·timesteps, …)}, output
 * {@code (batch, timesteps, …inner output)}. The inner layer's weights are shared by all steps and belong to this
 * layer ({@code kernel}, {@code bias} for a Dense). Masks pass through unchanged.
 *
 * <pre>{@code
 * new TimeDistributed(new Dense(8).activation("relu"))
 * }</pre>
 */
public class TimeDistributed extends Layer implements NestedWeights {
  private final Layer layer;

  /**
   * Wraps a layer.
   *
   * @param layer the layer applied to each step; not yet built
   * @throws IllegalArgumentException if it is already built
   */
  public TimeDistributed(Layer layer) {
    this.layer = requireNonNull(layer, "layer");
    if (layer.isBuilt()) {
      throw new IllegalArgumentException(
          "TimeDistributed: the wrapped layer '" + layer.name() + "' is already built; wrap a new layer.");
    }
  }

  /** Returns the wrapped layer. */
  public Layer layer() {
    return layer;
  }

  @Override
  public TimeDistributed name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public TimeDistributed inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public TimeDistributed trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  @Override
  public boolean supportsMasking() {
    return true;
  }

  private static Shape inner(Shape s) {
    long[] dims = s.asArray();
    long[] out = new long[dims.length - 1];
    out[0] = dims[0] < 0 || dims[1] < 0 ? -1 : dims[0] * dims[1];
    System.arraycopy(dims, 2, out, 1, dims.length - 2);
    return Shape.of(out);
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    layer.build(ctx, inner(inputShape));
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Shape in = x.shape();
    long[] innerDims = inner(in).asArray();
    innerDims[0] = -1;
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(innerDims));
    Operand<TFloat32> y = layer.call(tf, flat, ctx);
    long[] expected = computeOutputShape(in).asArray();
    boolean known = true;
    for (int i = 1; i < expected.length; i++) {
      known &= expected[i] > 0;
    }
    if (known) {
      expected[0] = -1;
      return tf.reshape(y, tf.constant(expected));
    }
    Operand<TInt32> lead = tf.stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {2}),
        tf.constant(new int[] {1}));
    Operand<TInt32> rest = tf.stridedSlice(tf.shape(y), tf.constant(new int[] {1}), tf.constant(new int[] {0}),
        tf.constant(new int[] {1}), org.tensorflow.op.core.StridedSlice.endMask(1L));
    return tf.reshape(y, tf.concat(List.of(lead, rest), tf.constant(0)));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 3) {
      throw IncompatibleShapeException.forInput(name(), 0,
          "TimeDistributed needs an input of at least 3 dimensions (batch, timesteps, …), found ndim="
              + inputShape.numDimensions(), "(None, timesteps, …)", inputShape);
    }
    Shape out = layer.computeOutputShape(inner(inputShape));
    long[] o = out.asArray();
    long[] dims = new long[o.length + 1];
    dims[0] = inputShape.size(0);
    dims[1] = inputShape.size(1);
    System.arraycopy(o, 1, dims, 2, o.length - 1);
    return Shape.of(dims);
  }

  /** Keras 3 keeps the wrapped layer's weights in {@code layer/vars}. */
  @Override
  public Map<String, List<Weight>> keras3VariableGroups() {
    Map<String, List<Weight>> groups = new LinkedHashMap<>();
    groups.put("layer", weights());
    return groups;
  }

  /** Creates the layer from its Keras config ({@code layer}). */
  @SuppressWarnings("unchecked")
  public static TimeDistributed fromConfig(Map<String, Object> config) {
    Object spec = config.get("layer");
    if (!(spec instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String cls)
        || !(m.get("config") instanceof Map<?, ?> inner)) {
      throw new IllegalArgumentException(
          "TimeDistributed config: 'layer' must be {\"class_name\": …, \"config\": {…}}, but got " + spec + ".");
    }
    return Configs.applyCommon(new TimeDistributed(LayerRegistry.fromConfig(cls, (Map<String, Object>) inner)),
        config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("class_name", layer.className());
    spec.put("config", layer.getConfig());
    config.put("layer", spec);
    return config;
  }
}
