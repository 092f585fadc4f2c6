package io.github.keras4j.data.plot;

import static java.util.Objects.requireNonNull;
import io.github.keras4j.models.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static io.github.keras4j.data.plot.Figure.*;

/**
 * Internal: the training-curves figure of {@link Plots#history}.
 */
final class HistoryFigure {
  private HistoryFigure() {}


  /** Panels per row before the figure wraps onto a new row. */
  static final int COLUMNS = 3;
  static final int PANEL_WIDTH = 640;
  static final int PANEL_HEIGHT = 520;

  /** Renders the training-curves figure of every logged quantity; package-private for tests. */
  static BufferedImage renderHistory(History history) {
    return renderHistory(history, List.of());
  }

  /**
   * Renders one panel per quantity: the losses (every key with "loss" in its name) together, then each other
   * metric with its {@code val_} counterpart, in the order Keras logged them; only the {@code quantities} named
   * (all when empty). Package-private for tests.
   */
  static BufferedImage renderHistory(History history, List<String> quantities) {
    requireNonNull(history, "history");
    requireNonNull(quantities, "metrics");
    Map<String, List<Double>> series = history.history();
    if (series.isEmpty() || series.values().stream().allMatch(List::isEmpty)) {
      throw new IllegalArgumentException(
          "Plots.history: the history is empty (no epoch was logged); plot the History that fit(...) returns "
              + "after at least one epoch.");
    }
    // Panel name ("loss", "accuracy", …) -> its keys, in the order the keys were logged.
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String key : series.keySet()) {
      String base = key.startsWith("val_") ? key.substring(4) : key;
      groups.computeIfAbsent(key.contains("loss") ? "loss" : base, k -> new ArrayList<>()).add(key);
    }
    List<List<String>> panels = new ArrayList<>();
    List<String> lossKeys = groups.get("loss");
    if (quantities.isEmpty()) {
      panels.addAll(groups.values());
    } else {
      for (String q : quantities) {
        List<String> keys = groups.get(requireNonNull(q, "metric"));
        if (keys == null) {
          throw new IllegalArgumentException("Plots.history: no series for '" + q + "' in the history; it has "
              + groups.keySet() + " (keys " + series.keySet() + "). Name a metric without its val_ prefix.");
        }
        if (!panels.contains(keys)) {
          panels.add(keys);
        }
      }
    }
    int columns = Math.min(COLUMNS, panels.size());
    int rows = (panels.size() + columns - 1) / columns;
    Canvas canvas = new Canvas(PANEL_WIDTH * columns, PANEL_HEIGHT * rows);
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
      canvas.g.translate(0, (p / columns) * PANEL_HEIGHT);
      drawCurvesPanel(canvas, (p % columns) * PANEL_WIDTH, PANEL_WIDTH, PANEL_HEIGHT, curves, panelTitle, "Epoch",
          yLabel);
      canvas.g.translate(0, -(p / columns) * PANEL_HEIGHT);
    }
    return canvas.finish();
  }

  record Curve(String label, double[] xs, double[] ys, Color color) {}

  /** The metric all keys share once {@code val_} is stripped, or null when they differ. */
  static String commonMetric(List<String> keys) {
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

  static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static void drawCurvesPanel(Canvas canvas, double x0, double width, double height, List<Curve> curves,
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
  static double[] limits(double lo, double hi) {
    if (hi > lo) {
      double margin = 0.05 * (hi - lo);
      return new double[] {lo - margin, hi + margin};
    }
    double delta = lo == 0 ? 0.05 : Math.abs(lo) * 0.05;
    return new double[] {lo - delta, hi + delta};
  }

  /** Draws matplotlib's legend in the corner ("best" location) that covers the fewest drawn points. */
  static void drawLegend(Canvas canvas, Rectangle2D axes, List<Curve> curves, List<double[]> points) {
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

}
