package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArrayBatchesTest {
  /** 100 samples of 2 features: sample i is {@code (i, -i)}, label {@code i % 3}. */
  private static ArrayBatches all() {
    float[] x = new float[200];
    float[] y = new float[100];
    for (int i = 0; i < 100; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i % 3;
    }
    return new ArrayBatches(x, new long[] {2}, y, 1, true, 0, 100, 32, false, 0);
  }

  private static int[] orderOfEpoch(ArrayBatches source, int epoch) {
    source.onEpochBegin(epoch);
    return source.order();
  }

  @Test
  void keepsTheInputOrderWithoutShuffling() {
    ArrayBatches source = all().range(0, 100, 10, false, 1);
    for (int epoch = 0; epoch < 3; epoch++) {
      assertThat(orderOfEpoch(source, epoch)).containsExactly(IntStream.range(0, 100).toArray());
    }
  }

  @Test
  void reshufflesEveryEpochWithinTheRange() {
    ArrayBatches train = all().range(0, 80, 10, true, 42);
    int[] first = orderOfEpoch(train, 0);
    int[] second = orderOfEpoch(train, 1);
    assertThat(first).isNotEqualTo(second);
    assertThat(first).isNotEqualTo(IntStream.range(0, 80).toArray());
    for (int[] order : new int[][] {first, second}) {
      assertThat(order).containsExactlyInAnyOrder(IntStream.range(0, 80).toArray());
    }
  }

  @Test
  void drawsTheSameOrderForTheSameSeedAndEpoch() {
    int[] a = orderOfEpoch(all().range(0, 80, 10, true, 42), 3);
    int[] b = orderOfEpoch(all().range(0, 80, 10, true, 42), 3);
    int[] c = orderOfEpoch(all().range(0, 80, 10, true, 43), 3);
    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void aValidationRangeHoldsTheLastSamplesInOrder() {
    ArrayBatches validation = all().range(80, 20, 10, false, 42);
    assertThat(validation.size()).isEqualTo(20);
    assertThat(orderOfEpoch(validation, 5)).containsExactly(IntStream.range(80, 100).toArray());
    assertThat(validation.labels()).hasSize(20).startsWith(80 % 3, 81 % 3);
  }

  @Test
  void shufflingNeverMovesSamplesAcrossTheSplit() {
    ArrayBatches train = all().range(0, 80, 7, true, 3);
    for (int epoch = 0; epoch < 10; epoch++) {
      assertThat(IntStream.of(orderOfEpoch(train, epoch)).max().getAsInt()).isLessThan(80);
    }
  }

  @Test
  void servesBatchesInTheEpochOrderWithASmallerLastBatch() {
    ArrayBatches train = all().range(0, 80, 30, true, 9);
    assertThat(train.steps()).isEqualTo(3);
    int[] order = orderOfEpoch(train, 0);
    int[] sizes = new int[3];
    for (int step = 0; step < 3; step++) {
      BatchSource.Batch batch = train.batch(step);
      sizes[step] = batch.size();
      for (int i = 0; i < batch.size(); i++) {
        int sample = order[step * 30 + i];
        assertThat(batch.x()[2 * i]).isEqualTo((float) sample);
        assertThat(batch.x()[2 * i + 1]).isEqualTo((float) -sample);
        assertThat(batch.y()[i]).isEqualTo((float) (sample % 3));
      }
    }
    assertThat(sizes).containsExactly(30, 30, 20);
  }

  @Test
  void rejectsAStepOutsideTheEpoch() {
    ArrayBatches source = all().range(0, 100, 32, false, 0);
    assertThat(source.steps()).isEqualTo(4);
    assertThatThrownBy(() -> source.batch(4)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("4");
    assertThatThrownBy(() -> source.batch(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void describesItsSamplesAndLabels() {
    ArrayBatches source = all();
    assertThat(source.sampleShape()).containsExactly(2);
    assertThat(source.labelSize()).isEqualTo(1);
    assertThat(source.integerLabels()).isTrue();
    assertThat(Arrays.copyOf(source.labels(), 4)).containsExactly(0f, 1f, 2f, 0f);
  }
}
