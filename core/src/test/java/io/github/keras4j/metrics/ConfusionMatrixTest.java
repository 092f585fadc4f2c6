package io.github.keras4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

  /** The course's medical-trial result: 210 without and 210 with side effects. */
  private static ConfusionMatrix courseMatrix() {
    int[] yTrue = new int[420];
    int[] yPred = new int[420];
    Arrays.fill(yTrue, 210, 420, 1);
    // class 0: 195 right, 15 predicted as 1; class 1: 10 predicted as 0, 200 right.
    Arrays.fill(yPred, 195, 210, 1);
    Arrays.fill(yPred, 220, 420, 1);
    return ConfusionMatrix.of(yTrue, yPred);
  }

  @Test
  void countsRowsByTrueClassAndColumnsByPredictedClass() {
    ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 2});

    assertThat(cm.numClasses()).isEqualTo(3);
    assertThat(cm.counts()).isEqualTo(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}});
    assertThat(cm.count(2, 0)).isEqualTo(1);
    assertThat(cm.count(0, 2)).isZero();
    assertThat(cm.total()).isEqualTo(6);
  }

  @Test
  void infersTheNumberOfClassesFromTheLargestLabelInEitherArray() {
    assertThat(ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 4}).numClasses()).isEqualTo(5);
    assertThat(ConfusionMatrix.of(new int[] {3, 1}, new int[] {0, 0}).numClasses()).isEqualTo(4);
  }

  @Test
  void keepsClassesThatNeverOccurWhenNumClassesIsGiven() {
    ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, 3);

    assertThat(cm.counts()).isEqualTo(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 0}});
  }

  @Test
  void acceptsEmptyLabelsWhenNumClassesIsGiven() {
    ConfusionMatrix cm = ConfusionMatrix.of(new int[0], new int[0], 2);

    assertThat(cm.counts()).isEqualTo(new int[][] {{0, 0}, {0, 0}});
    assertThat(cm.total()).isZero();
    assertThat(cm.accuracy()).isNaN();
  }

  @Test
  void computesAccuracyAsTraceOverTotal() {
    assertThat(courseMatrix().accuracy()).isCloseTo(395.0 / 420, within(1e-12));
  }

  @Test
  void normalizesEachRowToFractionsOfItsClassAndLeavesEmptyRowsZero() {
    ConfusionMatrix cm = ConfusionMatrix.fromCounts(new int[][] {{3, 1, 0}, {0, 0, 0}, {1, 1, 2}});

    double[][] normalized = cm.normalized();

    assertThat(normalized[0]).containsExactly(new double[] {0.75, 0.25, 0}, within(1e-12));
    assertThat(normalized[1]).containsExactly(new double[] {0, 0, 0}, within(1e-12));
    assertThat(normalized[2]).containsExactly(new double[] {0.25, 0.25, 0.5}, within(1e-12));
  }

  @Test
  void printsLikeNumpyPrintsScikitLearnsResult() {
    assertThat(courseMatrix()).hasToString("[[195  15]\n [ 10 200]]");
    assertThat(ConfusionMatrix.fromCounts(new int[][] {{0, 0}, {0, 0}})).hasToString("[[0 0]\n [0 0]]");
    assertThat(ConfusionMatrix.fromCounts(new int[][] {{5}})).hasToString("[[5]]");
    assertThat(ConfusionMatrix.fromCounts(new int[][] {{7, 12, 0}, {3, 100, 9}, {0, 0, 1}}))
        .hasToString("[[  7  12   0]\n [  3 100   9]\n [  0   0   1]]");
  }

  @Test
  void wrapsLongRowsAtSeventyFiveColumnsAsNumpy() {
    int[][] counts = new int[12][12];
    counts[0][0] = 100000;
    counts[11][11] = 7;
    String zeroRow = " [     0      0      0      0      0      0      0      0      0      0\n"
        + "       0      0]\n";

    String expected = "[[100000      0      0      0      0      0      0      0      0      0\n"
        + "       0      0]\n"
        + zeroRow.repeat(10)
        + " [     0      0      0      0      0      0      0      0      0      0\n"
        + "       0      7]]";
    assertThat(ConfusionMatrix.fromCounts(counts)).hasToString(expected);
  }

  @Test
  void summarizesMatricesOfMoreThanAThousandEntriesAsNumpy() {
    int[][] counts = new int[33][33];
    for (int i = 0; i < 33; i++) {
      for (int j = 0; j < 33; j++) {
        counts[i][j] = i * 33 + j;
      }
    }

    assertThat(ConfusionMatrix.fromCounts(counts)).hasToString(
        "[[   0    1    2 ...   30   31   32]\n"
            + " [  33   34   35 ...   63   64   65]\n"
            + " [  66   67   68 ...   96   97   98]\n"
            + " ...\n"
            + " [ 990  991  992 ... 1020 1021 1022]\n"
            + " [1023 1024 1025 ... 1053 1054 1055]\n"
            + " [1056 1057 1058 ... 1086 1087 1088]]");
  }

  @Test
  void takesTheRowWiseArgmaxWithTheFirstMaximumWinningLikeNumpy() {
    float[][] predictions = {{0.2f, 0.8f}, {0.5f, 0.5f}, {0.1f, 0.3f, 0.6f}, {Float.NaN, 1f}, {1f, Float.NaN}};

    assertThat(ConfusionMatrix.argmax(predictions)).containsExactly(1, 0, 2, 0, 1);
    assertThat(ConfusionMatrix.argmax(new float[0][])).isEmpty();
  }

  @Test
  void comparesByCounts() {
    ConfusionMatrix a = ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1, 0});
    ConfusionMatrix b = ConfusionMatrix.fromCounts(new int[][] {{1, 0}, {1, 1}});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ConfusionMatrix.fromCounts(new int[][] {{1, 0}, {0, 2}}));
  }

  @Test
  void returnsCopiesThatDoNotChangeTheMatrix() {
    int[][] source = {{1, 2}, {3, 4}};
    ConfusionMatrix cm = ConfusionMatrix.fromCounts(source);
    source[0][0] = 99;
    cm.counts()[1][1] = 99;

    assertThat(cm.counts()).isEqualTo(new int[][] {{1, 2}, {3, 4}});
  }

  @Test
  void rejectsLabelArraysOfDifferentLengths() {
    assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1, 1}, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix: yTrue and yPred must have the same length, but got yTrue.length=3 and "
            + "yPred.length=2.");
  }

  @Test
  void rejectsNegativeLabels() {
    assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix: labels must be non-negative class indices, but got yPred[1]=-1.");
  }

  @Test
  void rejectsLabelsOutsideTheGivenNumberOfClasses() {
    assertThatThrownBy(() -> ConfusionMatrix.of(new int[] {0, 2}, new int[] {0, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix: labels must be in [0, 2) for numClasses=2, but got yTrue[1]=2; "
            + "pass a larger numClasses or fix the label.");
  }

  @Test
  void rejectsANonPositiveNumberOfClasses() {
    assertThatThrownBy(() -> ConfusionMatrix.of(new int[0], new int[0], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix: numClasses must be a positive integer, but got numClasses=0.");
  }

  @Test
  void rejectsEmptyLabelsWhenTheNumberOfClassesMustBeInferred() {
    assertThatThrownBy(() -> ConfusionMatrix.of(new int[0], new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("of(yTrue, yPred, numClasses)");
  }

  @Test
  void rejectsNonSquareOrNegativeCounts() {
    assertThatThrownBy(() -> ConfusionMatrix.fromCounts(new int[][] {{1, 2}, {3}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix: counts must be square, but row 1 has 1 columns and there are 2 rows.");
    assertThatThrownBy(() -> ConfusionMatrix.fromCounts(new int[][] {{1, -2}, {3, 4}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix: counts must be non-negative, but got counts[0][1]=-2.");
    assertThatThrownBy(() -> ConfusionMatrix.fromCounts(new int[0][]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one row");
  }

  @Test
  void rejectsEmptyPredictionRowsInArgmax() {
    assertThatThrownBy(() -> ConfusionMatrix.argmax(new float[][] {{1f}, {}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ConfusionMatrix.argmax: every row needs at least one score, but row 1 is empty.");
  }

  @Test
  void rejectsCellsOutsideTheMatrix() {
    assertThatThrownBy(() -> courseMatrix().count(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
