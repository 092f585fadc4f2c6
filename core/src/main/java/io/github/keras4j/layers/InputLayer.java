package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The entry point of a model: declares the shape of one input sample, as Keras's {@code InputLayer}.
 * In a {@code Sequential} it must come first and sets the model's input shape; it has no weights and is not
 * listed in {@code Sequential.layers()}, as in Keras.
 *
 * <p>{@link #dtype(String)} declares integer inputs ({@code "int32"}, {@code "int64"}) as Keras's
 * {@code Input(dtype=...)} does; the dtype round-trips in configs. Data is still fed as float32 (integer ids are
 * exact below 2^24) and layers that need integers ({@code Embedding}) cast inside their call, as Keras casts.
 *
 * <pre>{@code
 * new Sequential(new InputLayer(1), new Dense(16).activation("relu"))
 * KerasTensor tokens = new InputLayer(20).dtype("int32").output();
 * }</pre>
 */
public class InputLayer extends Layer {
  /** The dtypes an input may declare (Keras's {@code dtype}); data is fed as float32 whatever the dtype. */
  public static final List<String> DTYPES = List.of("float32", "int32", "int64");

  private final long[] sampleShape;
  private String dtype = "float32";
  private long batchSize = -1;

  /**
   * Creates the layer.
   *
   * @param sampleShape the shape of one sample, without the batch dimension; every dimension positive
   */
  public InputLayer(int... sampleShape) {
    java.util.Objects.requireNonNull(sampleShape, "sampleShape");
    for (int d : sampleShape) {
      if (d <= 0 && d != -1) {
        throw new IllegalArgumentException(
            "InputLayer: every shape dimension must be positive (or -1 for unknown, Keras's None), but got shape="
                + java.util.Arrays.toString(sampleShape) + ".");
      }
    }
    this.sampleShape = java.util.Arrays.stream(sampleShape).asLongStream().toArray();
  }

  /**
   * Declares the dtype of the input, as Keras's {@code dtype}: {@code "float32"} (default), {@code "int32"} or
   * {@code "int64"}.
   *
   * @throws IllegalArgumentException for another dtype
   * @throws IllegalStateException once the layer's output tensor exists
   */
  public InputLayer dtype(String dtype) {
    java.util.Objects.requireNonNull(dtype, "dtype");
    checkNotBuilt("dtype");
    if (!DTYPES.contains(dtype)) {
      throw new IllegalArgumentException(
          "InputLayer: dtype must be one of " + DTYPES + ", but got dtype='" + dtype + "'.");
    }
    this.dtype = dtype;
    return this;
  }

  /**
   * Declares a fixed batch size, as Keras's {@code Input(batch_size=...)} / {@code batch_shape} (the first entry of
   * {@code batch_input_shape}); stateful recurrent layers need one. Default: none ({@code None}).
   *
   * @throws IllegalArgumentException if {@code batchSize} is not positive
   * @throws IllegalStateException once the layer's output tensor exists
   */
  @Override
  public InputLayer batchSize(int batchSize) {
    checkNotBuilt("batchSize");
    if (batchSize <= 0) {
      throw new IllegalArgumentException(
          "InputLayer: batchSize must be positive, but got batchSize=" + batchSize + ".");
    }
    this.batchSize = batchSize;
    return this;
  }

  /** Returns the declared batch size, or -1 when none was declared. */
  public int batchSize() {
    return (int) batchSize;
  }

  /** Returns the declared dtype ({@code "float32"} unless set). */
  public String dtype() {
    return dtype;
  }

  @Override
  protected String defaultNameBase() {
    return "input";
  }

  @Override
  public InputLayer name(String name) {
    super.name(name);
    return this;
  }

  /** Returns the output tensor of this input layer (created on first use), as Keras's {@code Input(...)}. */
  @Override
  public KerasTensor output() {
    if (inboundNodes().isEmpty()) {
      name();
      ensureBuilt(batchInputShape());
      addSourceNode(batchInputShape());
    }
    return super.output();
  }

  @Override
  public Shape declaredInputShape() {
    return batchInputShape();
  }

  /** Returns the batch input shape {@code (None, …)}, or {@code (batchSize, …)} with a {@link #batchSize}. */
  public Shape batchInputShape() {
    long[] dims = Shapes.batchOf(sampleShape).asArray();
    dims[0] = batchSize;
    return Shape.of(dims);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    return x;
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    return inputShape;
  }

  /** Creates the layer from its Keras config ({@code batch_input_shape} or Keras 3's {@code batch_shape}). */
  public static InputLayer fromConfig(Map<String, Object> config) {
    int[] shape = Configs.getSampleShape(config, "InputLayer");
    if (shape == null) {
      throw new IllegalArgumentException("InputLayer config: missing 'batch_input_shape' (or 'batch_shape').");
    }
    InputLayer layer = new InputLayer(shape);
    int batch = Configs.getBatchSize(config, "InputLayer");
    if (batch > 0) {
      layer.batchSize(batch);
    }
    Object dtype = config.get("dtype");
    if (dtype instanceof Map<?, ?> policy && policy.get("config") instanceof Map<?, ?> policyConfig) {
      // Keras 3 may write a DTypePolicy: {"class_name": "DTypePolicy", "config": {"name": "int32"}}.
      dtype = policyConfig.get("name");
    }
    if (dtype != null) {
      if (!(dtype instanceof String d)) {
        throw new IllegalArgumentException("InputLayer config: 'dtype' must be a string, but got " + dtype + ".");
      }
      layer.dtype(d);
    }
    String name = Configs.getString(config, "name", "InputLayer", null);
    if (name != null) {
      layer.name(name);
    }
    return layer;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    List<Object> batchInputShape = new ArrayList<>();
    batchInputShape.add(batchSize > 0 ? (Object) (int) batchSize : null);
    for (long d : sampleShape) {
      batchInputShape.add(d < 0 ? null : (int) d);
    }
    config.put("batch_input_shape", batchInputShape);
    config.put("dtype", dtype);
    config.put("sparse", false);
    config.put("ragged", false);
    config.put("name", name());
    return config;
  }
}
