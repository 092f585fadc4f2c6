package com.example.archfixture;

import io.github.keras4j.optimizers.SGD;
import io.github.keras4j.optimizers.internal.OptimizerInternals;

/** Test fixture for ArchitectureTest: application code that reaches into an internal package, which is rejected. */
public class Downstream {
  /** Reads an optimizer's iteration counter through the internal accessor instead of {@code iterationCount()}. */
  public long iterations() {
    return (long) OptimizerInternals.iterations(new SGD(0.1)).read()[0];
  }
}
