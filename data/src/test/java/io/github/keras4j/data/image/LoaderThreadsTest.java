package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.models.BatchSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's threads: daemons, cancelled at the end of an epoch, gone soon after the work is done. */
class LoaderThreadsTest {
  @TempDir Path dir;

  private static List<Thread> loaderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(BatchPipeline.THREAD_PREFIX) && t.isAlive())
        .toList();
  }

  private DirectoryIterator iterator(ImageDataGenerator generator, FlowOptions options) throws Exception {
    for (int i = 0; i < 24; i++) {
      TestImages.solid(dir.resolve((i % 2 == 0 ? "a" : "b") + "/img" + i + ".png"), 8, 8, i * 10);
    }
    AtomicReference<DirectoryIterator> it = new AtomicReference<>();
    DirectoryIteratorTest.capture(false, () -> it.set(generator.flowFromDirectory(dir, options)));
    return it.get();
  }

  @Test
  void workerThreadsAreNamedDaemonsAndEndSoonAfterTheLastEpoch() throws Exception {
    DirectoryIterator it = iterator(new ImageDataGenerator(),
        new FlowOptions().targetSize(8, 8).batchSize(4).workers(3).prefetchBatches(2).seed(1));
    BatchSource source = it;
    for (int epoch = 0; epoch < 2; epoch++) {
      source.onEpochBegin(epoch);
      for (int step = 0; step < source.steps(); step++) {
        source.batch(step);
        assertThat(loaderThreads()).isNotEmpty().allMatch(Thread::isDaemon);
      }
      source.onEpochEnd(epoch);
    }
    it.next(); // leaves prefetched work behind, as a user who stops reading does
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!loaderThreads().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(loaderThreads()).as("keras4j-image-loader threads alive 10 s after the work").isEmpty();
  }

  @Test
  void onEpochEndCancelsTheBatchesInFlight() throws Exception {
    AtomicInteger loaded = new AtomicInteger();
    DirectoryIterator it = iterator(new ImageDataGenerator().preprocessingFunction(x -> {
      loaded.incrementAndGet();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return x;
    }), new FlowOptions().targetSize(8, 8).batchSize(2).workers(2).prefetchBatches(4).shuffle(false));
    it.onEpochBegin(0);
    it.batch(0);
    it.onEpochEnd(0);
    int afterCancel = loaded.get();
    Thread.sleep(300);
    assertThat(loaded.get()).isEqualTo(afterCancel);
    assertThat(afterCancel).isLessThan(24);
    // The iterator still works afterwards, from any step.
    it.onEpochBegin(1);
    assertThat(it.batch(5).size()).isEqualTo(2);
    it.onEpochEnd(1);
  }
}
