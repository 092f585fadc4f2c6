package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Shapes;
import io.github.keras4j.layers.internal.LayerInternals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * A plain stack of layers, each feeding the next, as Keras's {@code Sequential}.
 *
 * <p>A built Sequential is a functional model of its layers in a chain, as in Keras: it runs through the same
 * forward path (masks included) as any functional model. The input shape comes from the first layer's {@code inputShape(...)} or a leading {@link InputLayer}; with
 * it, each layer is built (and called on the previous layer's output tensor, as in Keras) as it is added, and
 * {@link #summary()} works at once. Without it, the model is built on its first {@code fit} or {@code predict}. As
 * in Keras, {@link #layers()} does not list the input layer. Layers taken from another model keep their weights
 * (the VGG16 episode copies a model's layers into a Sequential this way).
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *     new Dense(16).inputShape(1).activation("relu"),
 *     new Dense(32).activation("relu"),
 *     new Dense(2).activation("softmax"));
 * model.summary();
 * }</pre>
 */
public class Sequential extends Model {
  private final List<Layer> layers = new ArrayList<>();
  private final List<KerasTensor> outputs = new ArrayList<>();
  private InputLayer inputLayer;
  private KerasTensor input;
  /** The chain of this model's layer calls, as Keras's Sequential keeps its {@code _functional}; rebuilt lazily. */
  private FunctionalGraph chain;

  /** Creates an empty model; add layers with {@link #add(Layer)}. */
  public Sequential() {
    super("sequential");
  }

  /** Creates a model from layers, in order. */
  public Sequential(Layer... layers) {
    this(List.of(requireNonNull(layers, "layers")));
  }

  /** Creates a model from layers, in order. */
  public Sequential(List<? extends Layer> layers) {
    super("sequential");
    for (Layer layer : requireNonNull(layers, "layers")) {
      add(layer);
    }
  }

  @Override
  public Sequential name(String name) {
    super.name(name);
    return this;
  }

  /** Returns {@code Sequential}, Keras's class name. */
  @Override
  public String className() {
    return "Sequential";
  }

  /**
   * Appends a layer. An {@link InputLayer} may only come first and sets the input shape; the first other layer's
   * declared {@code inputShape} does the same. With a known input shape the layer is built (and called) now.
   *
   * @throws IllegalArgumentException if a layer with the same name is already in the model
   * @throws io.github.keras4j.layers.IncompatibleShapeException if the layer cannot take the previous output
   */
  public Sequential add(Layer layer) {
    requireNonNull(layer, "layer");
    chain = null;
    if (layer instanceof InputLayer in) {
      if (inputLayer != null || !layers.isEmpty()) {
        throw new IllegalArgumentException(
            "An InputLayer can only be the first layer of a Sequential model, but model '" + name()
                + "' already has " + (inputLayer != null ? "an input layer" : layers.size() + " layers") + ".");
      }
      inputLayer = in;
      input = in.output();
      return this;
    }
    if (layer instanceof Model nested && nested.contains(this)) {
      throw new IllegalArgumentException(
          "Cannot add model '" + nested.name() + "' to Sequential '" + name() + "': "
              + (nested == this ? "a model cannot contain itself" : "it contains '" + name() + "'")
              + ", which would make a cycle of nested models.");
    }
    if (layer.outputCount() != 1) {
      throw new IllegalArgumentException(
          "All layers in a Sequential model should have a single output tensor. For multi-output layers, use the"
              + " functional API. (Layer '" + layer.name() + "' returns " + layer.outputCount() + " tensors.)");
    }
    for (Layer existing : layers) {
      if (existing == layer || existing.name().equals(layer.name())) {
        throw new IllegalArgumentException(
            "All layers added to a Sequential model should have unique names. Name \"" + layer.name()
                + "\" is already the name of a layer in this model. Update the `name` argument to pass a unique"
                + " name.");
      }
    }
    if (layers.isEmpty() && input == null && layer.declaredInputShape() != null) {
      InputLayer auto =
          new InputLayer(toInts(Shapes.sampleDims(layer.declaredInputShape()))).name(layer.name() + "_input");
      KerasTensor out = layer.apply(auto.output());
      inputLayer = auto;
      input = auto.output();
      outputs.add(out);
    } else if (input != null) {
      outputs.add(layer.apply(lastOutput()));
    }
    layers.add(layer);
    return this;
  }

  private KerasTensor lastOutput() {
    return outputs.isEmpty() ? input : outputs.get(outputs.size() - 1);
  }

  private static int[] toInts(long[] dims) {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = Math.toIntExact(dims[i]);
    }
    return out;
  }

  /**
   * Removes the last layer.
   *
   * @throws IllegalStateException if the model has no layers
   */
  public Sequential pop() {
    chain = null;
    if (layers.isEmpty()) {
      throw new IllegalStateException("There are no layers in the model '" + name() + "'.");
    }
    Layer removed = layers.remove(layers.size() - 1);
    if (outputs.size() > layers.size()) {
      KerasTensor out = outputs.remove(outputs.size() - 1);
      LayerInternals.removeInboundNode(removed, out.node());
    }
    if (layers.isEmpty()) {
      // As Keras: an empty model forgets its inputs, so the next first layer decides the input shape again.
      input = null;
      inputLayer = null;
      outputs.clear();
    }
    return this;
  }

  /**
   * Builds the model for input samples of this shape (Keras's {@code build(input_shape)} without the batch).
   *
   * @throws IllegalStateException if the model already has an input shape
   */
  public Sequential build(int... sampleShape) {
    if (input != null) {
      throw new IllegalStateException(
          "Model '" + name() + "' already has input shape " + Shapes.format(input.shape()) + ".");
    }
    buildFor(java.util.Arrays.stream(sampleShape).asLongStream().toArray());
    return this;
  }

  @Override
  protected void buildFor(long[] sampleShape) {
    if (input != null) {
      return;
    }
    String base = layers.isEmpty() ? name() : layers.get(0).name();
    InputLayer auto = new InputLayer(toInts(sampleShape)).name(base + "_input");
    KerasTensor current = auto.output();
    List<KerasTensor> built = new ArrayList<>();
    try {
      for (Layer layer : layers) {
        current = layer.apply(current);
        built.add(current);
      }
    } catch (RuntimeException e) {
      for (int i = 0; i < built.size(); i++) {
        LayerInternals.removeInboundNode(layers.get(i), built.get(i).node());
      }
      throw e;
    }
    inputLayer = auto;
    input = auto.output();
    outputs.clear();
    outputs.addAll(built);
    chain = null;
  }

  @Override
  public List<Layer> layers() {
    return Collections.unmodifiableList(new ArrayList<>(layers));
  }

  /** Returns the input layer (given or created from the first layer's input shape), or {@code null}. */
  public InputLayer inputLayer() {
    return inputLayer;
  }

  @Override
  public List<KerasTensor> inputs() {
    requireBuilt();
    return List.of(input);
  }

  @Override
  public List<KerasTensor> outputs() {
    requireBuilt();
    return List.of(lastOutput());
  }

  private void requireBuilt() {
    if (!isBuilt()) {
      throw new IllegalStateException(
          "Model '" + name() + "' has no input shape yet; give the first layer an inputShape(...) or build it.");
    }
  }

  @Override
  public boolean isBuilt() {
    return input != null && !layers.isEmpty() && outputs.size() == layers.size();
  }

  @Override
  public Shape inputShape() {
    if (input == null) {
      throw new IllegalStateException(
          "Model '" + name() + "' has no input shape yet; give the first layer an inputShape(...).");
    }
    return input.shape();
  }

  @Override
  public Shape outputShape() {
    requireBuilt();
    return lastOutput().shape();
  }

  @Override
  protected List<Shape> layerOutputShapes() {
    return outputs.stream().map(KerasTensor::shape).toList();
  }

  @Override
  FunctionalGraph graph() {
    requireBuilt();
    if (chain == null) {
      chain = new FunctionalGraph(name(), List.of(input), List.of(lastOutput()));
    }
    return chain;
  }
}
