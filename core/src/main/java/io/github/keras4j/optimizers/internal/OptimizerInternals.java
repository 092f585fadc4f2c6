package io.github.keras4j.optimizers.internal;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.Weight;
import io.github.keras4j.optimizers.Optimizer;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Not API: the package-private operations of {@link Optimizer} that {@code backend} (the update of a training
 * step), {@code saving} (optimizer state in model files) and {@code keras4j-spark} (averaging optimizer state)
 * call. {@code optimizers} hands its implementation over when {@link Optimizer} is initialized.
 */
public final class OptimizerInternals {
  private static volatile Access access;

  private OptimizerInternals() {}

  /** What {@code io.github.keras4j.optimizers} implements; see the static methods of {@link OptimizerInternals}. */
  public interface Access {
    /** See {@link OptimizerInternals#learningRateAt}. */
    double learningRateAt(Optimizer optimizer, long step);

    /** See {@link OptimizerInternals#applyGradients}. */
    List<Op> applyGradients(Optimizer optimizer, Ops tf, List<Operand<TFloat32>> variables,
        List<Operand<TFloat32>> gradients, List<List<Operand<TFloat32>>> slotVariables,
        List<Operand<TFloat32>> globalVariables, Optimizer.Step step);

    /** See {@link OptimizerInternals#applyMovingAverages}. */
    List<Op> applyMovingAverages(Optimizer optimizer, Ops tf, List<Operand<TFloat32>> variables,
        List<Operand<TFloat32>> averages, Optimizer.Step step);

    /** See {@link OptimizerInternals#iterations}. */
    Weight iterations(Optimizer optimizer);

    /** See {@link OptimizerInternals#globalVariables}. */
    List<Weight> globalVariables(Optimizer optimizer);

    /** See {@link OptimizerInternals#slotsFor}. */
    List<Weight> slotsFor(Optimizer optimizer, Weight weight);
  }

  /**
   * Called once by {@code io.github.keras4j.optimizers}.
   *
   * @throws IllegalStateException if the caller is not {@code optimizers}' own implementation, or one is set already
   */
  public static synchronized void register(Access implementation) {
    requireNonNull(implementation, "implementation");
    if (!implementation.getClass().getPackageName().equals(Optimizer.class.getPackageName()) || access != null) {
      throw new IllegalStateException(
          "OptimizerInternals: only io.github.keras4j.optimizers registers its access, once.");
    }
    access = implementation;
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(Optimizer.class.getName(), true, Optimizer.class.getClassLoader()); // registers in <clinit>
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = access;
    }
    return a;
  }

  /**
   * The learning rate of the update at {@code step} (0-based), checked.
   *
   * @throws IllegalStateException if a schedule returns NaN, an infinity or a negative rate
   */
  public static double learningRateAt(Optimizer optimizer, long step) {
    return access().learningRateAt(optimizer, step);
  }

  /**
   * Adds the whole update of a step — clipping, weight decay, then {@link Optimizer#applyDense} per weight — and
   * returns its ops.
   *
   * @param variables the trained weights' variables
   * @param gradients their gradients, in the same order
   * @param slotVariables their slots
   * @param globalVariables the variables of {@link #globalVariables}, in order
   */
  public static List<Op> applyGradients(Optimizer optimizer, Ops tf, List<Operand<TFloat32>> variables,
      List<Operand<TFloat32>> gradients, List<List<Operand<TFloat32>>> slotVariables,
      List<Operand<TFloat32>> globalVariables, Optimizer.Step step) {
    return access().applyGradients(optimizer, tf, variables, gradients, slotVariables, globalVariables, step);
  }

  /**
   * Adds Keras 3's moving-average block ({@code use_ema}) after a step's update; an empty list without
   * {@link Optimizer#useEma()}.
   *
   * @param tf ops that run after the step's whole update
   * @param variables the trained weights' variables
   * @param averages their {@link Optimizer#averageFor average} variables, in the same order
   */
  public static List<Op> applyMovingAverages(Optimizer optimizer, Ops tf, List<Operand<TFloat32>> variables,
      List<Operand<TFloat32>> averages, Optimizer.Step step) {
    return access().applyMovingAverages(optimizer, tf, variables, averages, step);
  }

  /** The {@code iterations} counter as a weight (a float scalar). */
  public static Weight iterations(Optimizer optimizer) {
    return access().iterations(optimizer);
  }

  /** The optimizer's scalar variables besides {@code iterations} (Nadam's {@code u_product}). */
  public static List<Weight> globalVariables(Optimizer optimizer) {
    return access().globalVariables(optimizer);
  }

  /** The slots of a trainable weight, created on first use. */
  public static List<Weight> slotsFor(Optimizer optimizer, Weight weight) {
    return access().slotsFor(optimizer, weight);
  }
}
