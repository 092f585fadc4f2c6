package io.github.keras4j.models;

import io.github.keras4j.backend.Program;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.function.Supplier;

/**
 * A model's compiled program, rebuilt when its signature (layers, trainable flags, compile configuration) changes.
 *
 * <p>Thread-safe: {@link #get} runs under this cache's lock, so threads racing on a fresh model's first
 * {@code predict} build one program and share it. A replaced program is closed at once; the cleaner closes the
 * last one when its model is garbage-collected (the cleaning action holds the program, never the model).
 */
final class ProgramCache implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Object owner;
  private Program program;
  private List<Object> signature;
  private Cleaner.Cleanable cleanable;

  /** Creates the cache of {@code owner}, whose collection frees the program. */
  ProgramCache(Object owner) {
    this.owner = owner;
  }

  /**
   * Returns the program for {@code signature}, building one with {@code compiler} if the cached one has another
   * signature, is closed, or cannot train when {@code training}.
   */
  synchronized Program get(List<Object> newSignature, boolean training, Supplier<Program> compiler) {
    if (program != null && !program.isClosed() && newSignature.equals(signature)
        && (!training || program.canTrain())) {
      program.reclaim();
      return program;
    }
    close();
    Program compiled = compiler.get();
    program = compiled;
    signature = newSignature;
    cleanable = CLEANER.register(owner, compiled::close);
    return compiled;
  }

  /** Closes the cached program (its weights keep their values). */
  @Override
  public synchronized void close() {
    if (cleanable != null) {
      cleanable.clean();
      cleanable = null;
    }
    program = null;
    signature = null;
  }
}
