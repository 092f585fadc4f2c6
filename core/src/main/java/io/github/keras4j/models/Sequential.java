package io.github.keras4j.models;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Shapes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A plain stack of layers, each feeding the next, as Keras's {@code Sequential}.
 *
 * <p>The input shape comes from the first layer's {@code inputShape(...)} or a leading {@link InputLayer}; with
 * it, each layer is built as it is added and {@link #summary()} works at once. Without it, the model is built on
 * its first {@code fit} or {@code predict}. As in Keras, {@link #layers()} does not list the input layer.
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
  private final List<Shape> outputShapes = new ArrayList<>();
  private InputLayer inputLayer;
  private Shape inputShape;

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

  /**
   * Appends a layer. An {@link InputLayer} may only come first and sets the input shape; the first other layer's
   * declared {@code inputShape} does the same. With a known input shape the layer is built now.
   *
   * @throws IllegalArgumentException if a layer with the same name is already in the model
   * @throws io.github.keras4j.layers.IncompatibleShapeException if the layer cannot take the previous output
   */
  public Sequential add(Layer layer) {
    requireNonNull(layer, "layer");
    if (layer instanceof InputLayer input) {
      if (inputLayer != null || !layers.isEmpty()) {
        throw new IllegalArgumentException(
            "An InputLayer can only be the first layer of a Sequential model, but model '" + name()
                + "' already has " + (inputLayer != null ? "an input layer" : layers.size() + " layers") + ".");
      }
      inputLayer = input;
      inputShape = input.batchInputShape();
      return this;
    }
    for (Layer existing : layers) {
      if (existing == layer || existing.name().equals(layer.name())) {
        throw new IllegalArgumentException(
            "All layers added to a Sequential model should have unique names. Name \"" + layer.name()
                + "\" is already the name of a layer in this model. Update the `name` argument to pass a unique"
                + " name.");
      }
    }
    Shape candidateInput = inputShape;
    if (layers.isEmpty() && candidateInput == null && layer.declaredInputShape() != null) {
      candidateInput = layer.declaredInputShape();
    }
    if (candidateInput != null) {
      Shape previous = layers.isEmpty() ? candidateInput : outputShapes.get(outputShapes.size() - 1);
      Shape output = layer.ensureBuilt(previous);
      outputShapes.add(output);
    }
    inputShape = candidateInput;
    layers.add(layer);
    return this;
  }

  /**
   * Removes the last layer.
   *
   * @throws IllegalStateException if the model has no layers
   */
  public Sequential pop() {
    if (layers.isEmpty()) {
      throw new IllegalStateException("There are no layers in the model '" + name() + "'.");
    }
    layers.remove(layers.size() - 1);
    if (!outputShapes.isEmpty()) {
      outputShapes.remove(outputShapes.size() - 1);
    }
    return this;
  }

  /**
   * Builds the model for input samples of this shape (Keras's {@code build(input_shape)} without the batch).
   *
   * @throws IllegalStateException if the model already has an input shape
   */
  public Sequential build(int... sampleShape) {
    long[] dims = new long[sampleShape.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = sampleShape[i];
    }
    if (inputShape != null) {
      throw new IllegalStateException(
          "Model '" + name() + "' already has input shape " + Shapes.format(inputShape) + ".");
    }
    buildFor(dims);
    return this;
  }

  @Override
  protected void buildFor(long[] sampleShape) {
    if (inputShape != null) {
      return;
    }
    Shape shape = Shapes.batchOf(sampleShape);
    List<Shape> shapes = new ArrayList<>();
    Shape current = shape;
    for (Layer layer : layers) {
      current = layer.ensureBuilt(current);
      shapes.add(current);
    }
    outputShapes.clear();
    outputShapes.addAll(shapes);
    inputShape = shape;
  }

  @Override
  public List<Layer> layers() {
    return Collections.unmodifiableList(new ArrayList<>(layers));
  }

  /** Returns the leading input layer, or {@code null} if the input shape came from a layer's inputShape. */
  public InputLayer inputLayer() {
    return inputLayer;
  }

  @Override
  public boolean isBuilt() {
    return inputShape != null && !layers.isEmpty() && outputShapes.size() == layers.size();
  }

  @Override
  public Shape inputShape() {
    if (inputShape == null) {
      throw new IllegalStateException(
          "Model '" + name() + "' has no input shape yet; give the first layer an inputShape(...).");
    }
    return inputShape;
  }

  @Override
  public Shape outputShape() {
    if (!isBuilt()) {
      throw new IllegalStateException("Model '" + name() + "' is not built yet.");
    }
    return outputShapes.get(outputShapes.size() - 1);
  }

  @Override
  protected List<Shape> layerOutputShapes() {
    return List.copyOf(outputShapes);
  }

  @Override
  protected Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
    Operand<TFloat32> h = x;
    for (Layer layer : layers) {
      h = layer.call(tf, h, ctx);
    }
    return h;
  }
}
