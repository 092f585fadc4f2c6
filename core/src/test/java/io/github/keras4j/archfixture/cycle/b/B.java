package io.github.keras4j.archfixture.cycle.b;

import io.github.keras4j.archfixture.cycle.a.A;

/** Test fixture for ArchitectureTest: the other half of a package cycle (b uses a). */
public class B {
  /** Uses the other package. */
  public A partner() {
    return new A();
  }
}
