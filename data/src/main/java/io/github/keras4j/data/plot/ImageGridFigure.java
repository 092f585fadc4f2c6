package io.github.keras4j.data.plot;

import static java.util.Objects.requireNonNull;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;
import static io.github.keras4j.data.plot.Figure.*;

/**
 * Internal: the image grid of {@link Plots#images}, as the course's {@code plotImages} draws it.
 */
final class ImageGridFigure {
  private ImageGridFigure() {}


  /** The longer side of each drawn image, in pixels. */
  static final int IMAGE_CELL = 200;
  static final int IMAGE_PAD = 10;
  static final int IMAGES_PER_ROW = 10;

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
  static BufferedImage displayImage(float[] values, int offset, int h, int w, int c) {
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

  static int display(float v, float min, float max, boolean stretch) {
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

}
