package io.github.keras4j.layers;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.initializers.Initializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Long short-term memory, as Keras's {@code LSTM} (Hochreiter 1997), with Keras's gate order {@code i, f, c, o}:
 *
 * <pre>
 * z = x_t·kernel + h_{t-1}·recurrent_kernel + bias        (batch, 4·units), split into i, f, c̃, o
 * c_t = σ(f) ⊙ c_{t-1} + σ(i) ⊙ tanh(c̃)
 * h_t = σ(o) ⊙ tanh(c_t)
 * </pre>
 * where σ is the recurrent activation (default sigmoid) and tanh the activation. Weights {@code kernel}
 * {@code (features, 4·units)}, {@code recurrent_kernel} {@code (units, 4·units)}, {@code bias} {@code (4·units)};
 * defaults glorot_uniform / orthogonal / zeros with {@code unit_forget_bias} (the forget-gate bias starts at 1).
 * Options, masks and how the loop runs: see {@link Recurrent}.
 *
 * <pre>{@code
 * new LSTM(50).returnSequences(true).inputShape(100, 1)
 * }</pre>
 */
public class LSTM extends Recurrent<LSTM> {
  private boolean unitForgetBias = true;

  /**
   * Creates the layer.
   *
   * @param units the dimension of the output and the states; positive
   */
  public LSTM(int units) {
    super(units);
  }

  @Override
  int gates() {
    return 4;
  }

  @Override
  int stateCount() {
    return 2;
  }

  /** Returns whether the forget-gate bias is initialized to 1 (default true). */
  public boolean unitForgetBias() {
    return unitForgetBias;
  }

  /** Initializes the forget-gate bias to 1 (Keras's default, true) or with the bias initializer. */
  public LSTM unitForgetBias(boolean unitForgetBias) {
    checkNotBuilt("unitForgetBias");
    this.unitForgetBias = unitForgetBias;
    return this;
  }

  @Override
  Initializer effectiveBiasInitializer() {
    if (!unitForgetBias) {
      return biasInitializer;
    }
    Initializer base = biasInitializer;
    int u = units;
    return new Initializer() {
      @Override
      public float[] generate(long[] shape, long seed) {
        float[] out = new float[4 * u];
        System.arraycopy(base.generate(new long[] {u}, seed), 0, out, 0, u);
        java.util.Arrays.fill(out, u, 2 * u, 1f);
        System.arraycopy(base.generate(new long[] {2L * u}, seed + 1), 0, out, 2 * u, 2 * u);
        return out;
      }

      @Override
      public String className() {
        return base.className();
      }

      @Override
      public Map<String, Object> getConfig() {
        return base.getConfig();
      }

      @Override
      public Long seed() {
        return base.seed();
      }
    };
  }

  @Override
  List<Operand<TFloat32>> fused(Ops tf, Operand<TFloat32> x, org.tensorflow.Operand<org.tensorflow.types.TBool> mask,
      CallContext ctx, boolean backwards, List<Operand<TFloat32>> initial) {
    if (!FusedLstm.applies(this, mask != null, ctx.training()) || zeroOutputForMask && mask != null) {
      return null;
    }
    return FusedLstm.run(tf, this, x, ctx, backwards, initial);
  }

  @Override
  List<Operand<TFloat32>> step(
      Ops tf, Cell cell, Operand<TFloat32> xp, List<Operand<TFloat32>> states, Operand<TFloat32> hr) {
    Operand<TFloat32> z = addRecurrent(tf, xp, hr, cell.recurrentKernel());
    List<? extends Operand<TFloat32>> g = tf.split(tf.constant(1), z, 4L).output();
    Operand<TFloat32> i = recurrentActivation.apply(tf, g.get(0));
    Operand<TFloat32> candidate = tf.math.mul(i, activation.apply(tf, g.get(2)));
    Operand<TFloat32> c = states.get(1) == null
        ? candidate
        : tf.math.add(tf.math.mul(recurrentActivation.apply(tf, g.get(1)), states.get(1)), candidate);
    Operand<TFloat32> h = tf.math.mul(recurrentActivation.apply(tf, g.get(3)), activation.apply(tf, c));
    return List.of(h, c);
  }

  @Override
  void putExtraConfig(Map<String, Object> config) {
    config.put("unit_forget_bias", unitForgetBias);
  }

  /**
   * Creates an LSTM from a Keras 2 {@code CuDNNLSTM} config (tanh / sigmoid, unit_forget_bias); its saved weights
   * are converted from the CuDNN layout when read ({@link LegacyWeights}).
   */
  public static LSTM fromCudnnConfig(Map<String, Object> config) {
    Map<String, Object> c = new LinkedHashMap<>(config);
    c.remove("activation");
    c.remove("recurrent_activation");
    LSTM layer = fromConfig(c);
    layer.fromCudnn = true;
    return layer;
  }

  /** Creates the layer from its Keras config (Keras 2 and 3 keys). */
  public static LSTM fromConfig(Map<String, Object> config) {
    LSTM layer = new LSTM(Configs.getInt(config, "units", "LSTM"));
    layer.recurrentActivation(activationByName(
        config.containsKey("recurrent_activation")
            ? Configs.getActivation(config, "recurrent_activation", "LSTM") : "sigmoid",
        "LSTM", "recurrent_activation"));
    layer.unitForgetBias(Configs.getBoolean(config, "unit_forget_bias", "LSTM", true));
    return applyRecurrentConfig(layer, config, "LSTM");
  }
}
