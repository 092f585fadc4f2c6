package io.github.keras4j.spark;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.github.keras4j.models.PredictOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * Models loaded once per JVM (an executor, or the driver in local mode), keyed by the SHA-256 of their bytes.
 *
 * <p>Thread safety: every method may be called from many task threads at once. {@link #shared} returns one model
 * per payload, loaded by the first caller while the others wait; Keras4J models may {@code predict} from many
 * threads at once, so concurrent tasks share it. {@link #borrow}/{@link #giveBack} hand out models that one task
 * uses alone (training mutates a model). All cached models are closed when the JVM shuts down, or by
 * {@link #clear()}.
 */
public final class ModelCache {
  private static final Map<String, Model> SHARED = new ConcurrentHashMap<>();
  private static final Map<String, Deque<Model>> POOLS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::clear, "keras4j-model-cache-close"));
  }

  private ModelCache() {}

  /**
   * Returns the model of a payload, loading it on first use in this JVM.
   *
   * @throws UncheckedIOException with the loader's message if the bytes are not a loadable Keras model
   */
  public static Model shared(ModelPayload payload) {
    requireNonNull(payload, "payload");
    return SHARED.computeIfAbsent(payload.sha256(), key -> warm(load(payload)));
  }

  /**
   * Runs one prediction on zeros so the model's program exists before tasks share the model (building it once,
   * here, instead of in whichever task comes first).
   */
  private static Model warm(Model model) {
    List<FloatNdArray> xs = new ArrayList<>();
    for (Shape shape : model.inputShapes()) {
      long[] dims = shape.asArray();
      dims[0] = 1;
      for (long d : dims) {
        if (d < 0) {
          return model;
        }
      }
      xs.add(NdArrays.ofFloats(Shape.of(dims)));
    }
    model.predict(xs, new PredictOptions().verbose(0));
    return model;
  }

  /** Takes a model of this payload for the caller's exclusive use; return it with {@link #giveBack}. */
  public static Model borrow(ModelPayload payload) {
    requireNonNull(payload, "payload");
    Deque<Model> pool = POOLS.computeIfAbsent(payload.sha256(), key -> new ArrayDeque<>());
    synchronized (pool) {
      Model model = pool.pollFirst();
      if (model != null) {
        return model;
      }
    }
    return load(payload);
  }

  /** Returns a model taken with {@link #borrow} to the pool of its payload. */
  public static void giveBack(ModelPayload payload, Model model) {
    requireNonNull(payload, "payload");
    requireNonNull(model, "model");
    Deque<Model> pool = POOLS.computeIfAbsent(payload.sha256(), key -> new ArrayDeque<>());
    synchronized (pool) {
      pool.addFirst(model);
    }
  }

  /** Returns how many distinct payloads have a shared model loaded in this JVM. */
  public static int sharedCount() {
    return SHARED.size();
  }

  /** Closes and forgets every cached model (also run at JVM shutdown). */
  public static void clear() {
    for (Model model : SHARED.values()) {
      model.close();
    }
    SHARED.clear();
    for (Deque<Model> pool : POOLS.values()) {
      synchronized (pool) {
        pool.forEach(Model::close);
        pool.clear();
      }
    }
    POOLS.clear();
  }

  static Model load(ModelPayload payload) {
    try {
      return Models.load(payload.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Keras4J cannot load the model " + payload + ": " + e.getMessage(), e);
    }
  }
}
