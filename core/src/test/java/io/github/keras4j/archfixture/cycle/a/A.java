package io.github.keras4j.archfixture.cycle.a;

import io.github.keras4j.archfixture.cycle.b.B;

/** Test fixture for ArchitectureTest: half of a package cycle (a uses b). */
public class A {
  /** Uses the other package. */
  public B partner() {
    return new B();
  }
}
