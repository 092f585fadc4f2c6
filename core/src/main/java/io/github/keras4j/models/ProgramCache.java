package io.github.keras4j.models;

import io.github.keras4j.backend.Program;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A model's compiled programs, rebuilt when its signature (layers, trainable flags, compile configuration) changes.
 *
 * <p>A model whose recurrent layers leave the number of steps open has one program per input shape (as
 * {@code tf.function} keeps one concrete function per shape): they share the model's weights (each program adopts
 * them when it is used) and live until the signature changes or the model closes, so a thread predicting one length
 * never finds its program closed by a thread predicting another.
 *
 * <p>Thread-safe: {@link #get} runs under this cache's lock, so threads racing on a fresh model's first
 * {@code predict} build one program and share it. Replaced programs are closed at once; the cleaner closes the
 * last ones when their model is garbage-collected (the cleaning actions hold the programs, never the model).
 */
final class ProgramCache implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final Object owner;
  private final Map<Object, Program> programs = new HashMap<>();
  private final List<Cleaner.Cleanable> cleanables = new ArrayList<>();
  private List<Object> signature;

  /** Creates the cache of {@code owner}, whose collection frees the programs. */
  ProgramCache(Object owner) {
    this.owner = owner;
  }

  /**
   * Returns the program for {@code signature} and these input {@code shapes}, building one with {@code compiler}
   * if there is none, it is closed, or it cannot train when {@code training}; a new signature closes every program.
   */
  synchronized Program get(
      List<Object> newSignature, Object shapes, boolean training, Supplier<Program> compiler) {
    if (!newSignature.equals(signature)) {
      close();
      signature = newSignature;
    }
    Program program = programs.get(shapes);
    if (program != null && !program.isClosed() && (!training || program.canTrain())) {
      program.reclaim();
      return program;
    }
    if (program != null) {
      program.close();
    }
    Program compiled = compiler.get();
    programs.put(shapes, compiled);
    cleanables.add(CLEANER.register(owner, compiled::close));
    return compiled;
  }

  /** Closes the cached programs (their weights keep their values). */
  @Override
  public synchronized void close() {
    for (Cleaner.Cleanable c : cleanables) {
      c.clean();
    }
    cleanables.clear();
    programs.clear();
    signature = null;
  }
}
