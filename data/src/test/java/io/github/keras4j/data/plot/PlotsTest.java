package io.github.keras4j.data.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.History;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  private static final List<String> COURSE_CLASSES = List.of("no_side_effects", "had_side_effects");
  private static final ConfusionMatrix COURSE = ConfusionMatrix.fromCounts(new int[][] {{195, 15}, {10, 200}});

  @TempDir Path dir;

  private static BufferedImage read(Path path) throws IOException {
    BufferedImage image = ImageIO.read(path.toFile());
    assertThat(image).as("a PNG at %s", path).isNotNull();
    return image;
  }

  /** Returns the color of a cell a quarter of the way in from its corner, away from the number in its middle. */
  private static int cellColor(BufferedImage image, ConfusionMatrixFigure.MatrixLayout layout, int i, int j) {
    Rectangle2D cell = layout.cell(i, j);
    return image.getRGB((int) (cell.getMinX() + cell.getWidth() / 4), (int) (cell.getMinY() + cell.getHeight() / 4))
        & 0xffffff;
  }

  private static int distance(int rgb, int expected) {
    int d = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      d = Math.max(d, Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)));
    }
    return d;
  }

  private static double luminance(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
  }

  private static long countPixels(BufferedImage image, Rectangle2D area, java.util.function.IntPredicate test) {
    long count = 0;
    for (int y = (int) area.getMinY() + 2; y < (int) area.getMaxY() - 2; y++) {
      for (int x = (int) area.getMinX() + 2; x < (int) area.getMaxX() - 2; x++) {
        if (test.test(image.getRGB(x, y) & 0xffffff)) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void interpolatesMatplotlibsBluesColormap() {
    assertThat(ConfusionMatrixFigure.blues(0)).isEqualTo(0xf7fbff);
    assertThat(ConfusionMatrixFigure.blues(1)).isEqualTo(0x08306b);
    assertThat(distance(ConfusionMatrixFigure.blues(0.5), 0x6baed6)).isLessThanOrEqualTo(2);
    assertThat(distance(ConfusionMatrixFigure.blues(0.25), 0xc6dbef)).isLessThanOrEqualTo(2);
    assertThat(ConfusionMatrixFigure.blues(-3)).isEqualTo(0xf7fbff);
    assertThat(ConfusionMatrixFigure.blues(7)).isEqualTo(0x08306b);
  }

  @Test
  void drawsTheCourseMatrixWithTheDarkestCellDarkBlueAndTheLightestNearWhite() throws IOException {
    Path path = dir.resolve("cm.png");

    Plots.confusionMatrix(COURSE, COURSE_CLASSES, "Confusion Matrix", path);

    BufferedImage image = read(path);
    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(COURSE, COURSE_CLASSES,
        "Confusion Matrix", false);
    assertThat(image.getWidth()).isEqualTo(layout.width).isGreaterThanOrEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(layout.height).isGreaterThanOrEqualTo(480);
    assertThat(distance(cellColor(image, layout, 1, 1), 0x08306b)).as("200, the largest").isLessThanOrEqualTo(2);
    assertThat(distance(cellColor(image, layout, 1, 0), 0xf7fbff)).as("10, the smallest").isLessThanOrEqualTo(2);
    assertThat(luminance(cellColor(image, layout, 0, 0))).isLessThan(luminance(cellColor(image, layout, 0, 1)));
    assertThat(image.getRGB(2, 2) & 0xffffff).as("white background").isEqualTo(0xffffff);
  }

  @Test
  void writesWhiteNumbersOnDarkCellsAndBlackNumbersOnLightCells() throws IOException {
    Path path = dir.resolve("cm.png");
    Plots.confusionMatrix(COURSE, COURSE_CLASSES, "Confusion Matrix", path);
    BufferedImage image = read(path);
    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(COURSE, COURSE_CLASSES,
        "Confusion Matrix", false);

    Rectangle2D dark = layout.cell(1, 1);
    Rectangle2D light = layout.cell(0, 1);
    Rectangle2D darkMiddle = new Rectangle2D.Double(dark.getCenterX() - 20, dark.getCenterY() - 10, 40, 20);
    Rectangle2D lightMiddle = new Rectangle2D.Double(light.getCenterX() - 20, light.getCenterY() - 10, 40, 20);
    assertThat(countPixels(image, darkMiddle, rgb -> luminance(rgb) > 200)).as("white digits").isGreaterThan(20);
    assertThat(countPixels(image, lightMiddle, rgb -> luminance(rgb) < 60)).as("black digits").isGreaterThan(20);
  }

  @Test
  void drawsAColorbarFromLightAtTheBottomToDarkAtTheTop() throws IOException {
    Path path = dir.resolve("cm.png");
    Plots.confusionMatrix(COURSE, COURSE_CLASSES, "Confusion Matrix", path);
    BufferedImage image = read(path);
    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(COURSE, COURSE_CLASSES,
        "Confusion Matrix", false);

    int x = (int) (layout.cbLeft + layout.cbWidth / 2);
    int top = image.getRGB(x, (int) layout.axTop + 3) & 0xffffff;
    int bottom = image.getRGB(x, (int) (layout.axTop + layout.side) - 3) & 0xffffff;
    assertThat(distance(top, 0x08306b)).isLessThanOrEqualTo(6);
    assertThat(distance(bottom, 0xf7fbff)).isLessThanOrEqualTo(6);
    assertThat(layout.cbTicks).contains(50, 100, 150, 200);
  }

  @Test
  void drawsADiagonalHeavyMatrixDarkOnTheDiagonal() throws IOException {
    int[][] counts = new int[10][10];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        counts[i][j] = i == j ? 90 + i : (i + j) % 3;
      }
    }
    ConfusionMatrix cm = ConfusionMatrix.fromCounts(counts);
    List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    Path path = dir.resolve("digits.png");

    Plots.confusionMatrix(cm, names, "Confusion Matrix", path);

    BufferedImage image = read(path);
    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(cm, names,
        "Confusion Matrix", false);
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        double l = luminance(cellColor(image, layout, i, j));
        if (i == j) {
          assertThat(l).as("diagonal cell %d", i).isLessThan(80);
        } else {
          assertThat(l).as("cell (%d, %d)", i, j).isGreaterThan(200);
        }
      }
    }
  }

  @Test
  void colorsANormalizedMatrixByItsFractions() throws IOException {
    // Row 0 is 50/50 although its counts are small; row 1 is all correct.
    ConfusionMatrix cm = ConfusionMatrix.fromCounts(new int[][] {{1, 1}, {0, 100}});
    Path path = dir.resolve("normalized.png");

    Plots.confusionMatrix(cm, List.of("a", "b"), "Normalized", true, path);

    BufferedImage image = read(path);
    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(cm, List.of("a", "b"),
        "Normalized", true);
    assertThat(layout.cellText[0][0]).isEqualTo("0.50");
    assertThat(layout.cellText[1][1]).isEqualTo("1.00");
    assertThat(distance(cellColor(image, layout, 1, 1), 0x08306b)).isLessThanOrEqualTo(2);
    assertThat(distance(cellColor(image, layout, 1, 0), 0xf7fbff)).isLessThanOrEqualTo(2);
    assertThat(distance(cellColor(image, layout, 0, 0), ConfusionMatrixFigure.blues(0.5))).isLessThanOrEqualTo(2);
  }

  @Test
  void drawsAnAllZeroMatrixInTheLightestColor() throws IOException {
    ConfusionMatrix cm = ConfusionMatrix.of(new int[0], new int[0], 2);
    Path path = dir.resolve("zeros.png");

    Plots.confusionMatrix(cm, List.of("a", "b"), "", path);

    BufferedImage image = read(path);
    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(cm, List.of("a", "b"), "", false);
    assertThat(distance(cellColor(image, layout, 0, 0), 0xf7fbff)).isLessThanOrEqualTo(2);
  }

  @Test
  void growsTheFigureWhenManyClassesNeedBiggerCells() {
    int n = 40;
    int[][] counts = new int[n][n];
    for (int i = 0; i < n; i++) {
      counts[i][i] = 123456;
    }
    List<String> names = Stream.iterate(0, k -> k + 1).limit(n).map(k -> "class" + k).toList();

    ConfusionMatrixFigure.MatrixLayout layout = ConfusionMatrixFigure.matrixLayout(ConfusionMatrix.fromCounts(
        counts), names, "Many", false);

    assertThat(layout.width).isGreaterThan(800);
    assertThat(layout.cell).isGreaterThan(40);
  }

  @Test
  void createsParentFoldersAndReplacesAnExistingFileLeavingNoTemporaryFiles() throws IOException {
    Path path = dir.resolve("plots/nested/cm.png");
    Plots.confusionMatrix(COURSE, COURSE_CLASSES, "First", path);
    Plots.confusionMatrix(COURSE, COURSE_CLASSES, "Second", path);

    assertThat(read(path).getWidth()).isGreaterThan(0);
    try (Stream<Path> files = Files.list(path.getParent())) {
      assertThat(files).containsExactly(path);
    }
  }

  @Test
  void rejectsAClassNameCountThatDiffersFromTheMatrix() {
    assertThatThrownBy(() -> Plots.confusionMatrix(COURSE, List.of("a", "b", "c"), "t", dir.resolve("x.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Plots.confusionMatrix: classNames must name each of the matrix's 2 classes, but got 3 names "
            + "[a, b, c].");
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  @Test
  void rejectsAFolderAsTheTarget() {
    assertThatThrownBy(() -> Plots.confusionMatrix(COURSE, COURSE_CLASSES, "t", dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is a folder");
  }

  /** Keras's logs, in the order Keras writes them. */
  private static Map<String, Double> logs(Object... keysAndValues) {
    Map<String, Double> logs = new LinkedHashMap<>();
    for (int k = 0; k < keysAndValues.length; k += 2) {
      logs.put((String) keysAndValues[k], (Double) keysAndValues[k + 1]);
    }
    return logs;
  }

  private static History history(int epochs, boolean validation) {
    History history = new History();
    for (int e = 0; e < epochs; e++) {
      double loss = 0.7 * Math.exp(-e / 8.0) + 0.25;
      double accuracy = 0.95 - 0.45 * Math.exp(-e / 6.0);
      if (validation) {
        history.onEpochEnd(e, logs("loss", loss, "accuracy", accuracy, "val_loss", loss * 0.97,
            "val_accuracy", Math.min(1, accuracy + 0.02)));
      } else {
        history.onEpochEnd(e, logs("loss", loss, "accuracy", accuracy));
      }
    }
    return history;
  }

  private static long countColor(BufferedImage image, int rgb, int tolerance) {
    return countPixels(image, new Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight()),
        p -> distance(p, rgb) <= tolerance);
  }

  @Test
  void drawsLossAndAccuracyPanelsWithOneCurvePerSeries() throws IOException {
    Path path = dir.resolve("history.png");

    Plots.history(history(30, true), path);

    BufferedImage image = read(path);
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(520);
    // Each panel starts matplotlib's tab10 cycle: training series blue, validation series orange.
    int blue = 0x1f77b4;
    int orange = 0xff7f0e;
    for (BufferedImage panel : List.of(image.getSubimage(0, 0, 640, 520), image.getSubimage(640, 0, 640, 520))) {
      assertThat(countColor(panel, blue, 10)).isGreaterThan(200);
      assertThat(countColor(panel, orange, 10)).isGreaterThan(200);
      assertThat(countColor(panel, 0x2ca02c, 10)).as("no third series").isZero();
    }
  }

  /** A fit's history with two metrics and validation, as Keras logs it (loss, metrics, then their val_). */
  private static History twoMetrics(int epochs) {
    History history = new History();
    for (int e = 0; e < epochs; e++) {
      double loss = 0.7 * Math.exp(-e / 8.0) + 0.25;
      double accuracy = 0.95 - 0.45 * Math.exp(-e / 6.0);
      double auc = 0.99 - 0.4 * Math.exp(-e / 5.0);
      history.onEpochEnd(e, logs("loss", loss, "accuracy", accuracy, "auc", auc, "val_loss", loss * 1.05,
          "val_accuracy", accuracy - 0.03, "val_auc", auc - 0.02));
    }
    return history;
  }

  @Test
  void drawsOnePanelPerMetricEachWithItsValidationSeries() throws IOException {
    Path path = dir.resolve("metrics.png");

    Plots.history(twoMetrics(20), path);

    BufferedImage image = read(path);
    assertThat(image.getWidth()).isEqualTo(3 * 640);
    assertThat(image.getHeight()).isEqualTo(520);
    for (int p = 0; p < 3; p++) {
      BufferedImage panel = image.getSubimage(p * 640, 0, 640, 520);
      assertThat(countColor(panel, 0x1f77b4, 10)).as("training curve of panel %d", p).isGreaterThan(200);
      assertThat(countColor(panel, 0xff7f0e, 10)).as("validation curve of panel %d", p).isGreaterThan(200);
      assertThat(countColor(panel, 0x2ca02c, 10)).as("no third series in panel %d", p).isZero();
    }
  }

  @Test
  void drawsOnlyTheNamedQuantitiesInTheirOrder() throws IOException {
    Path one = dir.resolve("auc.png");
    Plots.history(twoMetrics(10), one, "auc");
    BufferedImage image = read(one);
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(countColor(image, 0x1f77b4, 10)).isGreaterThan(200);
    assertThat(countColor(image, 0xff7f0e, 10)).isGreaterThan(200);

    Path two = dir.resolve("two.png");
    Plots.history(twoMetrics(10), two, "auc", "loss");
    assertThat(read(two).getWidth()).isEqualTo(2 * 640);
    // The same panels in the order asked: the auc panel of two.png is one.png's.
    BufferedImage first = read(two).getSubimage(0, 0, 640, 520);
    assertThat(countColor(first, 0x1f77b4, 10)).isEqualTo(countColor(image, 0x1f77b4, 10));
  }

  @Test
  void wrapsPanelsThreeToARow() throws IOException {
    History history = new History();
    for (int e = 0; e < 5; e++) {
      history.onEpochEnd(e, logs("loss", 1.0 / (e + 1), "a", 0.1 * e, "b", 0.2 * e, "c", 0.3 * e));
    }
    Path path = dir.resolve("grid.png");

    Plots.history(history, path);

    BufferedImage image = read(path);
    assertThat(image.getWidth()).isEqualTo(3 * 640);
    assertThat(image.getHeight()).isEqualTo(2 * 520);
    assertThat(countColor(image.getSubimage(0, 520, 640, 520), 0x1f77b4, 10)).as("fourth panel").isGreaterThan(100);
    assertThat(countColor(image.getSubimage(640, 520, 640, 520), 0x1f77b4, 10)).as("empty slot").isZero();
  }

  @Test
  void rejectsAQuantityThatWasNotLogged() {
    assertThatThrownBy(() -> Plots.history(twoMetrics(3), dir.resolve("x.png"), "val_accuracy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Plots.history: no series for 'val_accuracy' in the history; it has [loss, accuracy, auc]"
            + " (keys [loss, accuracy, auc, val_loss, val_accuracy, val_auc]). Name a metric without its val_"
            + " prefix.");
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  @Test
  void drawsOnlyALossPanelWhenNoMetricWasLogged() throws IOException {
    History history = new History();
    history.onEpochEnd(0, logs("loss", 0.9));
    history.onEpochEnd(1, logs("loss", 0.5));
    Path path = dir.resolve("loss.png");

    Plots.history(history, path);

    assertThat(read(path).getWidth()).isEqualTo(640);
  }

  @Test
  void drawsASingleEpochAsAVisibleMarker() throws IOException {
    Path path = dir.resolve("one.png");

    Plots.history(history(1, false), path);

    BufferedImage image = read(path);
    assertThat(countColor(image, 0x1f77b4, 10)).isGreaterThan(10);
  }

  @Test
  void rejectsAnEmptyHistory() {
    assertThatThrownBy(() -> Plots.history(new History(), dir.resolve("h.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Plots.history: the history is empty (no epoch was logged); plot the History that fit(...) "
            + "returns after at least one epoch.");
  }

  @Test
  void picksNiceTicksAsMatplotlib() {
    assertThat(Figure.niceTicks(10, 200, 9, false)).containsExactly(25, 50, 75, 100, 125, 150, 175, 200);
    assertThat(Figure.niceTicks(0.55, 10.45, 9, true)).containsExactly(2, 4, 6, 8, 10);
    assertThat(Figure.niceTicks(0.9, 3.1, 9, true)).containsExactly(1, 2, 3);
    assertThat(Figure.formatTicks(new double[] {0, 0.2, 0.4})).containsExactly("0.0", "0.2", "0.4");
    assertThat(Figure.formatTicks(new double[] {0.25, 0.5})).containsExactly("0.25", "0.50");
    assertThat(Figure.formatTicks(new double[] {-1, 0, 1})).containsExactly("\u22121", "0", "1");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Image grid

  private static org.tensorflow.ndarray.FloatNdArray batchOf(int n, int h, int w, int c,
      java.util.function.IntToDoubleFunction value) {
    float[] v = new float[n * h * w * c];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) value.applyAsDouble(i);
    }
    return org.tensorflow.ndarray.NdArrays.wrap(org.tensorflow.ndarray.Shape.of(n, h, w, c),
        org.tensorflow.ndarray.buffer.DataBuffers.of(v, false, false));
  }

  @Test
  void drawsABatchInOneRowMinMaxScalingEachImage() throws IOException {
    // Image k: channel 0 = -100 - k, channel 1 = -50 (the maximum), channel 2 = -75 (halfway), as VGG16 values.
    org.tensorflow.ndarray.FloatNdArray batch = batchOf(3, 8, 8, 3, i -> {
      int k = i / (8 * 8 * 3);
      return switch (i % 3) {
        case 0 -> -100 - k;
        case 1 -> -50;
        default -> -75 - k / 2.0;
      };
    });
    Path path = dir.resolve("grid/batch.png");
    Plots.images(batch, path);
    BufferedImage image = read(path);
    assertThat(image.getWidth()).isEqualTo(10 + 3 * (ImageGridFigure.IMAGE_CELL + 10));
    assertThat(image.getHeight()).isEqualTo(10 + ImageGridFigure.IMAGE_CELL + 10);
    for (int k = 0; k < 3; k++) {
      int center = image.getRGB(10 + k * (ImageGridFigure.IMAGE_CELL + 10) + ImageGridFigure.IMAGE_CELL / 2,
          10 + ImageGridFigure.IMAGE_CELL / 2);
      assertThat((center >> 16) & 0xff).as("red of image %d", k).isEqualTo(0);
      assertThat((center >> 8) & 0xff).as("green of image %d", k).isEqualTo(255);
      assertThat(center & 0xff).as("blue of image %d", k).isBetween(127, 128);
    }
    assertThat(image.getRGB(5, 5) & 0xffffff).isEqualTo(0xffffff);
  }

  @Test
  void writesLabelsAsTitlesAndWrapsLargeBatchesIntoRows() throws IOException {
    org.tensorflow.ndarray.FloatNdArray batch = batchOf(12, 4, 6, 1, i -> i % 7);
    float[][] labels = new float[12][];
    for (int k = 0; k < 12; k++) {
      labels[k] = new float[] {k % 2, 1 - k % 2};
    }
    BufferedImage titled = ImageGridFigure.renderImages(batch, java.util.Arrays.stream(labels).map(
        ImageGridFigure::numpyRow).toList());
    BufferedImage plain = ImageGridFigure.renderImages(batch, null);
    assertThat(plain.getWidth()).isEqualTo(10 + 10 * (ImageGridFigure.IMAGE_CELL + 10));
    int cellHeight = ImageGridFigure.IMAGE_CELL * 4 / 6;
    assertThat(plain.getHeight()).isEqualTo(10 + 2 * (cellHeight + 10));
    assertThat(titled.getHeight()).isGreaterThan(plain.getHeight());
    assertThat(ImageGridFigure.numpyRow(new float[] {0, 1})).isEqualTo("[0. 1.]");
    assertThat(ImageGridFigure.numpyRow(new float[] {0.25f, 3})).isEqualTo("[0.25 3.]");
    Path path = dir.resolve("labelled.png");
    Plots.images(batch, labels, path);
    assertThat(read(path).getHeight()).isEqualTo(titled.getHeight());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("labelled.png");
    }
  }

  @Test
  void rejectsBatchesItCannotDraw() {
    assertThatThrownBy(() -> ImageGridFigure.renderImages(batchOf(2, 3, 3, 2, i -> 0), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1, 3 or 4 channels");
    assertThatThrownBy(() -> ImageGridFigure.renderImages(batchOf(2, 3, 3, 3, i -> 0), List.of("only one")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one title or label row per image (2)");
    assertThatThrownBy(() -> ImageGridFigure.renderImages(org.tensorflow.ndarray.NdArrays.ofFloats(
            org.tensorflow.ndarray.Shape.of(4, 4)), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(batch, height, width, channels)");
  }

  @Test
  void drawsAListOfImagesAsOneRow() throws IOException {
    org.tensorflow.ndarray.FloatNdArray batch = batchOf(10, 6, 4, 3, i -> (i * 37) % 256);
    List<org.tensorflow.ndarray.FloatNdArray> list = new java.util.ArrayList<>();
    for (int k = 0; k < 10; k++) {
      list.add(batch.get(k));
    }
    Path path = dir.resolve("augmented.png");
    Plots.images(list, path);
    BufferedImage drawn = read(path);
    BufferedImage expected = ImageGridFigure.renderImages(batch, null);
    assertThat(drawn.getWidth()).isEqualTo(expected.getWidth());
    assertThat(drawn.getHeight()).isEqualTo(expected.getHeight());
    assertThat(drawn.getRGB(20, 20)).isEqualTo(expected.getRGB(20, 20));
    assertThatThrownBy(() -> Plots.images(List.of(), path)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no image");
    assertThatThrownBy(() -> Plots.images(List.of(batch.get(0), batchOf(1, 4, 6, 3, i -> 0).get(0)), path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image 0 has shape [6, 4, 3] and image 1 has shape [4, 6, 3]");
  }
}
