package io.github.keras4j.data.plot;

import static java.util.Objects.requireNonNull;
import io.github.keras4j.metrics.ConfusionMatrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import static io.github.keras4j.data.plot.Figure.*;

/**
 * Internal: the confusion-matrix figure of {@link Plots#confusionMatrix}, as scikit-learn's example draws it.
 */
final class ConfusionMatrixFigure {
  private ConfusionMatrixFigure() {}

  /** matplotlib's {@code Blues} colormap, from light to dark: the 9 anchors of ColorBrewer's sequential scheme. */
  static final int[] BLUES_ANCHORS = {
    0xf7fbff, 0xdeebf7, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x08519c, 0x08306b
  };
  /** matplotlib's default colormap resolution ({@code rcParams['image.lut']}). */
  static final int LUT_SIZE = 256;
  static final int[] BLUES_LUT = blueLut();


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
  static int colorOf(double value, double vmin, double vmax) {
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

  static int[] blueLut() {
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

}
