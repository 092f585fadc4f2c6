package io.github.keras4j.data.plot;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
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
  /** Pixels per inch: matplotlib sizes in points become {@code pt * DPI / 72} pixels. */
  private static final double DPI = 125;
  /** matplotlib's default figure size, 6.4 × 4.8 inches, at {@link #DPI}. */
  private static final int FIGURE_WIDTH = 800;
  private static final int FIGURE_HEIGHT = 600;
  private static final float FONT_PT = 10f;
  private static final float TITLE_PT = 12f;
  private static final double TICK_LENGTH = px(3.5);
  private static final double TICK_PAD = px(3.5);
  private static final double LABEL_PAD = px(4);
  private static final double TITLE_PAD = px(6);
  private static final double MARGIN = px(8);
  private static final float SPINE_WIDTH = (float) px(0.8);
  private static final float LINE_WIDTH = (float) px(1.5);

  /** matplotlib's {@code Blues} colormap, from light to dark: the 9 anchors of ColorBrewer's sequential scheme. */
  private static final int[] BLUES_ANCHORS = {
    0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b
  };
  /** matplotlib's default colormap resolution ({@code rcParams['image.lut']}). */
  private static final int LUT_SIZE = 256;
  private static final int[] BLUES_LUT = blueLut();

  /** matplotlib's default color cycle ({@code tab10}). */
  private static final Color[] CYCLE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };

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
    BufferedImage image = renderConfusionMatrix(cm, classNames, title, normalize);
    writePng(image, path);
  }

  /**
   * Draws the training curves of a {@code fit} run into a PNG file, as the usual matplotlib figure of a Keras
   * {@code History}: a panel with the loss series ({@code loss}, and {@code val_loss} when validation ran), and
   * beside it a panel with the metric series (every key without "loss" in its name, such as {@code accuracy} and
   * {@code val_accuracy}) when there are any; x is the epoch, counted from 1, and each panel has a title, axis labels,
   * tick labels and a legend naming the series by their keys.
   *
   * @param history the history that {@code fit} returned
   * @param path the PNG file to write; its parent folders are created
   * @throws IllegalArgumentException if the history holds no epoch
   * @throws IOException if the file cannot be written
   */
  public static void history(History history, Path path) throws IOException {
    requireNonNull(path, "path");
    BufferedImage image = renderHistory(history);
    writePng(image, path);
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
    List<Curve> curves = new ArrayList<>();
    int colorIndex = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      double[] ys = requireNonNull(e.getValue(), "series " + e.getKey()).clone();
      double[] xs = new double[ys.length];
      for (int i = 0; i < ys.length; i++) {
        xs[i] = i;
        anyValue |= Double.isFinite(ys[i]);
      }
      curves.add(new Curve(e.getKey(), xs, ys, CYCLE[colorIndex++ % CYCLE.length]));
    }
    if (!anyValue) {
      throw new IllegalArgumentException("Plots.lines: the series hold no finite value to draw.");
    }
    int width = 900;
    int height = 520;
    Canvas canvas = new Canvas(width, height);
    drawCurvesPanel(canvas, 0, width, height, curves, requireNonNull(title, "title"), requireNonNull(xLabel, "xLabel"),
        requireNonNull(yLabel, "yLabel"));
    writePng(canvas.finish(), path);
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
    writePng(renderImages(stack(images), null), path);
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
        titles.add(numpyRow(requireNonNull(row, "labels row")));
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
    writePng(renderImages(batch, titles), path);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Image grid

  /** The longer side of each drawn image, in pixels. */
  static final int IMAGE_CELL = 200;
  private static final int IMAGE_PAD = 10;
  private static final int IMAGES_PER_ROW = 10;

  /** Renders the image grid; package-private for tests. */
  static BufferedImage renderImages(FloatNdArray batch, List<String> titles) {
    requireNonNull(batch, "batch");
    long[] dims = batch.shape().asArray();
    if (dims.length == 3) {
      dims = new long[] {1, dims[0], dims[1], dims[2]};
    }
    if (dims.length != 4) {
      throw new IllegalArgumentException("Plots.images: expected a batch of shape (batch, height, width, channels),"
          + " but got shape " + java.util.Arrays.toString(batch.shape().asArray()) + ".");
    }
    int n = Math.toIntExact(dims[0]);
    int h = Math.toIntExact(dims[1]);
    int w = Math.toIntExact(dims[2]);
    int c = Math.toIntExact(dims[3]);
    if (n == 0 || h == 0 || w == 0) {
      throw new IllegalArgumentException("Plots.images: the batch holds no image (shape "
          + java.util.Arrays.toString(batch.shape().asArray()) + ").");
    }
    if (c != 1 && c != 3 && c != 4) {
      throw new IllegalArgumentException("Plots.images: images must have 1, 3 or 4 channels, but got " + c
          + " (shape " + java.util.Arrays.toString(batch.shape().asArray()) + ").");
    }
    if (titles != null && titles.size() != n) {
      throw new IllegalArgumentException("Plots.images: expected one title or label row per image (" + n
          + "), but got " + titles.size() + ".");
    }
    float[] values = new float[Math.toIntExact(batch.shape().size())];
    batch.copyTo(DataBuffers.of(values, false, false));

    int cellW = w >= h ? IMAGE_CELL : Math.max(1, (int) Math.round((double) IMAGE_CELL * w / h));
    int cellH = h >= w ? IMAGE_CELL : Math.max(1, (int) Math.round((double) IMAGE_CELL * h / w));
    int cols = Math.min(n, IMAGES_PER_ROW);
    int rows = (n + cols - 1) / cols;
    Canvas probe = new Canvas(1, 1);
    int titleHeight = titles == null ? 0 : (int) Math.ceil(probe.height(probe.font) + px(4));
    probe.finish();
    int width = IMAGE_PAD + cols * (cellW + IMAGE_PAD);
    int height = IMAGE_PAD + rows * (titleHeight + cellH + IMAGE_PAD);
    Canvas canvas = new Canvas(width, height);
    Graphics2D g = canvas.g;
    int size = h * w * c;
    for (int i = 0; i < n; i++) {
      BufferedImage image = displayImage(values, i * size, h, w, c);
      int x0 = IMAGE_PAD + (i % cols) * (cellW + IMAGE_PAD);
      int y0 = IMAGE_PAD + (i / cols) * (titleHeight + cellH + IMAGE_PAD);
      if (titles != null) {
        canvas.text(requireNonNull(titles.get(i), "title"), canvas.font, Color.BLACK, x0 + cellW / 2.0,
            y0 + titleHeight - px(2), 0.5, 1.0, 0);
      }
      boolean enlarge = cellW >= w;
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, enlarge
          ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, x0, y0 + titleHeight, cellW, cellH, null);
    }
    return canvas.finish();
  }

  /** One image, min-max scaled to 0..255 over all its values. */
  private static BufferedImage displayImage(float[] values, int offset, int h, int w, int c) {
    int size = h * w * c;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int k = offset; k < offset + size; k++) {
      if (Float.isFinite(values[k])) {
        min = Math.min(min, values[k]);
        max = Math.max(max, values[k]);
      }
    }
    boolean stretch = max > min;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = offset + (y * w + x) * c;
        int r = display(values[p], min, max, stretch);
        int gr = c >= 3 ? display(values[p + 1], min, max, stretch) : r;
        int b = c >= 3 ? display(values[p + 2], min, max, stretch) : r;
        image.setRGB(x, y, r << 16 | gr << 8 | b);
      }
    }
    return image;
  }

  private static int display(float v, float min, float max, boolean stretch) {
    if (!Float.isFinite(v)) {
      return 0;
    }
    double scaled = stretch ? (v - min) / ((double) max - min) * 255.0 : v;
    return (int) Math.round(Math.max(0, Math.min(255, scaled)));
  }

  /** Formats a label row as numpy prints a float array: {@code [0. 1.]}, {@code [0.25 0.75]}. */
  static String numpyRow(float[] row) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      float v = row[i];
      if (v == Math.rint(v) && Math.abs(v) < 1e7) {
        sb.append((long) v).append('.');
      } else {
        sb.append(String.format(Locale.ROOT, "%.4g", v).replaceAll("0+$", "").replaceAll("\\.$", "."));
      }
    }
    return sb.append(']').toString();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Confusion matrix

  /** Renders the confusion-matrix figure; package-private for tests. */
  static BufferedImage renderConfusionMatrix(
      ConfusionMatrix cm, List<String> classNames, String title, boolean normalize) {
    MatrixLayout layout = matrixLayout(cm, classNames, title, normalize);
    int n = cm.numClasses();
    double[][] values = layout.values;
    String[][] labels = layout.cellText;
    double vmin = layout.vmin;
    double vmax = layout.vmax;

    Canvas canvas = new Canvas(layout.width, layout.height);
    Graphics2D g = canvas.g;

    // Title, centered over the axes.
    if (!title.isEmpty()) {
      canvas.text(title, canvas.titleFont, Color.BLACK, layout.axLeft + layout.side / 2,
          layout.axTop - TITLE_PAD, 0.5, 1.0, 0);
    }

    // Cells: integer edges so that neighbours share them without seams.
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Rectangle2D cell = layout.cell(i, j);
        int x0 = (int) Math.round(cell.getMinX());
        int y0 = (int) Math.round(cell.getMinY());
        int x1 = (int) Math.round(cell.getMaxX());
        int y1 = (int) Math.round(cell.getMaxY());
        g.setColor(new Color(colorOf(values[i][j], vmin, vmax)));
        g.fillRect(x0, y0, x1 - x0, y1 - y0);
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);

    // Cell values, white on the dark half.
    double threshold = vmax / 2;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Rectangle2D cell = layout.cell(i, j);
        boolean dark = vmax > vmin && values[i][j] > threshold;
        canvas.centeredText(labels[i][j], canvas.font, dark ? Color.WHITE : Color.BLACK,
            cell.getCenterX(), cell.getCenterY());
      }
    }

    // Frame, ticks and class names.
    Rectangle2D axes = new Rectangle2D.Double(layout.axLeft, layout.axTop, layout.side, layout.side);
    canvas.frame(axes);
    for (int k = 0; k < n; k++) {
      double center = layout.axLeft + (k + 0.5) * layout.cell;
      double bottom = layout.axTop + layout.side;
      canvas.line(center, bottom, center, bottom + TICK_LENGTH);
      // Rotated 45° and ending at the tick (matplotlib's ha='right', rotation_mode='anchor'), so that a long
      // name cannot be mistaken for its neighbour's.
      canvas.anchoredText(classNames.get(k), canvas.font, Color.BLACK, center,
          bottom + TICK_LENGTH + TICK_PAD + layout.textHeight / 2 * Math.sqrt(0.5), 1.0, 0.5, 45);
      double middle = layout.axTop + (k + 0.5) * layout.cell;
      canvas.line(layout.axLeft - TICK_LENGTH, middle, layout.axLeft, middle);
      canvas.text(classNames.get(k), canvas.font, Color.BLACK, layout.axLeft - TICK_LENGTH - TICK_PAD, middle,
          1.0, 0.5, 0);
    }
    canvas.text("Predicted label", canvas.font, Color.BLACK, layout.axLeft + layout.side / 2,
        layout.xLabelTop, 0.5, 0.0, 0);
    canvas.text("True label", canvas.font, Color.BLACK, layout.yLabelRight, layout.axTop + layout.side / 2,
        1.0, 0.5, 90);

    // Colorbar: one color per pixel row, bottom = vmin, top = vmax.
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    int cbX0 = (int) Math.round(layout.cbLeft);
    int cbX1 = (int) Math.round(layout.cbLeft + layout.cbWidth);
    int cbY0 = (int) Math.round(layout.axTop);
    int cbY1 = (int) Math.round(layout.axTop + layout.side);
    for (int y = cbY0; y < cbY1; y++) {
      double t = (cbY1 - (y + 0.5)) / (cbY1 - cbY0);
      g.setColor(new Color(blues(t)));
      g.fillRect(cbX0, y, cbX1 - cbX0, 1);
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    canvas.frame(new Rectangle2D.Double(cbX0, cbY0, cbX1 - cbX0, cbY1 - cbY0));
    String[] tickLabels = formatTicks(layout.cbTicks);
    for (int k = 0; k < layout.cbTicks.length; k++) {
      double y = cbY1 - (layout.cbTicks[k] - layout.cbLow) / (layout.cbHigh - layout.cbLow) * (cbY1 - cbY0);
      canvas.line(cbX1, y, cbX1 + TICK_LENGTH, y);
      canvas.text(tickLabels[k], canvas.font, Color.BLACK, cbX1 + TICK_LENGTH + TICK_PAD, y, 0.0, 0.5, 0);
    }
    return canvas.finish();
  }

  /** Where the parts of a confusion-matrix figure go; package-private so that tests can find the cells. */
  static final class MatrixLayout {
    int width;
    int height;
    double axLeft;
    double axTop;
    double side;
    double cell;
    double cbLeft;
    double cbWidth;
    double cbLow;
    double cbHigh;
    double[] cbTicks;
    double xLabelTop;
    double yLabelRight;
    double textHeight;
    double vmin;
    double vmax;
    double[][] values;
    String[][] cellText;

    /** Returns the pixel bounds of the cell of true class {@code i}, predicted class {@code j}. */
    Rectangle2D cell(int i, int j) {
      return new Rectangle2D.Double(axLeft + j * cell, axTop + i * cell, cell, cell);
    }
  }

  /** Validates the arguments and lays out the figure; package-private for tests. */
  static MatrixLayout matrixLayout(ConfusionMatrix cm, List<String> classNames, String title, boolean normalize) {
    requireNonNull(cm, "cm");
    requireNonNull(classNames, "classNames");
    requireNonNull(title, "title");
    int n = cm.numClasses();
    if (classNames.size() != n) {
      throw new IllegalArgumentException(
          "Plots.confusionMatrix: classNames must name each of the matrix's " + n + " classes, but got "
              + classNames.size() + " names " + classNames + ".");
    }
    for (int k = 0; k < n; k++) {
      requireNonNull(classNames.get(k), "classNames[" + k + "]");
    }

    MatrixLayout l = new MatrixLayout();
    l.values = new double[n][n];
    l.cellText = new String[n][n];
    double[][] normalized = normalize ? cm.normalized() : null;
    l.vmin = Double.POSITIVE_INFINITY;
    l.vmax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = normalize ? normalized[i][j] : cm.count(i, j);
        l.values[i][j] = v;
        l.cellText[i][j] = normalize ? String.format(Locale.ROOT, "%.2f", v) : Integer.toString(cm.count(i, j));
        l.vmin = Math.min(l.vmin, v);
        l.vmax = Math.max(l.vmax, v);
      }
    }
    // matplotlib's colorbar widens a zero range (mtransforms.nonsingular with expander 0.1).
    if (l.vmax > l.vmin) {
      l.cbLow = l.vmin;
      l.cbHigh = l.vmax;
    } else {
      double delta = l.vmin == 0 ? 0.1 : Math.abs(l.vmin) * 0.1;
      l.cbLow = l.vmin - delta;
      l.cbHigh = l.vmax + delta;
    }

    Canvas probe = new Canvas(1, 1);
    double textHeight = probe.height(probe.font);
    double titleHeight = title.isEmpty() ? 0 : probe.height(probe.titleFont) + TITLE_PAD;
    double yTickWidth = 0;
    double xTickDown = 0;
    double[] xTickLeftHang = new double[n];
    for (int k = 0; k < n; k++) {
      String name = classNames.get(k);
      double w = probe.width(name, probe.font);
      yTickWidth = Math.max(yTickWidth, w);
      double rotated = (w + textHeight) * Math.sqrt(0.5);
      xTickDown = Math.max(xTickDown, rotated);
      xTickLeftHang[k] = (w + textHeight / 2) * Math.sqrt(0.5);
    }
    double cellTextWidth = 0;
    for (String[] row : l.cellText) {
      for (String s : row) {
        cellTextWidth = Math.max(cellTextWidth, probe.width(s, probe.font));
      }
    }
    double minCell = Math.max(cellTextWidth + px(6), textHeight * 1.5);
    String[] cbLabelsProbe = formatTicks(niceTicks(l.cbLow, l.cbHigh, 9, false));
    double cbLabelWidth = 0;
    for (String s : cbLabelsProbe) {
      cbLabelWidth = Math.max(cbLabelWidth, probe.width(s, probe.font));
    }
    probe.finish();

    int width = FIGURE_WIDTH;
    int height = FIGURE_HEIGHT;
    double extraLeft = 0;
    double extraRight = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      double cbPad = Math.max(px(8), 0.04 * width);
      double leftReserve = MARGIN + textHeight + LABEL_PAD + yTickWidth + TICK_PAD + TICK_LENGTH + extraLeft;
      double topReserve = MARGIN + titleHeight;
      double bottomReserve = TICK_LENGTH + TICK_PAD + xTickDown + LABEL_PAD + textHeight + MARGIN;
      double availableHeight = height - topReserve - bottomReserve;
      // The colorbar is 1/20 of the matrix's height wide, as matplotlib's default aspect of 20.
      double fixedRight = cbPad + TICK_LENGTH + TICK_PAD + cbLabelWidth + MARGIN + extraRight;
      double availableWidth = (width - leftReserve - fixedRight) / (1 + 1.0 / 20);
      double side = Math.floor(Math.min(availableWidth, availableHeight));
      double cell = side / n;
      if (cell < minCell) {
        int grow = (int) Math.ceil((minCell - cell) * n * 1.1) + 1;
        width += grow;
        height += grow;
        continue;
      }
      double groupWidth = side * (1 + 1.0 / 20) + cbPad;
      double axLeft = Math.round(leftReserve + (width - leftReserve - fixedRight + cbPad - groupWidth) / 2);
      double axTop = Math.round(topReserve + (availableHeight - side) / 2);
      // Rotated class names hang down and to the left of their tick: keep them inside the figure.
      double leftmost = Double.POSITIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        leftmost = Math.min(leftmost, axLeft + (k + 0.5) * cell - xTickLeftHang[k]);
      }
      double overLeft = MARGIN - leftmost;
      double overRight = axLeft + side - cell / 2 + textHeight / 2 * Math.sqrt(0.5) - (width - MARGIN);
      if (overLeft > 0.5 || overRight > 0.5) {
        extraLeft += Math.max(0, overLeft);
        extraRight += Math.max(0, overRight);
        continue;
      }
      l.textHeight = textHeight;
      l.width = width;
      l.height = height;
      l.axLeft = axLeft;
      l.axTop = axTop;
      l.side = side;
      l.cell = cell;
      l.cbWidth = Math.max(px(6), side / 20);
      l.cbLeft = axLeft + side + cbPad;
      int tickSpace = (int) Math.floor(side / px(FONT_PT * 2));
      l.cbTicks = niceTicks(l.cbLow, l.cbHigh, Math.max(1, Math.min(tickSpace, 9)), false);
      l.xLabelTop = axTop + side + TICK_LENGTH + TICK_PAD + xTickDown + LABEL_PAD;
      l.yLabelRight = axLeft - TICK_LENGTH - TICK_PAD - yTickWidth - LABEL_PAD;
      return l;
    }
    throw new IllegalArgumentException(
        "Plots.confusionMatrix: cannot lay out a " + n + "-class matrix with these class names; "
            + "use shorter class names.");
  }

  /** Returns the RGB of {@code value} on the {@code Blues} colormap normalized to {@code [vmin, vmax]}. */
  private static int colorOf(double value, double vmin, double vmax) {
    // matplotlib's Normalize maps everything to 0 when vmin == vmax.
    double t = vmax > vmin ? (value - vmin) / (vmax - vmin) : 0;
    return blues(t);
  }

  /**
   * Returns the RGB of matplotlib's {@code Blues} colormap at {@code t} (clamped to {@code [0, 1]}): the color of
   * the lookup-table entry {@code floor(t * 256)}, the table interpolating the 9 anchors linearly, as
   * {@code plt.cm.Blues(t)}. Package-private for tests.
   */
  static int blues(double t) {
    if (Double.isNaN(t)) {
      return 0xffffff; // matplotlib draws NaN cells transparent: the white background shows
    }
    int index = (int) Math.floor(Math.max(0, Math.min(1, t)) * LUT_SIZE);
    return BLUES_LUT[Math.min(index, LUT_SIZE - 1)];
  }

  private static int[] blueLut() {
    int[] lut = new int[LUT_SIZE];
    int segments = BLUES_ANCHORS.length - 1;
    for (int i = 0; i < LUT_SIZE; i++) {
      double x = (double) i / (LUT_SIZE - 1) * segments;
      int k = Math.min((int) Math.floor(x), segments - 1);
      double f = x - k;
      int a = BLUES_ANCHORS[k];
      int b = BLUES_ANCHORS[k + 1];
      int rgb = 0;
      for (int shift = 16; shift >= 0; shift -= 8) {
        double ca = (a >> shift) & 0xff;
        double cb = (b >> shift) & 0xff;
        rgb |= (int) Math.round(ca + (cb - ca) * f) << shift;
      }
      lut[i] = rgb;
    }
    return lut;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // History

  /** Renders the training-curves figure; package-private for tests. */
  static BufferedImage renderHistory(History history) {
    requireNonNull(history, "history");
    Map<String, List<Double>> series = history.history();
    if (series.isEmpty() || series.values().stream().allMatch(List::isEmpty)) {
      throw new IllegalArgumentException(
          "Plots.history: the history is empty (no epoch was logged); plot the History that fit(...) returns "
              + "after at least one epoch.");
    }
    List<String> lossKeys = new ArrayList<>();
    List<String> metricKeys = new ArrayList<>();
    for (String key : series.keySet()) {
      (key.contains("loss") ? lossKeys : metricKeys).add(key);
    }
    List<List<String>> panels = new ArrayList<>();
    if (!lossKeys.isEmpty()) {
      panels.add(lossKeys);
    }
    if (!metricKeys.isEmpty()) {
      panels.add(metricKeys);
    }
    int panelWidth = 640;
    int height = 520;
    Canvas canvas = new Canvas(panelWidth * panels.size(), height);
    List<Integer> epochs = history.epochs();
    for (int p = 0; p < panels.size(); p++) {
      int colorIndex = 0; // each panel starts matplotlib's color cycle anew
      List<String> keys = panels.get(p);
      List<Curve> curves = new ArrayList<>();
      for (String key : keys) {
        List<Double> values = series.get(key);
        double[] xs = new double[values.size()];
        double[] ys = new double[values.size()];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = values.size() == epochs.size() ? epochs.get(i) + 1 : i + 1;
          Double v = values.get(i);
          ys[i] = v == null ? Double.NaN : v;
        }
        curves.add(new Curve(key, xs, ys, CYCLE[colorIndex++ % CYCLE.length]));
      }
      boolean isLoss = keys == lossKeys;
      String quantity = isLoss ? "loss" : commonMetric(keys);
      boolean hasValidation = keys.stream().anyMatch(k -> k.startsWith("val_"));
      boolean hasTraining = keys.stream().anyMatch(k -> !k.startsWith("val_"));
      String what = quantity == null ? "metrics" : quantity;
      String panelTitle = hasTraining && hasValidation
          ? "Training and validation " + what
          : (hasValidation ? "Validation " : "Training ") + what;
      String yLabel = quantity == null ? "Value" : capitalize(quantity);
      drawCurvesPanel(canvas, p * panelWidth, panelWidth, height, curves, panelTitle, "Epoch", yLabel);
    }
    return canvas.finish();
  }

  private record Curve(String label, double[] xs, double[] ys, Color color) {}

  /** The metric all keys share once {@code val_} is stripped, or null when they differ. */
  private static String commonMetric(List<String> keys) {
    String common = null;
    for (String key : keys) {
      String base = key.startsWith("val_") ? key.substring(4) : key;
      if (common == null) {
        common = base;
      } else if (!common.equals(base)) {
        return null;
      }
    }
    return common;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void drawCurvesPanel(Canvas canvas, double x0, double width, double height, List<Curve> curves,
      String title, String xLabel, String yLabel) {
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Curve c : curves) {
      for (int i = 0; i < c.xs.length; i++) {
        if (Double.isFinite(c.ys[i])) {
          xMin = Math.min(xMin, c.xs[i]);
          xMax = Math.max(xMax, c.xs[i]);
          yMin = Math.min(yMin, c.ys[i]);
          yMax = Math.max(yMax, c.ys[i]);
        }
      }
    }
    if (xMin > xMax) { // nothing finite to draw
      xMin = 1;
      xMax = 1;
      yMin = 0;
      yMax = 1;
    }
    double[] xLim = limits(xMin, xMax);
    double[] yLim = limits(yMin, yMax);

    double textHeight = canvas.height(canvas.font);
    double top = MARGIN + canvas.height(canvas.titleFont) + TITLE_PAD;
    double bottom = height - MARGIN - textHeight - LABEL_PAD - textHeight - TICK_PAD - TICK_LENGTH;
    double axHeight = bottom - top;
    double[] yTicks = niceTicks(yLim[0], yLim[1], Math.max(1, Math.min((int) (axHeight / px(FONT_PT * 2)), 9)),
        false);
    String[] yTickLabels = formatTicks(yTicks);
    double yTickWidth = 0;
    for (String s : yTickLabels) {
      yTickWidth = Math.max(yTickWidth, canvas.width(s, canvas.font));
    }
    double left = x0 + MARGIN + textHeight + LABEL_PAD + yTickWidth + TICK_PAD + TICK_LENGTH;
    double right = x0 + width - MARGIN - px(6);
    double axWidth = right - left;
    double[] xTicks = niceTicks(xLim[0], xLim[1], Math.max(1, Math.min((int) (axWidth / px(FONT_PT * 3)), 9)),
        true);
    String[] xTickLabels = formatTicks(xTicks);
    Rectangle2D axes = new Rectangle2D.Double(left, top, axWidth, axHeight);

    // Curves, clipped to the axes.
    Graphics2D g = canvas.g;
    Shape oldClip = g.getClip();
    g.clip(axes);
    double markerRadius = px(2.2);
    List<double[]> drawnPoints = new ArrayList<>();
    for (Curve c : curves) {
      g.setColor(c.color);
      g.setStroke(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      Path2D.Double line = new Path2D.Double();
      boolean penDown = false;
      for (int i = 0; i < c.xs.length; i++) {
        if (!Double.isFinite(c.ys[i])) {
          penDown = false;
          continue;
        }
        double px = left + (c.xs[i] - xLim[0]) / (xLim[1] - xLim[0]) * axWidth;
        double py = bottom - (c.ys[i] - yLim[0]) / (yLim[1] - yLim[0]) * axHeight;
        drawnPoints.add(new double[] {px, py});
        if (penDown) {
          double[] prev = drawnPoints.get(drawnPoints.size() - 2);
          for (int s = 1; s < 4; s++) { // sample segments, so that legend placement avoids lines too
            drawnPoints.add(new double[] {prev[0] + (px - prev[0]) * s / 4, prev[1] + (py - prev[1]) * s / 4});
          }
          line.lineTo(px, py);
        } else {
          line.moveTo(px, py);
        }
        penDown = true;
      }
      g.draw(line);
      for (int i = 0; i < c.xs.length; i++) {
        if (Double.isFinite(c.ys[i])) {
          double px = left + (c.xs[i] - xLim[0]) / (xLim[1] - xLim[0]) * axWidth;
          double py = bottom - (c.ys[i] - yLim[0]) / (yLim[1] - yLim[0]) * axHeight;
          g.fill(new Ellipse2D.Double(px - markerRadius, py - markerRadius, 2 * markerRadius, 2 * markerRadius));
        }
      }
    }
    g.setClip(oldClip);

    // Frame, ticks, labels.
    canvas.frame(axes);
    for (int k = 0; k < xTicks.length; k++) {
      double x = left + (xTicks[k] - xLim[0]) / (xLim[1] - xLim[0]) * axWidth;
      canvas.line(x, bottom, x, bottom + TICK_LENGTH);
      canvas.text(xTickLabels[k], canvas.font, Color.BLACK, x, bottom + TICK_LENGTH + TICK_PAD, 0.5, 0.0, 0);
    }
    for (int k = 0; k < yTicks.length; k++) {
      double y = bottom - (yTicks[k] - yLim[0]) / (yLim[1] - yLim[0]) * axHeight;
      canvas.line(left - TICK_LENGTH, y, left, y);
      canvas.text(yTickLabels[k], canvas.font, Color.BLACK, left - TICK_LENGTH - TICK_PAD, y, 1.0, 0.5, 0);
    }
    canvas.text(title, canvas.titleFont, Color.BLACK, left + axWidth / 2, top - TITLE_PAD, 0.5, 1.0, 0);
    canvas.text(xLabel, canvas.font, Color.BLACK, left + axWidth / 2,
        bottom + TICK_LENGTH + TICK_PAD + textHeight + LABEL_PAD, 0.5, 0.0, 0);
    canvas.text(yLabel, canvas.font, Color.BLACK, left - TICK_LENGTH - TICK_PAD - yTickWidth - LABEL_PAD,
        top + axHeight / 2, 1.0, 0.5, 90);
    drawLegend(canvas, axes, curves, drawnPoints);
  }

  /** matplotlib's autoscaling: 5% margins, and a widened range around a single value. */
  private static double[] limits(double lo, double hi) {
    if (hi > lo) {
      double margin = 0.05 * (hi - lo);
      return new double[] {lo - margin, hi + margin};
    }
    double delta = lo == 0 ? 0.05 : Math.abs(lo) * 0.05;
    return new double[] {lo - delta, hi + delta};
  }

  /** Draws matplotlib's legend in the corner ("best" location) that covers the fewest drawn points. */
  private static void drawLegend(Canvas canvas, Rectangle2D axes, List<Curve> curves, List<double[]> points) {
    double em = px(FONT_PT);
    double rowHeight = canvas.height(canvas.font);
    double labelWidth = 0;
    for (Curve c : curves) {
      labelWidth = Math.max(labelWidth, canvas.width(c.label, canvas.font));
    }
    double handle = 2.0 * em;
    double boxWidth = 0.4 * em + handle + 0.8 * em + labelWidth + 0.4 * em;
    double boxHeight = 0.4 * em * 2 + rowHeight * curves.size() + 0.5 * em * (curves.size() - 1);
    double inset = 0.5 * em;
    double[][] corners = { // upper right, upper left, lower left, lower right, as matplotlib's 'best' tries them
      {axes.getMaxX() - inset - boxWidth, axes.getMinY() + inset},
      {axes.getMinX() + inset, axes.getMinY() + inset},
      {axes.getMinX() + inset, axes.getMaxY() - inset - boxHeight},
      {axes.getMaxX() - inset - boxWidth, axes.getMaxY() - inset - boxHeight},
    };
    double[] best = corners[0];
    int bestCount = Integer.MAX_VALUE;
    for (double[] corner : corners) {
      Rectangle2D box = new Rectangle2D.Double(corner[0], corner[1], boxWidth, boxHeight);
      int count = 0;
      for (double[] p : points) {
        if (box.contains(p[0], p[1])) {
          count++;
        }
      }
      if (count < bestCount) {
        bestCount = count;
        best = corner;
      }
    }
    Graphics2D g = canvas.g;
    RoundRectangle2D frame =
        new RoundRectangle2D.Double(best[0], best[1], boxWidth, boxHeight, 0.4 * em, 0.4 * em);
    g.setColor(new Color(255, 255, 255, 204));
    g.fill(frame);
    g.setColor(new Color(0xcc, 0xcc, 0xcc));
    g.setStroke(new BasicStroke(SPINE_WIDTH));
    g.draw(frame);
    double y = best[1] + 0.4 * em;
    for (Curve c : curves) {
      double mid = y + rowHeight / 2;
      double hx = best[0] + 0.4 * em;
      g.setColor(c.color);
      g.setStroke(new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.draw(new Line2D.Double(hx, mid, hx + handle, mid));
      double r = px(2.2);
      g.fill(new Ellipse2D.Double(hx + handle / 2 - r, mid - r, 2 * r, 2 * r));
      canvas.text(c.label, canvas.font, Color.BLACK, hx + handle + 0.8 * em, mid, 0.0, 0.5, 0);
      y += rowHeight + 0.5 * em;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Ticks

  /**
   * Returns "nice" tick values inside {@code [lo, hi]}, as matplotlib's {@code MaxNLocator}: the smallest step of
   * the form {1, 2, 2.5, 5} × 10^k (integer steps only when {@code integer}) giving at most {@code maxBins}
   * intervals.
   */
  static double[] niceTicks(double lo, double hi, int maxBins, boolean integer) {
    double raw = (hi - lo) / maxBins;
    if (!(raw > 0) || !Double.isFinite(raw)) {
      return new double[] {lo};
    }
    double scale = Math.pow(10, Math.floor(Math.log10(raw)));
    double[] steps = {1, 2, 2.5, 5, 10};
    double step = 10 * scale;
    for (double s : steps) {
      double candidate = s * scale;
      if (integer && (candidate < 1 || Math.abs(candidate - Math.rint(candidate)) > 1e-9)) {
        continue;
      }
      if (candidate >= raw * (1 - 1e-9)) {
        step = candidate;
        break;
      }
    }
    if (integer) {
      step = Math.max(1, Math.rint(step));
    }
    double eps = step * 1e-9;
    long first = (long) Math.ceil((lo - eps) / step);
    long last = (long) Math.floor((hi + eps) / step);
    if (last < first) {
      return new double[0];
    }
    double[] ticks = new double[(int) (last - first + 1)];
    for (int k = 0; k < ticks.length; k++) {
      double v = (first + k) * step;
      ticks[k] = Math.abs(v) < eps ? 0 : v;
    }
    return ticks;
  }

  /** Formats ticks as matplotlib's {@code ScalarFormatter}: one number of decimals for all, a minus sign for < 0. */
  static String[] formatTicks(double[] ticks) {
    int decimals = 0;
    for (double t : ticks) {
      int d = 0;
      while (d < 8 && Math.abs(t * Math.pow(10, d) - Math.rint(t * Math.pow(10, d))) > 1e-6) {
        d++;
      }
      decimals = Math.max(decimals, d);
    }
    String[] labels = new String[ticks.length];
    for (int k = 0; k < ticks.length; k++) {
      String s = String.format(Locale.ROOT, "%." + decimals + "f", ticks[k]);
      labels[k] = s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }
    return labels;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drawing and writing

  private static double px(double points) {
    return points * DPI / 72;
  }

  /** A white RGB image with antialiased drawing and matplotlib's fonts. */
  private static final class Canvas {
    final BufferedImage image;
    final Graphics2D g;
    final FontRenderContext frc;
    final Font font;
    final Font titleFont;

    Canvas(int width, int height) {
      image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      frc = g.getFontRenderContext();
      Font base = new Font("DejaVu Sans", Font.PLAIN, 1);
      if (!base.getFamily(Locale.ROOT).startsWith("DejaVu")) {
        base = new Font(Font.SANS_SERIF, Font.PLAIN, 1);
      }
      font = base.deriveFont((float) px(FONT_PT));
      titleFont = base.deriveFont((float) px(TITLE_PT));
    }

    double width(String s, Font f) {
      return s.isEmpty() ? 0 : f.getStringBounds(s, frc).getWidth();
    }

    double height(Font f) {
      LineMetrics m = f.getLineMetrics("Ag", frc);
      return m.getAscent() + m.getDescent();
    }

    /**
     * Draws text whose (rotated) bounding box is aligned to {@code (x, y)}: {@code hAlign} 0 = left edge, 0.5 =
     * center, 1 = right edge; {@code vAlign} 0 = top edge, 0.5 = middle, 1 = bottom edge, as matplotlib's default
     * rotation mode; {@code degrees} turns the text counter-clockwise.
     */
    void text(String s, Font f, Color color, double x, double y, double hAlign, double vAlign, double degrees) {
      if (s.isEmpty()) {
        return;
      }
      LineMetrics m = f.getLineMetrics(s, frc);
      double w = width(s, f);
      double h = m.getAscent() + m.getDescent();
      double theta = Math.toRadians(degrees);
      double boxWidth = Math.abs(w * Math.cos(theta)) + Math.abs(h * Math.sin(theta));
      double boxHeight = Math.abs(w * Math.sin(theta)) + Math.abs(h * Math.cos(theta));
      double cx = x + (0.5 - hAlign) * boxWidth;
      double cy = y + (0.5 - vAlign) * boxHeight;
      AffineTransform saved = g.getTransform();
      g.translate(cx, cy);
      g.rotate(-theta);
      g.setColor(color);
      g.setFont(f);
      g.drawString(s, (float) (-w / 2), (float) (-h / 2 + m.getAscent()));
      g.setTransform(saved);
    }

    /**
     * Draws text turned {@code degrees} counter-clockwise about the point {@code (x, y)} of its unturned box given by
     * {@code hAlign} and {@code vAlign} (as above), as matplotlib's {@code rotation_mode='anchor'}.
     */
    void anchoredText(String s, Font f, Color color, double x, double y, double hAlign, double vAlign,
        double degrees) {
      if (s.isEmpty()) {
        return;
      }
      LineMetrics m = f.getLineMetrics(s, frc);
      double w = width(s, f);
      double h = m.getAscent() + m.getDescent();
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      g.rotate(-Math.toRadians(degrees));
      g.setColor(color);
      g.setFont(f);
      g.drawString(s, (float) (-hAlign * w), (float) (-vAlign * h + m.getAscent()));
      g.setTransform(saved);
    }

    /** Draws text centered on {@code (x, y)} by the ink of its glyphs (digits sit visually in the middle). */
    void centeredText(String s, Font f, Color color, double x, double y) {
      Rectangle2D ink = f.createGlyphVector(frc, s).getVisualBounds();
      g.setColor(color);
      g.setFont(f);
      g.drawString(s, (float) (x - ink.getCenterX()), (float) (y - ink.getCenterY()));
    }

    void line(double x0, double y0, double x1, double y1) {
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(SPINE_WIDTH));
      g.draw(new Line2D.Double(x0, y0, x1, y1));
    }

    void frame(Rectangle2D r) {
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(SPINE_WIDTH));
      g.draw(r);
    }

    BufferedImage finish() {
      g.dispose();
      return image;
    }
  }

  /** Writes the image as a PNG next to {@code path}, then moves it into place. */
  private static void writePng(BufferedImage image, Path path) throws IOException {
    Path target = path.toAbsolutePath();
    Path folder = target.getParent();
    if (folder == null) {
      throw new IOException(path + ": not a file path (it has no parent folder).");
    }
    Files.createDirectories(folder);
    if (Files.isDirectory(target)) {
      throw new IOException(path + ": is a folder; pass the path of a PNG file, such as " + path.resolve("plot.png")
          + ".");
    }
    io.github.keras4j.saving.AtomicFiles.write(target, temp -> {
      if (!ImageIO.write(image, "png", temp.toFile())) {
        throw new IOException(path + ": no PNG writer is available in this Java runtime.");
      }
    });
  }
}
