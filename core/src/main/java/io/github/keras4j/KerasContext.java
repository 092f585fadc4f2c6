package io.github.keras4j;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Keras "session" state — unique-name counters and the seed generator — with a scope per thread.
 *
 * <p>Keras keeps this per backend session; Keras4J keeps one instance per JVM by default, which {@link
 * Keras#clearSession()} and {@link Keras#setRandomSeed(long)} reset and seed. {@link #isolated()} runs the calling
 * thread with a context of its own until the scope closes: layer names start again at {@code dense} and seeds come
 * from that context alone, whatever other threads do — for tests whose names must not depend on test order, and for
 * servers that build models on several threads at once.
 *
 * <pre>{@code
 * try (KerasContext.Scope scope = KerasContext.isolated()) {
 *   KerasContext.current().setSeed(42);
 *   Sequential model = new Sequential(new Dense(16).inputShape(1));   // named "dense", seeded from 42
 * }
 * }</pre>
 *
 * <p>It sits beside {@link Keras}, below every package, because layers (names, initializer seeds), models
 * (shuffling) and data (augmentation) all need it; it touches no TensorFlow object, so it does not belong in
 * {@code backend}. Thread-safe: every method may be called from any thread.
 */
public final class KerasContext {
  private static final KerasContext GLOBAL = new KerasContext();
  private static final ThreadLocal<KerasContext> LOCAL = new ThreadLocal<>();

  private final Map<String, Integer> counters = new HashMap<>();
  private SplittableRandom seeds = new SplittableRandom(new SecureRandom().nextLong());
  private boolean seeded;

  private KerasContext() {}

  /** Returns the context of the calling thread: its isolated one if open, else the JVM-wide one. */
  public static KerasContext current() {
    KerasContext local = LOCAL.get();
    return local != null ? local : GLOBAL;
  }

  /**
   * Runs the calling thread with a fresh context until the returned handle is closed.
   *
   * <pre>{@code try (var scope = KerasContext.isolated()) { ... names start at "dense" ... } }</pre>
   */
  public static Scope isolated() {
    KerasContext previous = LOCAL.get();
    LOCAL.set(new KerasContext());
    return () -> {
      if (previous == null) {
        LOCAL.remove();
      } else {
        LOCAL.set(previous);
      }
    };
  }

  /** A handle that restores the previous context when closed. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /** Resets the name counters and reseeds from entropy. */
  public synchronized void clear() {
    counters.clear();
    seeds = new SplittableRandom(new SecureRandom().nextLong());
    seeded = false;
  }

  /** Seeds the generator behind {@link #nextSeed()}. */
  public synchronized void setSeed(long seed) {
    seeds = new SplittableRandom(seed);
    seeded = true;
  }

  /** Returns whether {@link #setSeed(long)} was called since the last clear. */
  public synchronized boolean isSeeded() {
    return seeded;
  }

  /** Returns the next seed for an unseeded random source. */
  public synchronized long nextSeed() {
    return seeds.nextLong();
  }

  /**
   * Returns a unique name for {@code base} as Keras's {@code backend.unique_object_name}: zero-based gives
   * {@code dense}, {@code dense_1}, …; one-based gives {@code input_1}, {@code input_2}, ….
   */
  public synchronized String uniqueName(String base, boolean zeroBased) {
    int n = counters.merge(base, 1, Integer::sum);
    if (zeroBased) {
      return n == 1 ? base : base + "_" + (n - 1);
    }
    return base + "_" + n;
  }

  /** Keras's {@code to_snake_case}: {@code MaxPooling2D} → {@code max_pooling2d}, {@code ReLU} → {@code re_lu}. */
  public static String toSnakeCase(String className) {
    String intermediate = className.replaceAll("(.)([A-Z][a-z0-9]+)", "$1_$2");
    String insecure = intermediate.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    if (insecure.charAt(0) != '_') {
      return insecure;
    }
    return "private" + insecure;
  }
}
