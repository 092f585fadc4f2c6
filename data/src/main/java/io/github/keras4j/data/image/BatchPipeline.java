package io.github.keras4j.data.image;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Internal: assembles batches of samples on worker threads, in order, a few batches ahead of the consumer.
 *
 * <p>Each sample of a batch is one task (decode, resize, augment, preprocess) that writes its own slice of the batch's
 * buffer, so the result does not depend on the number of workers or on which finishes first. The consumer asks for
 * batch {@code step} of an ordering (an epoch's permutation of the samples) in an epoch; the pipeline keeps the
 * next {@code prefetch} batches of that ordering in flight. A request out of sequence, or for another ordering or
 * epoch, cancels what is in flight and starts again from there. The loader is told each sample's epoch, so that
 * random augmentation can depend on (seed, epoch, sample) alone.
 *
 * <p>Memory: a batch handed to the consumer stays valid until the next request, and its buffer is then reused, so
 * at most {@code prefetch + 1} buffers exist while a consumer reads sequentially. A batch taken with
 * {@code handOff} gives its buffer away and the pipeline allocates another. {@link #release()} (the end of an
 * epoch) drops the buffers, so that an idle iterator holds none: an image batch is megabytes (10 images of
 * 224 × 224 × 3 floats are 6 MB), and a program that trains from one iterator and then another would otherwise
 * keep the first one's buffers for good.
 *
 * <p>Threads: a private pool of {@code workers} daemon threads named {@code keras4j-image-loader-N}, which end after
 * {@link #KEEP_ALIVE_MS} idle, so nothing outlives the work. {@link #cancel()} stops outstanding work: tasks not
 * started are skipped, running ones are awaited (one image each).
 *
 * <p>Not thread-safe: the owning iterator serializes calls.
 */
final class BatchPipeline {
  /** How long an idle worker thread waits for work before it ends. */
  static final long KEEP_ALIVE_MS = 1000;
  /** The prefix of worker thread names. */
  static final String THREAD_PREFIX = "keras4j-image-loader-";

  private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
  private static final ThreadFactory THREADS = runnable -> {
    Thread thread = new Thread(runnable, THREAD_PREFIX + THREAD_NUMBER.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  };

  /** Loads one sample of an epoch into {@code x} from {@code offset}; called on worker threads. */
  @FunctionalInterface
  interface SampleLoader {
    void load(int epoch, int sample, float[] x, int offset) throws IOException;
  }

  /** Decides what a failed sample does: return true to drop it from its batch, false to fail the batch. */
  @FunctionalInterface
  interface FailurePolicy {
    boolean skip(int sample, Throwable failure);
  }

  /** A finished batch: {@code count} samples (their indices in {@code samples}) in the first values of {@code x}. */
  record Loaded(int count, int[] samples, float[] x) {}

  private final int batchSize;
  private final int sampleSize;
  private final int workers;
  private final int prefetch;
  private final SampleLoader loader;
  private final FailurePolicy policy;
  private final ArrayDeque<float[]> pool = new ArrayDeque<>();
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private ThreadPoolExecutor executor;
  private int epoch = -1;
  private int[] order;
  private float[] lent;
  private int allocated;

  BatchPipeline(int batchSize, int sampleSize, int workers, int prefetch, SampleLoader loader, FailurePolicy policy) {
    this.batchSize = batchSize;
    this.sampleSize = sampleSize;
    this.workers = workers;
    this.prefetch = prefetch;
    this.loader = loader;
    this.policy = policy;
  }

  /** One batch in flight. */
  private static final class Pending {
    final int step;
    final int[] samples;
    final float[] x;
    final Throwable[] failures;
    final AtomicInteger remaining;
    final CountDownLatch done = new CountDownLatch(1);
    volatile boolean cancelled;

    Pending(int step, int[] samples, float[] x) {
      this.step = step;
      this.samples = samples;
      this.x = x;
      this.failures = new Throwable[samples.length];
      this.remaining = new AtomicInteger(samples.length);
    }
  }

  /** Returns the number of batches per pass over {@code order}. */
  private int steps(int[] order) {
    return (order.length + batchSize - 1) / batchSize;
  }

  /**
   * Starts loading the batches from {@code step} on (up to {@code prefetch + 1} of them) without waiting.
   *
   * @param epoch the epoch the batches belong to, passed on to the loader (augmentation draws per epoch)
   */
  void prefetch(int epoch, int[] order, int step) {
    releaseLent();
    align(epoch, order, step);
    fill(step);
  }

  /**
   * Returns batch {@code step} of {@code order}, waiting for it, and keeps the following batches loading.
   *
   * @param epoch the epoch the batch belongs to, passed on to the loader
   * @param handOff whether the caller keeps the returned buffer (otherwise it is reused by the next request)
   * @throws UncheckedIOException if a sample failed with an I/O error (the message names the file), or the
   *     waiting thread was interrupted
   */
  Loaded take(int epoch, int[] order, int step, boolean handOff) {
    releaseLent();
    align(epoch, order, step);
    fill(step);
    Pending p = pending.pollFirst();
    try {
      p.done.await();
    } catch (InterruptedException e) {
      pending.addFirst(p);
      cancel();
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting for a batch of images"));
    }
    Loaded loaded;
    try {
      loaded = finish(p);
    } catch (RuntimeException | Error e) {
      pool.push(p.x);
      throw e;
    }
    if (!handOff) {
      lent = p.x;
    }
    return loaded;
  }

  /** Stops outstanding work; returns once no worker touches a buffer of this pipeline. */
  void cancel() {
    for (Pending p : pending) {
      p.cancelled = true;
    }
    boolean interrupted = false;
    for (Pending p : pending) {
      while (true) {
        try {
          p.done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      pool.push(p.x);
    }
    pending.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops outstanding work as {@link #cancel()} does and drops every buffer the pipeline holds, so that an idle
   * pipeline holds no batch memory; the batch last handed out keeps its values (its buffer is no longer reused).
   * The next request allocates afresh.
   */
  void release() {
    cancel();
    lent = null;
    pool.clear();
  }

  /** Returns how many batch buffers this pipeline has allocated (for tests of the memory bound). */
  int allocatedBuffers() {
    return allocated;
  }

  /** Returns how many batch buffers this pipeline holds now: pooled, in flight or lent (for tests). */
  int heldBuffers() {
    return pool.size() + pending.size() + (lent != null ? 1 : 0);
  }

  private void releaseLent() {
    if (lent != null) {
      pool.push(lent);
      lent = null;
    }
  }

  /** Makes the head of the queue batch {@code step} of {@code order} in {@code epoch}, or empties the queue. */
  private void align(int epoch, int[] order, int step) {
    if (order != this.order || epoch != this.epoch) {
      cancel();
      this.order = order;
      this.epoch = epoch;
    } else if (!pending.isEmpty() && pending.peekFirst().step != step) {
      cancel();
    }
  }

  /** Queues batches so that {@code from … from + prefetch} are in flight (those that exist). */
  private void fill(int from) {
    int last = Math.min(from + prefetch, steps(order) - 1);
    int next = pending.isEmpty() ? from : pending.peekLast().step + 1;
    for (; next <= last; next++) {
      schedule(next);
    }
  }

  private void schedule(int step) {
    int start = step * batchSize;
    int count = Math.min(batchSize, order.length - start);
    int[] samples = new int[count];
    System.arraycopy(order, start, samples, 0, count);
    float[] x = pool.poll();
    if (x == null) {
      x = new float[Math.multiplyExact(batchSize, sampleSize)];
      allocated++;
    }
    Pending p = new Pending(step, samples, x);
    int epoch = this.epoch;
    pending.addLast(p);
    ThreadPoolExecutor pool = executor();
    for (int i = 0; i < count; i++) {
      int position = i;
      pool.execute(() -> {
        try {
          if (!p.cancelled) {
            loader.load(epoch, p.samples[position], p.x, position * sampleSize);
          }
        } catch (Throwable t) {
          p.failures[position] = t;
        } finally {
          if (p.remaining.decrementAndGet() == 0) {
            p.done.countDown();
          }
        }
      });
    }
  }

  private ThreadPoolExecutor executor() {
    if (executor == null) {
      executor = new ThreadPoolExecutor(
          workers, workers, KEEP_ALIVE_MS, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), THREADS);
      executor.allowCoreThreadTimeOut(true);
    }
    return executor;
  }

  /** Applies the failure policy: throws for the first fatal failure, or drops skipped samples and compacts. */
  private Loaded finish(Pending p) {
    List<Integer> skipped = null;
    for (int i = 0; i < p.samples.length; i++) {
      Throwable failure = p.failures[i];
      if (failure == null) {
        continue;
      }
      if (policy.skip(p.samples[i], failure)) {
        if (skipped == null) {
          skipped = new ArrayList<>();
        }
        skipped.add(i);
        continue;
      }
      if (failure instanceof IOException io) {
        throw new UncheckedIOException(io.getMessage(), io);
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    if (skipped == null) {
      return new Loaded(p.samples.length, p.samples, p.x);
    }
    int[] kept = new int[p.samples.length - skipped.size()];
    int k = 0;
    for (int i = 0; i < p.samples.length; i++) {
      if (p.failures[i] != null && skipped.contains(i)) {
        continue;
      }
      if (k != i) {
        System.arraycopy(p.x, i * sampleSize, p.x, k * sampleSize, sampleSize);
      }
      kept[k++] = p.samples[i];
    }
    return new Loaded(kept.length, kept, p.x);
  }
}
