package io.github.keras4j.layers.internal;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Node;
import io.github.keras4j.layers.Weight;

/**
 * Not API: the package-private operations of {@code io.github.keras4j.layers} that {@code backend} and
 * {@code models} call — a weight changing hands between {@link WeightStore}s, and a {@code Sequential} forgetting a
 * popped layer's call. {@code layers} hands its implementation over when {@link Weight} is initialized, so these
 * methods are the only way in, and they are not part of the public API (see the package documentation).
 */
public final class LayerInternals {
  private static volatile Access access;

  private LayerInternals() {}

  /** What {@code io.github.keras4j.layers} implements; see the static methods of {@link LayerInternals}. */
  public interface Access {
    /** See {@link LayerInternals#adopt}. */
    float[] adopt(Weight weight, WeightStore newStore);

    /** See {@link LayerInternals#isHeldBy}. */
    boolean isHeldBy(Weight weight, WeightStore candidate);

    /** See {@link LayerInternals#dropHostCopy}. */
    void dropHostCopy(Weight weight, WeightStore holder);

    /** See {@link LayerInternals#release}. */
    void release(Weight weight, WeightStore oldStore, float[] finalValue);

    /** See {@link LayerInternals#removeInboundNode}. */
    void removeInboundNode(Layer layer, Node node);
  }

  /**
   * Called once by {@code io.github.keras4j.layers}.
   *
   * @throws IllegalStateException if the caller is not {@code layers}' own implementation, or one is set already
   */
  public static synchronized void register(Access implementation) {
    requireNonNull(implementation, "implementation");
    if (!implementation.getClass().getPackageName().equals(Layer.class.getPackageName()) || access != null) {
      throw new IllegalStateException("LayerInternals: only io.github.keras4j.layers registers its access, once.");
    }
    access = implementation;
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      try {
        Class.forName(Weight.class.getName(), true, Weight.class.getClassLoader()); // registers in <clinit>
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = access;
    }
    return a;
  }

  /**
   * Makes {@code newStore} the holder of the weight's truth, first taking the current value from the previous
   * holder; returns the value the new store must start from.
   */
  public static float[] adopt(Weight weight, WeightStore newStore) {
    return access().adopt(weight, newStore);
  }

  /** Returns whether {@code candidate} holds the weight's truth now. */
  public static boolean isHeldBy(Weight weight, WeightStore candidate) {
    return access().isHeldBy(weight, candidate);
  }

  /**
   * Tells the weight that {@code holder}, which adopted it, now holds the value {@link #adopt} returned, so that
   * the weight drops its Java copy (no-op if another store holds it). Call it once the value is in the store, so
   * that a store that fails before can still release the weight with {@code finalValue == null}.
   */
  public static void dropHostCopy(Weight weight, WeightStore holder) {
    access().dropHostCopy(weight, holder);
  }

  /** {@code oldStore} hands the weight back with its final value (no-op if another store holds it). */
  public static void release(Weight weight, WeightStore oldStore, float[] finalValue) {
    access().release(weight, oldStore, finalValue);
  }

  /** Forgets a call of {@code layer} (when a {@code Sequential} model pops the layer). */
  public static void removeInboundNode(Layer layer, Node node) {
    access().removeInboundNode(layer, node);
  }
}
