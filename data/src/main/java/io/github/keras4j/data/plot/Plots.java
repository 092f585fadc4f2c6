package io.github.keras4j.data.plot;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.History;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Draws the course's figures into PNG files, in matplotlib's look: a confusion matrix as scikit-learn's
 * {@code plot_confusion_matrix} recipe, the loss and metric curves of a {@link History}, and a batch of images as
 * the course's {@code plotImages}.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(testLabels, ConfusionMatrix.argmax(predictions));
 * Plots.confusionMatrix(cm, List.of("no_side_effects", "had_side_effects"), "Confusion Matrix", Path.of("cm.png"));
 * Plots.history(model.fit(x, y, new FitOptions().validationSplit(0.1).epochs(30)), Path.of("history.png"));
 * Plots.images(trainBatches.next().images(), Path.of("batch.png"));
 * }</pre>
 *
 * <p>Figures are drawn with Java2D on a {@link BufferedImage}, so they work on headless machines (no display, no
 * {@code java.awt.headless} setting needed). Text uses DejaVu Sans, matplotlib's default font, where it is installed,
 * and the logical {@code SansSerif} font otherwise. Every method creates the missing parent folders and writes
 * atomically: the PNG is written to a temporary file beside the target and then moved over it, so a reader never
 * sees half a file. The file is PNG whatever its name's extension.
 */
public final class Plots {

  private Plots() {}

  /**
   * Draws a confusion matrix of counts into a PNG file, as the course's {@code plot_confusion_matrix(cm, classes,
   * title=title)}.
   *
   * @see #confusionMatrix(ConfusionMatrix, List, String, boolean, Path)
   */
  public static void confusionMatrix(ConfusionMatrix cm, List<String> classNames, String title, Path path)
      throws IOException {
    confusionMatrix(cm, classNames, title, false, path);
  }

  /**
   * Draws a confusion matrix into a PNG file, as the course's {@code plot_confusion_matrix(cm, classes, normalize,
   * title)} on matplotlib: each cell colored by its value with the {@code Blues} colormap (light for the smallest
   * value, dark blue for the largest), the value written in the cell (white where it is above half the largest
   * value, black elsewhere), the title above, a colorbar on the right, the class names as tick labels (rotated 45°
   * under the matrix), and the axis labels "True label" (rows) and "Predicted label" (columns).
   *
   * <p>With {@code normalize}, each row is divided by its total ({@link ConfusionMatrix#normalized()}), the cells
   * show two decimals, and the colors follow the normalized values, as scikit-learn's
   * {@code ConfusionMatrixDisplay} does (the course's recipe colors by the raw counts). The figure is 800 × 600
   * pixels, larger when many classes need bigger cells.
   *
   * @param cm the matrix to draw
   * @param classNames one name per class, in class-index order
   * @param title the title over the matrix; empty for none
   * @param normalize whether to show each row as fractions of its total
   * @param path the PNG file to write; its parent folders are created
   * @throws IllegalArgumentException if the number of names is not {@code cm.numClasses()}
   * @throws IOException if the file cannot be written
   */
  public static void confusionMatrix(
      ConfusionMatrix cm, List<String> classNames, String title, boolean normalize, Path path) throws IOException {
    requireNonNull(path, "path");
    BufferedImage image = ConfusionMatrixFigure.renderConfusionMatrix(cm, classNames, title, normalize);
    Figure.writePng(image, path);
  }

  /**
   * Draws the training curves of a {@code fit} run into a PNG file, as the usual matplotlib figure of a Keras
   * {@code History} ({@code plt.plot(history.history['loss'])}, {@code plt.plot(history.history['val_loss'])}, one
   * subplot per quantity): a panel with the loss series ({@code loss}, and {@code val_loss} when validation ran;
   * every key with "loss" in its name), then one panel per metric with its validation series ({@code accuracy}
   * and {@code val_accuracy}, {@code precision} and {@code val_precision}, …), in the order Keras logged them. x is
   * the epoch, counted from 1; each panel has a title, axis labels, tick labels and a legend naming the series by
   * their keys, and starts matplotlib's color cycle anew (training blue, validation orange). Panels are
   * 640 × 520 pixels, three to a row.
   *
   * <pre>{@code
   * History history = model.fit(x, y, new FitOptions().validationSplit(0.1).epochs(30));
   * Plots.history(history, Path.of("history.png"));
   * }</pre>
   *
   * @param history the history that {@code fit} returned
   * @param path the PNG file to write; its parent folders are created
   * @throws IllegalArgumentException if the history holds no epoch
   * @throws IOException if the file cannot be written
   */
  public static void history(History history, Path path) throws IOException {
    history(history, path, new String[0]);
  }

