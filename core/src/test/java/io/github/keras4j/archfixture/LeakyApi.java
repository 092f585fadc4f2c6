package io.github.keras4j.archfixture;

import io.github.keras4j.backend.Program;
import io.github.keras4j.layers.internal.WeightStore;
import java.util.List;

/** Test fixture for ArchitectureTest: a public API that leaks a backend type, which the rules must reject. */
public class LeakyApi {
  /** Leaks the backend type through a generic return type. */
  public List<Program> programs() {
    return List.of();
  }

  /** Leaks an internal type. */
  public WeightStore store() {
    return null;
  }

  /** Not exposed: private members may use the backend. */
  private Program hidden() {
    return null;
  }
}
