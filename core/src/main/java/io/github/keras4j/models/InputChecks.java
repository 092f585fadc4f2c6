package io.github.keras4j.models;

import io.github.keras4j.layers.IncompatibleShapeException;
import io.github.keras4j.layers.Shapes;
import io.github.keras4j.losses.Loss;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * Checks data against a model before a loop runs (Keras's input-spec and loss-target checks): input count and
 * shapes, label count, and labels that fit each output's loss. Builds a deferred model from the data's shape.
 */
final class InputChecks {
  private InputChecks() {}

  /**
   * Checks {@code source} for {@code what} ({@code fit}, {@code evaluate}, {@code predict}).
   *
   * @throws IllegalArgumentException if counts or labels do not fit the model
   * @throws IncompatibleShapeException if an input's sample shape does not fit
   */
  static void check(Model model, BatchSource source, boolean needLabels, String what) {
    List<long[]> samples = source.sampleShapes();
    if (!model.isBuilt()) {
      model.buildIfNeeded(samples.get(0));
    }
    String name = model.name();
    List<Shape> expectedShapes = model.inputShapes();
    List<String> inputNames = model.inputNames();
    List<String> outputNames = model.outputNames();
    boolean several = expectedShapes.size() > 1 || outputNames.size() > 1;
    if (samples.size() != expectedShapes.size()) {
      throw new IllegalArgumentException(
          what + ": model '" + name + "' expects " + expectedShapes.size() + " input array(s) " + inputNames
              + ", but got " + samples.size() + ".");
    }
    for (int i = 0; i < samples.size(); i++) {
      Shape expected = expectedShapes.get(i);
      Shape received = Shapes.batchOf(samples.get(i));
      if (!Shapes.compatible(expected, received)) {
        String input = several ? "Input " + i + " ('" + inputNames.get(i) + "')" : "Input " + i;
        throw new IncompatibleShapeException(
            name,
            Shapes.format(expected),
            Shapes.format(received),
            input + " of model '" + name + "' is incompatible with the model: expected shape="
                + Shapes.format(expected) + ", but received input with shape=" + Shapes.format(received)
                + " (in " + what + ").");
      }
    }
    if (needLabels) {
      checkLabels(model, source, what, several);
    }
  }

  private static void checkLabels(Model model, BatchSource source, String what, boolean several) {
    List<Integer> labelSizes = source.labelSizes();
    if (labelSizes.isEmpty()) {
      throw new IllegalArgumentException(what + ": the data has no labels, but training and evaluation need them.");
    }
    CompileConfig config = model.compileConfig();
    List<String> outputNames = model.outputNames();
    config.checkLossCount(model.name(), outputNames);
    int outputs = outputNames.size();
    if (labelSizes.size() != outputs) {
      throw new IllegalArgumentException(
          what + ": model '" + model.name() + "' has " + outputs + " output(s) " + outputNames + " and needs one"
              + " label array per output, but got " + labelSizes.size() + ".");
    }
    List<Shape> outputShapes = model.outputShapes();
    for (int o = 0; o < outputs; o++) {
      Loss l = config.lossFor(o);
      Shape outputShape = outputShapes.get(o);
      long units = Shapes.sampleSize(outputShape);
      int labelSize = labelSizes.get(o);
      String prefix = several ? what + " (output '" + outputNames.get(o) + "')" : what;
      if (l.sparseLabels()) {
        if (labelSize != 1) {
          throw new IllegalArgumentException(
              prefix + ": " + l.name() + " expects one class index per sample, but the labels have "
                  + labelSize + " values per sample; use categorical_crossentropy for one-hot labels.");
        }
        if (source instanceof ArrayBatches arrays) {
          checkClassIndices(arrays.labels(o), units, prefix);
        }
      } else if (labelSize != units) {
        throw new IllegalArgumentException(
            prefix + ": " + l.name() + " expects labels shaped like the output " + Shapes.format(outputShape)
                + ", but the labels have " + labelSize + " values per sample"
                + (units > 1 && labelSize == 1 ? "; use sparse_categorical_crossentropy for class indices." : "."));
      }
    }
  }

  private static void checkClassIndices(float[] labels, long units, String prefix) {
    for (int i = 0; i < labels.length; i++) {
      float v = labels[i];
      if (!(v >= 0 && v < units) || v != Math.rint(v)) {
        throw new IllegalArgumentException(
            prefix + ": label " + v + " at index " + i + " is outside the valid range [0, " + units
                + ") of class indices for a model with " + units + " outputs.");
      }
    }
  }
}
