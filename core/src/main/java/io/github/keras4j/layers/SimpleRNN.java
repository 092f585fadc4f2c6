package io.github.keras4j.layers;

import io.github.keras4j.activations.ActivationFunction;
import io.github.keras4j.initializers.Initializer;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected recurrent layer, as Keras's {@code SimpleRNN}:
 * {@code h_t = activation(x_t·kernel + h_{t-1}·recurrent_kernel + bias)} (default tanh).
 *
 * <p>Weights {@code kernel} {@code (features, units)}, {@code recurrent_kernel} {@code (units, units)},
 * {@code bias} {@code (units)}; defaults glorot_uniform / orthogonal / zeros. Options, masks and how the loop
 * runs: see {@link Recurrent}.
 *
 * <pre>{@code
 * new SimpleRNN(16).returnSequences(true)
 * }</pre>
 */
public class SimpleRNN extends Recurrent<SimpleRNN> {
  /**
   * Creates the layer.
   *
   * @param units the dimension of the output and the state; positive
   */
  public SimpleRNN(int units) {
    super(units);
  }

  @Override
  int gates() {
    return 1;
  }

  @Override
  List<Operand<TFloat32>> step(
      Ops tf, Cell cell, Operand<TFloat32> xp, List<Operand<TFloat32>> states, Operand<TFloat32> hr) {
    return List.of(activation.apply(tf, addRecurrent(tf, xp, hr, cell.recurrentKernel())));
  }

  @Override
  void putRecurrentActivation(Map<String, Object> config) {}

  /** Creates the layer from its Keras config. */
  public static SimpleRNN fromConfig(Map<String, Object> config) {
    return applyRecurrentConfig(new SimpleRNN(Configs.getInt(config, "units", "SimpleRNN")), config, "SimpleRNN");
  }
}