  /**
   * Draws the panels of the named quantities only, in this order, as {@link #history(History, Path)}: each name is
   * a logged key without its {@code val_} prefix ({@code "loss"}, {@code "accuracy"}), and its panel shows the
   * training and validation series.
   *
   * <pre>{@code
   * Plots.history(history, Path.of("accuracy.png"), "accuracy");
   * }</pre>
   *
   * @param metrics the quantities to draw; none draws all
   * @throws IllegalArgumentException if the history holds no epoch, or a name was not logged (the message lists
   *     the quantities that were)
   * @throws IOException if the file cannot be written
   */
  public static void history(History history, Path path, String... metrics) throws IOException {
    requireNonNull(path, "path");
    requireNonNull(metrics, "metrics");
    BufferedImage image = HistoryFigure.renderHistory(history, List.of(metrics));
    Figure.writePng(image, path);
  }

  /**
   * Draws series against their index into one panel (matplotlib's {@code plt.plot} for each, with a legend), e.g. a
   * forecast against the truth. A {@code NaN} value leaves a gap, so a series can cover part of the range only.
   *
   * <pre>{@code
   * Plots.lines(Map.of("truth", truth, "forecast", forecast), "Airline passengers", "Month", "Passengers",
   *     Path.of("forecast.png"));
   * }</pre>
   *
   * @param series label → values, drawn in the map's order (use a {@code LinkedHashMap} to fix the colors)
   * @throws IllegalArgumentException if there is no series or no finite value at all
   * @throws IOException if the file cannot be written
   */
  public static void lines(Map<String, double[]> series, String title, String xLabel, String yLabel, Path path)
      throws IOException {
    requireNonNull(series, "series");
    requireNonNull(path, "path");
    boolean anyValue = false;
    List<HistoryFigure.Curve> curves = new ArrayList<>();
    int colorIndex = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      double[] ys = requireNonNull(e.getValue(), "series " + e.getKey()).clone();
      double[] xs = new double[ys.length];
      for (int i = 0; i < ys.length; i++) {
        xs[i] = i;
        anyValue |= Double.isFinite(ys[i]);
      }
      curves.add(new HistoryFigure.Curve(e.getKey(), xs, ys, Figure.CYCLE[colorIndex++ % Figure.CYCLE.length]));
    }
    if (!anyValue) {
      throw new IllegalArgumentException("Plots.lines: the series hold no finite value to draw.");
    }
    int width = 900;
    int height = 520;
    Figure.Canvas canvas = new Figure.Canvas(width, height);
    HistoryFigure.drawCurvesPanel(canvas, 0, width, height, curves, requireNonNull(title, "title"),
        requireNonNull(xLabel, "xLabel"), requireNonNull(yLabel, "yLabel"));
    Figure.writePng(canvas.finish(), path);
  }

  /**
   * Draws a batch of images side by side into a PNG file, as the course's {@code plotImages(images)}.
   *
   * @see #images(FloatNdArray, List, Path)
   */
  public static void images(FloatNdArray batch, Path path) throws IOException {
    images(batch, (List<String>) null, path);
  }

  /**
   * Draws a list of images side by side into a PNG file, as the course's {@code plotImages(aug_images)} in episode
   * 18: each {@code (height, width, channels)} array is one image, all of one shape.
   *
   * <pre>{@code
   * List<FloatNdArray> augmented = gen.flow(image, new FlowOptions().batchSize(1).seed(7)).take(10);
   * Plots.images(augmented, Path.of("augmented.png"));
   * }</pre>
   *
   * @throws IllegalArgumentException if the list is empty or the images differ in shape or are not of rank 3
   * @see #images(FloatNdArray, List, Path)
   */
  public static void images(List<FloatNdArray> images, Path path) throws IOException {
    requireNonNull(images, "images");
    requireNonNull(path, "path");
    Figure.writePng(ImageGridFigure.renderImages(stack(images), null), path);
  }

  /** Stacks equally shaped images into one {@code (n, height, width, channels)} batch. */
  static FloatNdArray stack(List<FloatNdArray> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("Plots.images: the list holds no image.");
    }
    org.tensorflow.ndarray.Shape first = requireNonNull(images.get(0), "image 0").shape();
    if (first.numDimensions() != 3) {
      throw new IllegalArgumentException("Plots.images: expected images of shape (height, width, channels), but"
          + " image 0 has shape " + java.util.Arrays.toString(first.asArray()) + ".");
    }
    int size = Math.toIntExact(first.size());
    float[] values = new float[Math.multiplyExact(size, images.size())];
    for (int i = 0; i < images.size(); i++) {
      FloatNdArray image = requireNonNull(images.get(i), "image " + i);
      if (!image.shape().equals(first)) {
        throw new IllegalArgumentException("Plots.images: all images must have one shape, but image 0 has shape "
            + java.util.Arrays.toString(first.asArray()) + " and image " + i + " has shape "
            + java.util.Arrays.toString(image.shape().asArray()) + ".");
      }
      image.copyTo(DataBuffers.of(values, false, false).slice(i * (long) size, size));
    }
    long[] dims = first.asArray();
    return org.tensorflow.ndarray.NdArrays.wrap(
        org.tensorflow.ndarray.Shape.of(images.size(), dims[0], dims[1], dims[2]),
        DataBuffers.of(values, false, false));
  }

  /**
   * Draws a batch of images with their labels as titles (each row formatted as numpy prints it, such as
   * {@code [0. 1.]}) into a PNG file.
   *
   * @param labels one row per image, as {@code ImageBatch.labels()}; {@code null} for no titles
   * @throws IllegalArgumentException if there is not one label row per image
   * @see #images(FloatNdArray, List, Path)
   */
  public static void images(FloatNdArray batch, float[][] labels, Path path) throws IOException {
    List<String> titles = null;
    if (labels != null) {
      titles = new ArrayList<>(labels.length);
      for (float[] row : labels) {
        titles.add(ImageGridFigure.numpyRow(requireNonNull(row, "labels row")));
      }
    }
    images(batch, titles, path);
  }

  /**
   * Draws a batch of images into a PNG file, as the course's {@code plotImages}: one row of up to 10 images (more
   * rows for larger batches), each with its title above when titles are given, on a white background. Every image
   * is drawn 200 pixels on its longer side (nearest neighbor when enlarged, smoothed when reduced).
   *
   * <p>Each image is min-max scaled on its own for display: its smallest value becomes 0 and its largest 255, over
   * all channels. The course shows the VGG16-preprocessed batches (BGR, mean-subtracted, values from about −124 to
   * 152) with {@code imshow}, which clips them to [0, 1] and shows mostly saturated colors; here the same images
   * appear with their full contrast, channels as stored (so BGR data shows red and blue swapped, as in the course).
   * An image whose values are all equal is shown as that value clipped to 0..255.
   *
   * @param batch the images, of shape {@code (batch, height, width, channels)} with 1 (gray), 3 (RGB) or 4 (RGBA,
   *     alpha ignored) channels; a single {@code (height, width, channels)} image is drawn alone
   * @param titles one title per image, or {@code null} for none
   * @param path the PNG file to write; its parent folders are created, and it is written atomically
   * @throws IllegalArgumentException if the batch is empty, has the wrong rank or channel count, or the number of
   *     titles differs from the number of images
   * @throws IOException if the file cannot be written
   */
  public static void images(FloatNdArray batch, List<String> titles, Path path) throws IOException {
    requireNonNull(path, "path");
    Figure.writePng(ImageGridFigure.renderImages(batch, titles), path);
  }

}
