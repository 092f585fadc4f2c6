package io.github.keras4j.layers;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.initializers.Initializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gated recurrent unit, as Keras's {@code GRU} (Cho 2014), with Keras's gate order {@code z, r, h}:
 *
 * <pre>
 * z = σ(x_t·W_z + h·U_z + b_z)    r = σ(x_t·W_r + h·U_r + b_r)
 * reset_after=true  (default):  h̃ = tanh(x_t·W_h + b_h + r ⊙ (h·U_h + b'_h))
 * reset_after=false:            h̃ = tanh(x_t·W_h + b_h + (r ⊙ h)·U_h)
 * h_t = z ⊙ h_{t-1} + (1 - z) ⊙ h̃
 * </pre>
 * Weights {@code kernel} {@code (features, 3·units)}, {@code recurrent_kernel} {@code (units, 3·units)} and
 * {@code bias}: {@code (2, 3·units)} with reset_after (input and recurrent biases), else {@code (3·units)}.
 * Options, masks and how the loop runs: see {@link Recurrent}.
 *
 * <pre>{@code
 * new GRU(32).resetAfter(false)
 * }</pre>
 */
public class GRU extends Recurrent<GRU> {
  private boolean resetAfter = true;

  /**
   * Creates the layer.
   *
   * @param units the dimension of the output and the state; positive
   */
  public GRU(int units) {
    super(units);
  }

  @Override
  int gates() {
    return 3;
  }

  /** Returns whether the reset gate is applied after the recurrent matrix product (default true, as Keras 2.3+). */
  public boolean resetAfter() {
    return resetAfter;
  }

  /** Applies the reset gate after (true, default; CuDNN-compatible) or before the recurrent product. */
  public GRU resetAfter(boolean resetAfter) {
    checkNotBuilt("resetAfter");
    this.resetAfter = resetAfter;
    return this;
  }

  @Override
  long[] biasShape() {
    return resetAfter ? new long[] {2, 3L * units} : new long[] {3L * units};
  }

  @Override
  Operand<TFloat32> inputBias(Ops tf, CallContext ctx) {
    if (bias == null) {
      return null;
    }
    Operand<TFloat32> b = ctx.read(bias);
    return resetAfter ? tf.squeeze(tf.slice(b, tf.constant(new int[] {0, 0}), tf.constant(new int[] {1, -1})),
        org.tensorflow.op.core.Squeeze.axis(List.of(0L))) : b;
  }

  @Override
  Cell prepare(Ops tf, CallContext ctx) {
    Operand<TFloat32> r = ctx.read(recurrentKernel);
    Operand<TFloat32> rb = null;
    if (resetAfter && bias != null) {
      rb = tf.squeeze(tf.slice(ctx.read(bias), tf.constant(new int[] {1, 0}), tf.constant(new int[] {1, -1})),
          org.tensorflow.op.core.Squeeze.axis(List.of(0L)));
    }
    if (resetAfter) {
      return new Cell(r, rb, List.of());
    }
    List<Operand<TFloat32>> parts = new java.util.ArrayList<>(
        tf.splitV(r, tf.constant(new long[] {2L * units, units}), tf.constant(1), 2L).output());
    return new Cell(r, null, parts);
  }

  @Override
  List<Operand<TFloat32>> step(
      Ops tf, Cell cell, Operand<TFloat32> xp, List<Operand<TFloat32>> states, Operand<TFloat32> hr) {
    Operand<TFloat32> h = states.get(0);
    Operand<TFloat32> z;
    Operand<TFloat32> candidate;
    if (resetAfter) {
      List<? extends Operand<TFloat32>> x3 = tf.split(tf.constant(1), xp, 3L).output();
      Operand<TFloat32> rec = hr == null ? null : tf.linalg.matMul(hr, cell.recurrentKernel());
      if (cell.recurrentBias() != null) {
        rec = rec == null ? cell.recurrentBias() : tf.nn.biasAdd(rec, cell.recurrentBias());
      }
      if (rec == null) {
        z = recurrentActivation.apply(tf, x3.get(0));
        candidate = activation.apply(tf, x3.get(2));
      } else {
        List<? extends Operand<TFloat32>> r3 = tf.split(tf.constant(0 == rec.shape().numDimensions() - 1 ? 0 : 1), rec, 3L)
            .output();
        z = recurrentActivation.apply(tf, tf.math.add(x3.get(0), r3.get(0)));
        Operand<TFloat32> r = recurrentActivation.apply(tf, tf.math.add(x3.get(1), r3.get(1)));
        candidate = activation.apply(tf, tf.math.add(x3.get(2), tf.math.mul(r, r3.get(2))));
      }
    } else {
      List<? extends Operand<TFloat32>> x2 =
          tf.splitV(xp, tf.constant(new long[] {2L * units, units}), tf.constant(1), 2L).output();
      Operand<TFloat32> zr = addRecurrent(tf, x2.get(0), hr, cell.parts().get(0));
      List<? extends Operand<TFloat32>> zr2 = tf.split(tf.constant(1), zr, 2L).output();
      z = recurrentActivation.apply(tf, zr2.get(0));
      if (hr == null) {
        candidate = activation.apply(tf, x2.get(1));
      } else {
        Operand<TFloat32> r = recurrentActivation.apply(tf, zr2.get(1));
        candidate = activation.apply(tf,
            tf.math.add(x2.get(1), tf.linalg.matMul(tf.math.mul(r, hr), cell.parts().get(1))));
      }
    }
    Operand<TFloat32> keep = tf.math.sub(tf.constant(1f), z);
    Operand<TFloat32> next = h == null
        ? tf.math.mul(keep, candidate)
        : tf.math.add(tf.math.mul(z, h), tf.math.mul(keep, candidate));
    return List.of(next);
  }

  @Override
  void putExtraConfig(Map<String, Object> config) {
    config.put("reset_after", resetAfter);
  }

  /**
   * Creates a GRU (reset_after, tanh / sigmoid) from a Keras 2 {@code CuDNNGRU} config; its saved weights are
   * converted from the CuDNN layout when read ({@link LegacyWeights}).
   */
  public static GRU fromCudnnConfig(Map<String, Object> config) {
    Map<String, Object> c = new java.util.LinkedHashMap<>(config);
    c.remove("activation");
    c.remove("recurrent_activation");
    c.put("reset_after", true);
    GRU layer = fromConfig(c);
    layer.fromCudnn = true;
    return layer;
  }

  /** Creates the layer from its Keras config (Keras 2 and 3 keys; reset_after defaults to true). */
  public static GRU fromConfig(Map<String, Object> config) {
    GRU layer = new GRU(Configs.getInt(config, "units", "GRU"));
    layer.recurrentActivation(activationByName(
        config.containsKey("recurrent_activation")
            ? Configs.getActivation(config, "recurrent_activation", "GRU") : "sigmoid",
        "GRU", "recurrent_activation"));
    layer.resetAfter(Configs.getBoolean(config, "reset_after", "GRU", true));
    return applyRecurrentConfig(layer, config, "GRU");
  }
}
