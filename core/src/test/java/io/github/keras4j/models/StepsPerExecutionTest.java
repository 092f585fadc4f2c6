package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.callbacks.LambdaCallback;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.optimizers.Adam;
import io.github.keras4j.optimizers.schedules.ExponentialDecay;
import io.github.keras4j.regularizers.L2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code stepsPerExecution(n)} trains exactly as {@code n} single steps, with callbacks per execution. */
class StepsPerExecutionTest {
  private record Run(History history, List<float[]> weights, List<Integer> batchEnds) {}

  private static Run train(int stepsPerExecution) {
    TestData.CourseData data = TestData.courseData(4);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(21);
      try (Sequential model = new Sequential(
          new Dense(16).inputShape(1).activation("relu").kernelRegularizer(new L2(0.001)),
          new Dense(32).activation("relu"),
          new Dense(2).activation("softmax"))) {
        model.compile(new Adam().learningRate(new ExponentialDecay(0.01, 5, 0.9)), "sparse_categorical_crossentropy",
            "accuracy");
        model.stepsPerExecution(stepsPerExecution);
        int n = 95; // 10 batches of 10 and one of 5 per epoch before the split
        float[][] x = java.util.Arrays.copyOf(data.x(), n);
        int[] y = java.util.Arrays.copyOf(data.y(), n);
        float[] sampleWeight = new float[n];
        for (int i = 0; i < n; i++) {
          sampleWeight[i] = 0.5f + (i % 3);
        }
        List<Integer> ends = new ArrayList<>();
        History h = model.fit(x, y, new FitOptions().batchSize(10).epochs(3).seed(8).verbose(0)
            .validationSplit(0.2).sampleWeight(sampleWeight).classWeight(Map.of(1, 2.0))
            .callbacks(new LambdaCallback().onBatchEnd((b, logs) -> ends.add(b))));
        return new Run(h, model.weights().stream().map(Weight::read).toList(), ends);
      }
    }
  }

  @Test
  void blocksOfStepsGiveTheSameTrainingAsSingleSteps() {
    Run single = train(1);
    Run blocked = train(4);
    for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      List<Double> a = single.history().get(key);
      List<Double> b = blocked.history().get(key);
      for (int e = 0; e < a.size(); e++) {
        assertThat(b.get(e)).as("%s epoch %d", key, e).isCloseTo(a.get(e), within(1e-6));
      }
    }
    for (int i = 0; i < single.weights().size(); i++) {
      float[] a = single.weights().get(i);
      float[] b = blocked.weights().get(i);
      for (int j = 0; j < a.length; j++) {
        assertThat(b[j]).isCloseTo(a[j], within(1e-5f));
      }
    }
    // 76 training samples: batches 0-6 full, 7 has 6 samples. Executions end at batches 3, 6 (a block of 3) and 7.
    assertThat(single.batchEnds()).hasSize(3 * 8);
    assertThat(blocked.batchEnds()).containsExactly(3, 6, 7, 3, 6, 7, 3, 6, 7);
  }

  private static Run trainPlain(int stepsPerExecution) {
    TestData.CourseData data = TestData.courseData(4);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(5);
      try (Sequential model = new Sequential(
          new Dense(16).inputShape(1).activation("relu"),
          new Dense(32).activation("relu"),
          new Dense(2).activation("softmax"))) {
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.stepsPerExecution(stepsPerExecution);
        // 150 samples, 30 for validation: 12 batches of 10, one execution of 8 steps, then 4 (a 4-step block);
        // validation: 3 batches in one execution
        int n = 150;
        List<Integer> ends = new ArrayList<>();
        History h = model.fit(java.util.Arrays.copyOf(data.x(), n), java.util.Arrays.copyOf(data.y(), n),
            new FitOptions().batchSize(10).epochs(3).seed(3).verbose(0).validationSplit(0.2)
                .callbacks(new LambdaCallback().onBatchEnd((b, logs) -> ends.add(b))));
        return new Run(h, model.weights().stream().map(Weight::read).toList(), ends);
      }
    }
  }

  /**
   * Without weights or penalties a block computes the batch mean as {@code sum / n} and seeds its gradient with
   * {@code 1 / n}: the very arithmetic of single steps, so every figure and weight is bit-for-bit the same.
   */
  @Test
  void unweightedBlocksAreBitForBitSingleSteps() {
    Run single = trainPlain(1);
    Run blocked = trainPlain(8);
    for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
      assertThat(blocked.history().get(key)).as(key).isEqualTo(single.history().get(key));
    }
    for (int i = 0; i < single.weights().size(); i++) {
      assertThat(blocked.weights().get(i)).as("weight %d", i).isEqualTo(single.weights().get(i));
    }
    assertThat(blocked.batchEnds()).containsExactly(7, 11, 7, 11, 7, 11);
  }

  /**
   * An epoch's shorter last execution (4 of 8 steps) and a validation of 3 batches run in the blocks already
   * compiled — one training block of 8 steps and one evaluation block of 3 — and the steps of the block that do
   * not run change nothing: every figure and weight equals single steps (above) and the optimizer counts exactly
   * the steps that ran.
   */
  @Test
  void aShorterExecutionRunsInTheCompiledBlock() {
    TestData.CourseData data = TestData.courseData(4);
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(5);
      try (Sequential model = new Sequential(
          new Dense(16).inputShape(1).activation("relu"),
          new Dense(2).activation("softmax"))) {
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.stepsPerExecution(8);
        model.fit(java.util.Arrays.copyOf(data.x(), 150), java.util.Arrays.copyOf(data.y(), 150),
            new FitOptions().batchSize(10).epochs(3).seed(3).verbose(0).validationSplit(0.2));
        assertThat(model.optimizer().iterationCount()).isEqualTo(3 * 12);
        assertThat(model.program(true, List.of(new long[] {1})).compiledBlocks()).isEqualTo(2);
        // evaluate: 13 batches of 10 and one of 5 = 8 + 5 (the 8-step evaluation block) + 1 single step
        double loss = model.evaluate(java.util.Arrays.copyOf(data.x(), 135), java.util.Arrays.copyOf(data.y(), 135),
            new EvaluateOptions().batchSize(10).verbose(0)).get("loss");
        model.stepsPerExecution(1);
        double single = model.evaluate(java.util.Arrays.copyOf(data.x(), 135),
            java.util.Arrays.copyOf(data.y(), 135), new EvaluateOptions().batchSize(10).verbose(0)).get("loss");
        assertThat(loss).isEqualTo(single);
      }
    }
  }

  /**
   * A loaded model resumes at the iteration count saved with its optimizer state: a block's step numbers (Adam's
   * bias correction) start there, as single steps' do, so both continue bit for bit alike.
   */
  @Test
  void aLoadedModelResumesItsStepCountInBlocks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    TestData.CourseData data = TestData.courseData(4);
    float[][] x = java.util.Arrays.copyOf(data.x(), 120);
    int[] y = java.util.Arrays.copyOf(data.y(), 120);
    java.nio.file.Path file = dir.resolve("trained.h5");
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(9);
      try (Sequential model = new Sequential(
          new Dense(8).inputShape(1).activation("relu"), new Dense(2).activation("softmax"))) {
        model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
        model.fit(x, y, new FitOptions().batchSize(10).epochs(2).seed(1).verbose(0));
        model.save(file);
      }
    }
    List<List<float[]>> resumed = new ArrayList<>();
    for (int perExecution : new int[] {1, 5}) {
      try (var scope = KerasContext.isolated(); Model model = Models.load(file)) {
        assertThat(model.optimizer().iterationCount()).isEqualTo(24);
        model.stepsPerExecution(perExecution);
        model.fit(x, y, new FitOptions().batchSize(10).epochs(1).seed(2).verbose(0));
        assertThat(model.optimizer().iterationCount()).isEqualTo(36);
        resumed.add(model.weights().stream().map(Weight::read).toList());
      }
    }
    for (int i = 0; i < resumed.get(0).size(); i++) {
      assertThat(resumed.get(1).get(i)).as("weight %d", i).isEqualTo(resumed.get(0).get(i));
    }
  }

  /** A model without trainable weights: the steps of a block that do not run count no iteration either. */
  @Test
  void aFrozenModelCountsOnlyTheStepsThatRan() {
    TestData.CourseData data = TestData.courseData(4);
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(
        new Dense(4).inputShape(1).activation("relu"), new Dense(2).activation("softmax"))) {
      model.layers().forEach(l -> l.trainable(false));
      model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
      model.stepsPerExecution(8);
      model.fit(java.util.Arrays.copyOf(data.x(), 120), java.util.Arrays.copyOf(data.y(), 120),
          new FitOptions().batchSize(10).epochs(2).seed(3).verbose(0));
      assertThat(model.optimizer().iterationCount()).isEqualTo(2 * 12);
    }
  }

  @Test
  void rejectsANonPositiveCount() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(new Dense(1).inputShape(1))) {
      assertThatThrownBy(() -> model.stepsPerExecution(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("stepsPerExecution must be >= 1, but got 0.");
    }
  }
}
