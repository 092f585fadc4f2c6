package io.github.keras4j.layers;

import io.github.keras4j.initializers.Initializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A densely connected layer: {@code output = activation(dot(input, kernel) + bias)}, as Keras's {@code Dense}.
 *
 * <p>Input shape {@code (batch, …, inputDim)}; output shape {@code (batch, …, units)}. Defaults: no activation
 * (linear), bias on, kernel {@code glorot_uniform}, bias {@code zeros}.
 *
 * <pre>{@code
 * new Dense(16).inputShape(1).activation("relu")
 * }</pre>
 */
public class Dense extends KernelLayer<Dense> implements HasKernel<Dense> {
  private final int units;

  /**
   * Creates a Dense layer.
   *
   * @param units the output dimension; positive
   */
  public Dense(int units) {
    super("kernel");
    this.units = positiveCount("units", units);
  }

  /** Returns the output dimension. */
  public int units() {
    return units;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    addKernel(ctx, "kernel", Shape.of(inputShape.size(-1), units));
    buildBias(ctx, units);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Shape in = x.shape();
    Operand<TFloat32> y;
    if (in.numDimensions() == 2) {
      y = tf.linalg.matMul(x, ctx.read(kernel()));
    } else {
      long inputDim = kernel().shape()[0];
      Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inputDim}));
      Operand<TFloat32> product = tf.linalg.matMul(flat, ctx.read(kernel()));
      Operand<org.tensorflow.types.TInt32> outShape =
          tf.concat(
              java.util.List.of(
                  tf.stridedSlice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {-1}),
                      tf.constant(new int[] {1})),
                  tf.constant(new int[] {units})),
              tf.constant(0));
      y = tf.reshape(product, outShape);
    }
    return biasAndActivation(tf, y, ctx);
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 2) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected min_ndim=2", "(None, d)", inputShape);
    }
    long last = inputShape.size(-1);
    if (last <= 0) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "the last dimension of the inputs to a Dense layer should be defined", "(None, d)",
          inputShape);
    }
    Weight kernel = kernel();
    if (kernel != null && kernel.shape()[0] != last) {
      throw IncompatibleShapeException.forInput(
          name(), 0, "expected axis -1 of input shape to have value " + kernel.shape()[0],
          "(None, " + kernel.shape()[0] + ")", inputShape);
    }
    long[] dims = inputShape.asArray();
    dims[dims.length - 1] = units;
    return Shape.of(dims);
  }

  /** Creates a Dense layer from its Keras config. */
  public static Dense fromConfig(Map<String, Object> config) {
    return new Dense(Configs.getInt(config, "units", "Dense")).applyKernelConfig(config);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("units", units);
    putKernelConfig(config);
    return config;
  }

  /** Returns {@code {"class_name": …, "config": {…}}} for an initializer, as Keras serializes it. */
  static Map<String, Object> initializerConfig(Initializer initializer) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("class_name", initializer.className());
    map.put("config", initializer.getConfig());
    return map;
  }
}
