package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.initializers.RandomInitializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Turns token ids into dense vectors, as Keras's {@code Embedding}: {@code output[..., :] = embeddings[id]}.
 *
 * <p>Input {@code (batch, …)} of ids in {@code [0, inputDim)}, fed as float32 (exact below 2^24) or int32 and
 * cast to int32 inside the layer as Keras does (fractions are truncated); output {@code (batch, …, outputDim)}.
 * Weight {@code embeddings} {@code (inputDim, outputDim)}, default initializer {@code RandomUniform(-0.05,
 * 0.05)}. With {@link #maskZero(boolean) maskZero} the id 0 is padding: the layer emits the mask
 * {@code ids != 0}, which recurrent layers use to skip those steps. An id outside {@code [0, inputDim)} stops the
 * run with an error naming the layer, the offending range and the fix.
 *
 * <pre>{@code
 * new Embedding(10000, 32).maskZero(true)
 * }</pre>
 */
public class Embedding extends Layer {
  private final int inputDim;
  private final int outputDim;
  private Initializer embeddingsInitializer = RandomInitializer.uniform(-0.05, 0.05, null);
  private boolean maskZero;
  private Integer inputLength;
  private Weight embeddings;

  /**
   * Creates the layer.
   *
   * @param inputDim the vocabulary size (largest id + 1); positive
   * @param outputDim the dimension of the vectors; positive
   */
  public Embedding(int inputDim, int outputDim) {
    if (inputDim <= 0 || outputDim <= 0) {
      throw new IllegalArgumentException(
          "Embedding: input_dim and output_dim must be positive integers, but got input_dim=" + inputDim
              + ", output_dim=" + outputDim + ".");
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
  }

  /** Returns the vocabulary size. */
  public int inputDim() {
    return inputDim;
  }

  /** Returns the vector dimension. */
  public int outputDim() {
    return outputDim;
  }

  /** Returns whether id 0 is treated as padding and masked. */
  public boolean maskZero() {
    return maskZero;
  }

  /** Treats id 0 as padding: the layer emits a mask {@code ids != 0} (default false). */
  public Embedding maskZero(boolean maskZero) {
    checkNotBuilt("maskZero");
    this.maskZero = maskZero;
    return this;
  }

  /** Returns the input length of old (Keras 2) configs, or null. */
  public Integer inputLength() {
    return inputLength;
  }

  /**
   * Declares the sequence length, as Keras 2's {@code input_length} (also declares the input shape).
   *
   * @throws IllegalArgumentException if not positive
   */
  public Embedding inputLength(int length) {
    checkNotBuilt("inputLength");
    if (length <= 0) {
      throw new IllegalArgumentException(
          "Embedding: input_length must be positive, but got input_length=" + length + ".");
    }
    this.inputLength = length;
    if (declaredInputShape() == null) {
      inputShape(length);
    }
    return this;
  }

  /** Returns the embeddings initializer. */
  public Initializer embeddingsInitializer() {
    return embeddingsInitializer;
  }

  /** Sets the embeddings initializer (default RandomUniform(-0.05, 0.05)). */
  public Embedding embeddingsInitializer(Initializer initializer) {
    checkNotBuilt("embeddingsInitializer");
    this.embeddingsInitializer = requireNonNull(initializer, "initializer");
    return this;
  }

  /** Returns the embeddings weight, or null before build. */
  public Weight embeddings() {
    return embeddings;
  }

  @Override
  public Embedding name(String name) {
    super.name(name);
    return this;
  }

  @Override
  public Embedding inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return this;
  }

  @Override
  public Embedding trainable(boolean trainable) {
    super.trainable(trainable);
    return this;
  }

  @Override
  protected void build(BuildContext ctx, Shape inputShape) {
    embeddings = ctx.addWeight("embeddings", Shape.of(inputDim, outputDim), embeddingsInitializer, true);
  }

  @Override
  public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TInt32> ids = tf.dtypes.cast(x, TInt32.class);
    Operand<TInt32> all = tf.reshape(ids, tf.constant(new int[] {-1}));
    Operand<TInt32> low = tf.min(all, tf.constant(0));
    Operand<TInt32> high = tf.max(all, tf.constant(0));
    // An empty batch has no ids; min/max of an empty tensor are +/-inf-like extremes, so test the ids directly.
    Operand<TBool> ok = tf.reduceAll(
        tf.math.logicalAnd(tf.math.greaterEqual(all, tf.constant(0)), tf.math.less(all, tf.constant(inputDim))),
        tf.constant(0));
    var check = tf.assertThat(ok, List.of(
        tf.constant("Embedding '" + name() + "': every token id must be in [0, input_dim=" + inputDim
            + "), but the batch holds ids from"),
        low, tf.constant("to"), high,
        tf.constant(". Fix: map ids >= input_dim to an out-of-vocabulary id (e.g. Tokenizer numWords / oov_token),"
            + " never feed negative ids, or build the Embedding with a larger input_dim.")),
        org.tensorflow.op.core.AssertThat.summarize(10L));
    Ops guarded = tf.withControlDependencies(List.of(check));
    Operand<TFloat32> table = ctx.read(embeddings);
    return guarded.gather(table, ids, guarded.constant(0));
  }

  @Override
  public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
    if (!maskZero) {
      return null;
    }
    return tf.math.notEqual(tf.dtypes.cast(inputs.get(0), TInt32.class), tf.constant(0));
  }

  @Override
  public Shape computeOutputShape(Shape inputShape) {
    if (inputShape.numDimensions() < 1) {
      throw IncompatibleShapeException.forInput(name(), 0, "expected min_ndim=1", "(None, length)", inputShape);
    }
    long[] dims = new long[inputShape.numDimensions() + 1];
    System.arraycopy(inputShape.asArray(), 0, dims, 0, inputShape.numDimensions());
    dims[dims.length - 1] = outputDim;
    return Shape.of(dims);
  }

  /** Creates the layer from its Keras config (Keras 2's input_length accepted). */
  public static Embedding fromConfig(Map<String, Object> config) {
    Embedding layer = new Embedding(Configs.getInt(config, "input_dim", "Embedding"),
        Configs.getInt(config, "output_dim", "Embedding"));
    layer.embeddingsInitializer(Configs.getInitializer(config, "embeddings_initializer", "Embedding",
        RandomInitializer.uniform(-0.05, 0.05, null)));
    layer.maskZero(Configs.getBoolean(config, "mask_zero", "Embedding", false));
    Configs.applyCommon(layer, config);
    Object length = config.get("input_length");
    if (length instanceof Number n) {
      layer.inputLength(n.intValue());
    } else if (length instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Number n) {
      layer.inputLength(n.intValue());
    }
    return layer;
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.put("input_dim", inputDim);
    config.put("output_dim", outputDim);
    config.put("embeddings_initializer", Dense.initializerConfig(embeddingsInitializer));
    config.put("embeddings_regularizer", null);
    config.put("activity_regularizer", null);
    config.put("embeddings_constraint", null);
    config.put("mask_zero", maskZero);
    if (inputLength != null) {
      config.put("input_length", inputLength);
    }
    return config;
  }
}
