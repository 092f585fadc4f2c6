package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Keras's threading contract: many threads predict at once; fit runs alone; no failure leaves a thread waiting. */
class ThreadSafetyTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 50;

  @TempDir Path dir;

  private static Sequential fresh() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(3);
      return new Sequential(
          new Dense(16).inputShape(4).activation("relu"), new Dense(3).activation("softmax"));
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eightThreadsRunTheFirstPredictOfAFreshModel() throws Exception {
    float[][] x = TestData.normal(20, 4, 7);
    float[][] expected;
    try (Sequential reference = fresh()) {
      expected = reference.predict(x);
    }
    runRounds(ThreadSafetyTest::fresh, x, expected);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eightThreadsRunTheFirstPredictOfALoadedModel() throws Exception {
    float[][] x = TestData.normal(20, 4, 8);
    Path file = dir.resolve("model.keras");
    float[][] expected;
    try (Sequential model = fresh()) {
      model.save(file);
      expected = model.predict(x);
    }
    runRounds(() -> {
      try {
        return Models.load(file);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, x, expected);
  }

  private static void runRounds(Supplier<Model> models, float[][] x, float[][] expected) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        try (Model model = models.get()) {
          List<Future<float[][]>> results =
              startTogether(pool, Collections.<Callable<float[][]>>nCopies(THREADS, () -> model.predict(x)));
          for (Future<float[][]> f : results) {
            float[][] p = f.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < x.length; i++) {
              assertThat(p[i]).as("round %d, row %d", round, i).containsExactly(expected[i]);
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("no thread left waiting").isTrue();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void predictAndWeightReadsRaceWithCloseWithoutDeadlock() throws Exception {
    float[][] x = TestData.normal(8, 4, 9);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 8; round++) {
        Sequential model = fresh();
        float[][] expected = model.predict(x);
        model.close();
        List<Future<Object>> jobs = startTogether(pool, List.<Callable<Object>>of(
            () -> model.predict(x),
            model::getWeights,
            () -> {
              model.close();
              return null;
            }));
        for (Future<Object> f : jobs) {
          Object r = f.get(20, TimeUnit.SECONDS);
          if (r instanceof float[][] p) {
            for (int i = 0; i < x.length; i++) {
              assertThat(p[i]).containsExactly(expected[i]);
            }
          }
        }
        model.close();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void fitExcludesConcurrentPredicts() throws Exception {
    float[][] x = TestData.normal(64, 4, 10);
    int[] y = new int[64];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 3;
    }
    try (Sequential model = fresh()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<History> fit =
            pool.submit(() -> model.fit(x, y, new FitOptions().epochs(3).verbose(0).batchSize(8).seed(1L)));
        Future<float[][]> p1 = pool.submit(() -> model.predict(x));
        Future<float[][]> p2 = pool.submit(() -> model.predict(x));
        fit.get(30, TimeUnit.SECONDS);
        assertThat(p1.get(30, TimeUnit.SECONDS)).hasNumberOfRows(64);
        assertThat(p2.get(30, TimeUnit.SECONDS)).hasNumberOfRows(64);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aModelTooLargeToAllocateFailsFastWithAClearError() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(60_000).inputShape(60_000))) {
      assertThatThrownBy(() -> model.predict(new float[][] {new float[60_000]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dense/kernel")
          .hasMessageContaining("3600000000 values");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void weightsBeyondTheHeapFailFastNamingTheHeap() {
    // Kernels of 4096 x 524287 values (just under Java's array limit, 8 GiB as float32), alternating with their
    // transposes, until together they exceed the heap: nothing is allocated before the check.
    long perLayer = 4096L * 524_287 * Float.BYTES;
    int count = (int) (Runtime.getRuntime().maxMemory() / perLayer) + 1;
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential()) {
      model.add(new Dense(524_287).inputShape(4096));
      for (int i = 1; i < count; i++) {
        model.add(new Dense(i % 2 == 1 ? 4096 : 524_287));
      }
      assertThatThrownBy(() -> model.predict(new float[][] {new float[4096]}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("maximum heap")
          .hasMessageContaining("-Xmx");
    }
  }

  @Test
  void nanInPredictInputFlowsOutAsNan() {
    try (Sequential model = fresh()) {
      float[][] p = model.predict(new float[][] {{Float.NaN, 1, 2, 3}, {0, 1, 2, 3}});
      assertThat(p[0]).containsOnly(Float.NaN);
      assertThat(p[1]).doesNotContain(Float.NaN);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void eightThreadsWhoseFirstPredictFailsWhileBuildingAllGetTheErrorAndNoneHangs() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(60_000).inputShape(60_000))) {
      float[][] x = {new float[60_000]};
      for (int round = 0; round < 3; round++) {
        List<Future<float[][]>> results =
            startTogether(pool, Collections.<Callable<float[][]>>nCopies(THREADS, () -> model.predict(x)));
        for (Future<float[][]> f : results) {
          assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class)
              .cause()
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("dense/kernel");
        }
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("no thread left waiting").isTrue();
    }
  }

  /** A GRU over an open number of steps builds a program per length: threads with different lengths at once. */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void threadsPredictingSequencesOfDifferentLengthsGetEachLengthsResults() throws Exception {
    java.util.Random random = new java.util.Random(11);
    float[][][] shortX = randomSequences(random, 5);
    float[][][] longX = randomSequences(random, 7);
    Supplier<Model> gru = () -> {
      try (var scope = KerasContext.isolated()) {
        Keras.setRandomSeed(5);
        KerasTensor in = Input.shape(-1, 2);
        return new Model(in, new Dense(2).apply(new GRU(4).apply(in)));
      }
    };
    float[][] expectedShort;
    float[][] expectedLong;
    try (Model reference = gru.get()) {
      expectedShort = reference.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(shortX));
      expectedLong = reference.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(longX));
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < 5; round++) {
        try (Model model = gru.get()) {
          List<Callable<float[][]>> jobs = new ArrayList<>();
          for (int t = 0; t < THREADS; t++) {
            float[][][] x = t % 2 == 0 ? shortX : longX;
            jobs.add(() -> {
              float[][] last = null;
              for (int i = 0; i < 4; i++) {
                last = model.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(x));
              }
              return last;
            });
          }
          List<Future<float[][]>> results = startTogether(pool, jobs);
          for (int t = 0; t < THREADS; t++) {
            float[][] p = results.get(t).get(60, TimeUnit.SECONDS);
            float[][] expected = t % 2 == 0 ? expectedShort : expectedLong;
            for (int i = 0; i < p.length; i++) {
              assertThat(p[i]).as("round %d, thread %d, row %d", round, t, i).containsExactly(expected[i]);
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("no thread left waiting").isTrue();
    }
  }

  /** Three sequences of {@code steps} steps of 2 Gaussian features. */
  private static float[][][] randomSequences(java.util.Random random, int steps) {
    float[][][] x = new float[3][steps][2];
    for (float[][] seq : x) {
      for (float[] step : seq) {
        step[0] = (float) random.nextGaussian();
        step[1] = (float) random.nextGaussian();
      }
    }
    return x;
  }

  /** Submits the jobs to the pool, each waiting at one latch, then releases them all at once. */
  private static <T> List<Future<T>> startTogether(ExecutorService pool, List<Callable<T>> jobs) {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> job : jobs) {
      futures.add(pool.submit(() -> {
        start.await();
        return job.call();
      }));
    }
    start.countDown();
    return futures;
  }

  @Test
  void theContractIsDocumented() throws Exception {
    String source = Files.readString(Path.of("src/main/java/io/github/keras4j/models/Model.java"));
    assertThat(source).contains("<p><b>Threads</b>").contains("{@code fit} is single-threaded");
  }
}
