package io.github.keras4j.optimizers;

import io.github.keras4j.layers.Weight;
import io.github.keras4j.optimizers.internal.OptimizerInternals;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The package-private operations of {@link Optimizer} handed to {@link OptimizerInternals} (not API). */
final class InternalAccess implements OptimizerInternals.Access {
  static final InternalAccess INSTANCE = new InternalAccess();

  private InternalAccess() {}

  @Override
  public double learningRateAt(Optimizer optimizer, long step) {
    return optimizer.learningRateAt(step);
  }

  @Override
  public List<Op> applyGradients(Optimizer optimizer, Ops tf, List<Operand<TFloat32>> variables,
      List<Operand<TFloat32>> gradients, List<List<Operand<TFloat32>>> slotVariables,
      List<Operand<TFloat32>> globalVariables, Optimizer.Step step) {
    return optimizer.applyGradients(tf, variables, gradients, slotVariables, globalVariables, step);
  }

  @Override
  public List<Op> applyMovingAverages(Optimizer optimizer, Ops tf, List<Operand<TFloat32>> variables,
      List<Operand<TFloat32>> averages, Optimizer.Step step) {
    return optimizer.applyMovingAverages(tf, variables, averages, step);
  }

  @Override
  public Weight iterations(Optimizer optimizer) {
    return optimizer.iterations();
  }

  @Override
  public List<Weight> globalVariables(Optimizer optimizer) {
    return optimizer.globalVariables();
  }

  @Override
  public List<Weight> slotsFor(Optimizer optimizer, Weight weight) {
    return optimizer.slotsFor(weight);
  }
}
