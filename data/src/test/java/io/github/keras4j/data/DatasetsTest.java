package io.github.keras4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DatasetsTest {

  private static float[] ages(int n) {
    float[] samples = new float[n];
    for (int i = 0; i < n; i++) {
      samples[i] = 13 + i;
    }
    return samples;
  }

  /** Labels that encode their sample, so that a broken pair shows. */
  private static int[] labelsOf(float[] samples) {
    return IntStream.range(0, samples.length).map(i -> (int) samples[i] * 10).toArray();
  }

  @Test
  void shufflesSamplesAndLabelsInUnison() {
    float[] samples = ages(50);
    int[] labels = labelsOf(samples);

    Datasets.shuffle(samples, labels, 42);

    for (int i = 0; i < samples.length; i++) {
      assertThat(labels[i]).isEqualTo((int) samples[i] * 10);
    }
    assertThat(samples).isNotEqualTo(ages(50));
    float[] sorted = samples.clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(ages(50));
  }

  @Test
  void givesTheSameOrderForTheSameSeed() {
    float[] a = ages(30);
    float[] b = ages(30);
    Datasets.shuffle(a, labelsOf(a), 7);
    Datasets.shuffle(b, labelsOf(b), 7);

    assertThat(a).isEqualTo(b);
  }

  @Test
  void givesDifferentOrdersForDifferentSeeds() {
    float[] a = ages(30);
    float[] b = ages(30);
    Datasets.shuffle(a, labelsOf(a), 1);
    Datasets.shuffle(b, labelsOf(b), 2);

    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void reordersByThePermutationOfTheSameSeed() {
    float[] original = ages(20);
    float[] samples = original.clone();
    Datasets.shuffle(samples, new int[20], 99);
    int[] permutation = Datasets.permutation(20, 99);

    for (int i = 0; i < 20; i++) {
      assertThat(samples[i]).isEqualTo(original[permutation[i]]);
    }
    assertThat(IntStream.of(permutation).sorted().toArray()).isEqualTo(IntStream.range(0, 20).toArray());
  }

  @Test
  void shufflesRowsWithIntOrRowLabelsInUnison() {
    float[][] rows = new float[10][];
    int[] labels = new int[10];
    float[][] oneHot = new float[10][];
    int[] ints = new int[10];
    int[] intLabels = new int[10];
    for (int i = 0; i < 10; i++) {
      rows[i] = new float[] {i, -i};
      labels[i] = i;
      oneHot[i] = new float[] {i, 0};
      ints[i] = i;
      intLabels[i] = 100 + i;
    }
    float[][] rowsCopy = rows.clone();

    Datasets.shuffle(rows, labels, 3);
    Datasets.shuffle(rowsCopy, oneHot, 3);
    Datasets.shuffle(ints, intLabels, 3);

    for (int i = 0; i < 10; i++) {
      assertThat(rows[i][0]).isEqualTo(labels[i]);
      assertThat(rowsCopy[i][0]).isEqualTo(oneHot[i][0]);
      assertThat(intLabels[i]).isEqualTo(100 + ints[i]);
      assertThat(ints[i]).isEqualTo(labels[i]); // same seed, same length: same order
    }
  }

  @Test
  void rejectsArraysOfDifferentLengths() {
    assertThatThrownBy(() -> Datasets.shuffle(new float[10], new int[9], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Datasets.shuffle: samples and labels must have the same length, but got 10 samples and 9 "
            + "labels.");
    assertThatThrownBy(() -> Datasets.shuffle(new float[3][1], new float[4][1], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 samples and 4 labels");
  }

  @Test
  void reshapesValuesIntoOneColumn() {
    float[][] column = Datasets.column(new float[] {1f, 2f, 3f});

    assertThat(column).isEqualTo(new float[][] {{1f}, {2f}, {3f}});
    assertThat(Datasets.column(new float[0])).isEmpty();
  }

  @Test
  void splitsWithTheTestSizeRoundedUpAsScikitLearn() {
    float[][] x = Datasets.column(ages(10));
    int[] y = labelsOf(ages(10));

    assertThat(Datasets.split(x, y, 0.1, 0).yTest()).hasSize(1);
    assertThat(Datasets.split(x, y, 0.25, 0).yTest()).hasSize(3); // ceil(2.5)
    assertThat(Datasets.split(x, y, 0.25, 0).yTrain()).hasSize(7);
    // 0.55 * 100 is 55.00000000000001 in binary floating point, so scikit-learn's ceil gives 56 too.
    float[][] x100 = Datasets.column(ages(100));
    assertThat(Datasets.split(x100, labelsOf(ages(100)), 0.55, 0).yTest()).hasSize(56);
  }

  @Test
  void splitsWithoutShufflingIntoTheFirstAndLastSamples() {
    float[][] x = Datasets.column(ages(5));
    int[] y = {0, 1, 2, 3, 4};

    Datasets.Split split = Datasets.split(x, y, 0.4, 0, false);

    assertThat(split.yTrain()).containsExactly(0, 1, 2);
    assertThat(split.yTest()).containsExactly(3, 4);
    assertThat(split.xTrain()).isEqualTo(new float[][] {{13f}, {14f}, {15f}});
    assertThat(split.xTest()).isEqualTo(new float[][] {{16f}, {17f}});
    assertThat(split).hasToString("Split[train=3, test=2]");
  }

  @Test
  void splitsAShuffledPermutationKeepingPairsTogether() {
    float[] ages = ages(40);
    float[][] x = Datasets.column(ages);
    int[] y = labelsOf(ages);

    Datasets.Split split = Datasets.split(x, y, 0.25, 5);
    int[] permutation = Datasets.permutation(40, 5);

    assertThat(split.yTest()).hasSize(10);
    assertThat(split.yTrain()).hasSize(30);
    for (int k = 0; k < 10; k++) {
      assertThat(split.yTest()[k]).isEqualTo(y[permutation[k]]);
      assertThat(split.xTest()[k][0] * 10).isEqualTo(split.yTest()[k]);
    }
    for (int k = 0; k < 30; k++) {
      assertThat(split.yTrain()[k]).isEqualTo(y[permutation[10 + k]]);
      assertThat(split.xTrain()[k][0] * 10).isEqualTo(split.yTrain()[k]);
    }
    assertThat(Datasets.split(x, y, 0.25, 5)).isEqualTo(split);
    assertThat(Datasets.split(x, y, 0.25, 6)).isNotEqualTo(split);
  }

  @Test
  void copiesRowsIntoTheSplit() {
    float[][] x = {{1f}, {2f}};
    Datasets.Split split = Datasets.split(x, new int[] {0, 1}, 0.5, 0, false);
    split.xTrain()[0][0] = 42f;

    assertThat(x[0][0]).isEqualTo(1f);
  }

  @Test
  void rejectsATestFractionOutsideZeroToOne() {
    float[][] x = Datasets.column(ages(10));
    int[] y = new int[10];

    assertThatThrownBy(() -> Datasets.split(x, y, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Datasets.split: testFraction must be in (0, 1), but got testFraction=1.0.");
    assertThatThrownBy(() -> Datasets.split(x, y, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Datasets.split(x, y, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsASplitThatLeavesAnEmptyPart() {
    assertThatThrownBy(() -> Datasets.split(new float[][] {{1f}}, new int[] {0}, 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Datasets.split: with n=1 samples and testFraction=0.5, the train part would be empty "
            + "(nTest=ceil(testFraction * n)=1, nTrain=0); use more samples or another testFraction.");
    assertThatThrownBy(() -> Datasets.split(new float[0][], new int[0], 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the test part would be empty");
  }

  @Test
  void rejectsSamplesAndLabelsOfDifferentLengthsInSplit() {
    assertThatThrownBy(() -> Datasets.split(new float[4][1], new int[3], 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Datasets.split: x and y must have the same number of samples, but got x.length=4 and "
            + "y.length=3.");
  }
}
