package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.initializers.Initializer;
import io.github.keras4j.layers.internal.LayerInternals;
import io.github.keras4j.layers.internal.WeightStore;
import java.util.Arrays;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * A variable of a layer (a Dense kernel, a BatchNormalization moving mean, an optimizer slot), as a Keras
 * {@code tf.Variable}.
 *
 * <p><b>Ownership.</b> A weight's value lives on the Java side until a compiled model adopts it; from then on the
 * model's TensorFlow session holds the truth and {@link #read()} / {@link #assign(float[])} go through it. When
 * another model adopts the weight (a layer shared between models), it first takes the current value from the
 * previous owner, so shared layers share values. Initial values are generated lazily from the initializer and a
 * seed fixed at creation, so creating a large model costs nothing until its weights are used. Once the adopting
 * model holds the value, the Java copy is dropped (a model's weights are not kept twice, on the Java heap and in
 * the session); the model hands the final value back when it closes.
 */
public final class Weight {
  static {
    LayerInternals.register(InternalAccess.INSTANCE);
  }

  private final String owner;
  private final String name;
  private final long[] shape;
  private final Initializer initializer;
  private final long seed;
  private final boolean trainable;
  private float[] value;
  private WeightStore store;
  private io.github.keras4j.regularizers.Regularizer regularizer;
  private io.github.keras4j.constraints.Constraint constraint;

  /**
   * Creates a weight. Layers create weights through {@link BuildContext#addWeight}.
   *
   * @param owner the name of the owning layer (or optimizer), used in the weight's path
   * @param name the weight's name within its owner, e.g. {@code kernel}
   * @param shape the weight's shape
   * @param initializer how to fill it
   * @param seed the seed for the initializer
   * @param trainable whether gradients update it (a BatchNormalization moving mean is not trainable)
   */
  public Weight(String owner, String name, long[] shape, Initializer initializer, long seed, boolean trainable) {
    this.owner = requireNonNull(owner, "owner");
    this.name = requireNonNull(name, "name");
    this.shape = shape.clone();
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "Weight '" + owner + "/" + name + "': every dimension must be known and >= 0, but got shape "
                + Arrays.toString(shape) + ".");
      }
    }
    this.initializer = requireNonNull(initializer, "initializer");
    this.seed = seed;
    this.trainable = trainable;
  }

  /** Returns the penalty this weight adds to the training loss (its layer's e.g. {@code kernel_regularizer}), or null. */
  public io.github.keras4j.regularizers.Regularizer regularizer() {
    return regularizer;
  }

  /** Returns the constraint applied to this weight after every update (e.g. {@code kernel_constraint}), or null. */
  public io.github.keras4j.constraints.Constraint constraint() {
    return constraint;
  }

  /** Set once by {@link BuildContext#addWeight} from the layer's settings. */
  void regularize(io.github.keras4j.regularizers.Regularizer regularizer, io.github.keras4j.constraints.Constraint constraint) {
    this.regularizer = regularizer;
    this.constraint = constraint;
  }

  /** Returns the name within the owner, e.g. {@code kernel}. */
  public String name() {
    return name;
  }

  /** Returns the name of the owning layer. */
  public String ownerName() {
    return owner;
  }

  /** Returns {@code owner/name}, e.g. {@code dense/kernel}, as Keras's variable name without {@code :0}. */
  public String path() {
    return owner + "/" + name;
  }

  /** Returns the shape (a copy). */
  public long[] shape() {
    return shape.clone();
  }

  /** Returns the number of values. */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Returns the initializer. */
  public Initializer initializer() {
    return initializer;
  }

  /** Returns whether the weight itself is trainable (its layer may still be frozen). */
  public boolean isTrainable() {
    return trainable;
  }

  /** Returns a copy of the current value in row-major order. */
  public synchronized float[] read() {
    if (store != null) {
      return store.read(this);
    }
    return host().clone();
  }

  /** Returns a writable copy of the current value as a {@link FloatNdArray} of the weight's shape. */
  public FloatNdArray readNd() {
    return NdArrays.wrap(Shape.of(shape), DataBuffers.of(read(), false, false));
  }

  /**
   * Overwrites the value.
   *
   * @throws IllegalArgumentException if the number of values does not match the shape
   */
  public synchronized void assign(float[] values) {
    requireNonNull(values, "values");
    if (values.length != size()) {
      throw new IllegalArgumentException(
          "Weight '" + path() + "' has shape " + Arrays.toString(shape) + " (" + size()
              + " values), but got " + values.length + " values.");
    }
    if (store != null) {
      store.write(this, values);
    } else {
      value = values.clone();
    }
  }

  /**
   * Checks that an array has this weight's shape.
   *
   * @throws IllegalArgumentException naming the weight and both shapes if not
   */
  public void checkShape(FloatNdArray values) {
    requireNonNull(values, "values");
    if (!Arrays.equals(values.shape().asArray(), shape)) {
      throw new IllegalArgumentException(
          "Weight '" + path() + "' has shape " + Arrays.toString(shape) + ", but got an array of shape "
              + Arrays.toString(values.shape().asArray()) + ".");
    }
  }

  /** Overwrites the value from an array of the same shape. */
  public void assign(FloatNdArray values) {
    checkShape(values);
    float[] flat = new float[Math.toIntExact(size())];
    values.copyTo(DataBuffers.of(flat, false, false));
    assign(flat);
  }

  /**
   * Makes {@code newStore} the holder of this weight's truth, first taking the current value from the previous
   * holder. Returns the value the new store must start from. Not API: {@link LayerInternals#adopt}.
   */
  synchronized float[] adopt(WeightStore newStore) {
    requireNonNull(newStore, "newStore");
    if (store == newStore) {
      return newStore.read(this);
    }
    if (store != null) {
      value = store.read(this);
    }
    store = newStore;
    return host();
  }

  /**
   * {@code holder}, which adopted this weight, now holds the value {@link #adopt} returned: the Java copy is dropped
   * until the weight is released. No-op if another store holds the weight. Not API:
   * {@link LayerInternals#dropHostCopy}.
   */
  synchronized void dropHostCopy(WeightStore holder) {
    if (store == holder) {
      value = null;
    }
  }

  /** Returns whether the weight keeps a copy of its value on the Java side (for tests of the memory it holds). */
  synchronized boolean hasHostCopy() {
    return value != null;
  }

  /** Returns whether {@code candidate} holds this weight's truth now ({@link LayerInternals#isHeldBy}). */
  synchronized boolean isHeldBy(WeightStore candidate) {
    return store == candidate;
  }

  /** {@code oldStore} hands the weight back with its final value ({@link LayerInternals#release}). */
  synchronized void release(WeightStore oldStore, float[] finalValue) {
    if (store == oldStore) {
      store = null;
      if (finalValue != null) {
        value = finalValue;
      }
    }
  }

  private float[] host() {
    if (value == null) {
      value = initializer.generate(shape, seed);
    }
    return value;
  }

  @Override
  public String toString() {
    return "Weight[" + path() + " " + Arrays.toString(shape) + (trainable ? "" : " non-trainable") + "]";
  }
}
