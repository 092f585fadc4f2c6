package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * What {@link Layer#build} receives: the only way a layer creates its weights, as Keras's {@code add_weight}.
 */
public final class BuildContext {
  private final Layer layer;
  private final List<Weight> created;
  private final String prefix;

  BuildContext(Layer layer) {
    this.layer = layer;
    this.created = new ArrayList<>();
    this.prefix = "";
  }

  /** A context for a wrapped layer (Bidirectional, TimeDistributed): weights named {@code prefix + name}. */
  private BuildContext(BuildContext parent, String prefix) {
    this.layer = parent.layer;
    this.created = parent.created;
    this.prefix = parent.prefix + prefix;
  }

  /** Returns a context whose weights belong to the same layer, named with {@code prefix} in front. */
  BuildContext nested(String prefix) {
    return new BuildContext(this, prefix);
  }

  /**
   * Creates a weight of this layer.
   *
   * @param name the weight's name within the layer, e.g. {@code kernel}; unique per layer
   * @param shape its shape; every dimension known
   * @param initializer how to fill it; an initializer without its own seed gets one from the Keras session
   * @param trainable whether gradients update it
   * @return the weight; keep it in a field and read it in {@code call} with {@link CallContext#read(Weight)}
   */
  public Weight addWeight(String name, Shape shape, Initializer initializer, boolean trainable) {
    requireNonNull(name, "name");
    requireNonNull(shape, "shape");
    requireNonNull(initializer, "initializer");
    name = prefix + name;
    for (Weight w : created) {
      if (w.name().equals(name)) {
        throw new IllegalArgumentException(
            "Layer '" + layer.name() + "' already has a weight named '" + name + "'.");
      }
    }
    long seed = initializer.seed() != null ? initializer.seed() : KerasContext.current().nextSeed();
    Weight weight = new Weight(layer.name(), name, shape.asArray(), initializer, seed, trainable);
    // kernel_regularizer applies to 'kernel', depthwise_regularizer to 'depthwise_kernel', gamma_… to 'gamma'.
    String key = name.endsWith("_kernel") ? name.substring(0, name.length() - "_kernel".length()) : name;
    weight.regularize(layer.weightRegularizer(key), layer.weightConstraint(key));
    created.add(weight);
    return weight;
  }

  List<Weight> created() {
    return created;
  }
}
