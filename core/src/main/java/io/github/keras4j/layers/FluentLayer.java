package io.github.keras4j.layers;

import io.github.keras4j.regularizers.Regularizer;

/**
 * A {@link Layer} whose fluent setters return its own class {@code L}, so that chains keep the type:
 * {@code new Conv2D(32, 3).name("conv").padding("same")} is a {@code Conv2D}. It overrides Layer's setters
 * ({@code name}, {@code inputShape}, {@code trainable}, {@code activityRegularizer}) with covariant returns; the
 * base classes of the built-in layers ({@link KernelLayer}, {@link DataFormatLayer}) build on it.
 *
 * <pre>{@code
 * class Scale extends FluentLayer<Scale> { ... }   // new Scale().name("s") is a Scale
 * }</pre>
 *
 * @param <L> the concrete layer class
 */
public abstract class FluentLayer<L extends FluentLayer<L>> extends Layer {
  /** Creates an unconfigured layer. */
  protected FluentLayer() {}

  /** Returns this layer as its concrete class, for fluent setters. */
  @SuppressWarnings("unchecked")
  protected final L self() {
    return (L) this;
  }

  @Override
  public L activityRegularizer(Regularizer regularizer) {
    super.activityRegularizer(regularizer);
    return self();
  }

  @Override
  public L name(String name) {
    super.name(name);
    return self();
  }

  @Override
  public L inputShape(int... sampleShape) {
    super.inputShape(sampleShape);
    return self();
  }

  @Override
  public L trainable(boolean trainable) {
    super.trainable(trainable);
    return self();
  }
}
