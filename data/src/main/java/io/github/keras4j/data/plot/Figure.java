package io.github.keras4j.data.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Internal: what every figure shares: matplotlib's sizes at {@link #DPI}, its color cycle, tick placement and
 * formatting, the {@link Canvas} and the atomic PNG writer.
 */
final class Figure {
  private Figure() {}

  /** Pixels per inch: matplotlib sizes in points become {@code pt * DPI / 72} pixels. */
  static final double DPI = 125;
  /** matplotlib's default figure size, 6.4 × 4.8 inches, at {@link #DPI}. */
  static final int FIGURE_WIDTH = 800;
  static final int FIGURE_HEIGHT = 600;
  static final float FONT_PT = 10f;
  static final float TITLE_PT = 12f;
  static final double TICK_LENGTH = px(3.5);
  static final double TICK_PAD = px(3.5);
  static final double LABEL_PAD = px(4);
  static final double TITLE_PAD = px(6);
  static final double MARGIN = px(8);
  static final float SPINE_WIDTH = (float) px(0.8);
  static final float LINE_WIDTH = (float) px(1.5);

  /** matplotlib's default color cycle ({@code tab10}). */
  static final Color[] CYCLE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };



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



  static double px(double points) {
    return points * DPI / 72;
  }

  /** A white RGB image with antialiased drawing and matplotlib's fonts. */
  static final class Canvas {
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
  static void writePng(BufferedImage image, Path path) throws IOException {
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
