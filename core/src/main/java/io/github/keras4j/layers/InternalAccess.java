package io.github.keras4j.layers;

import io.github.keras4j.layers.internal.LayerInternals;
import io.github.keras4j.layers.internal.WeightStore;

/** The package-private operations of {@code layers} handed to {@link LayerInternals} (not API). */
final class InternalAccess implements LayerInternals.Access {
  static final InternalAccess INSTANCE = new InternalAccess();

  private InternalAccess() {}

  @Override
  public float[] adopt(Weight weight, WeightStore newStore) {
    return weight.adopt(newStore);
  }

  @Override
  public boolean isHeldBy(Weight weight, WeightStore candidate) {
    return weight.isHeldBy(candidate);
  }

  @Override
  public void dropHostCopy(Weight weight, WeightStore holder) {
    weight.dropHostCopy(holder);
  }

  @Override
  public void release(Weight weight, WeightStore oldStore, float[] finalValue) {
    weight.release(oldStore, finalValue);
  }

  @Override
  public void removeInboundNode(Layer layer, Node node) {
    layer.removeInboundNode(node);
  }
}
