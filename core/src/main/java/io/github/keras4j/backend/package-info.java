/**
 * Internal: the only code that talks to TensorFlow Java sessions. Not part of the public API; may change in any
 * release.
 *
 * <p>Only {@code io.github.keras4j.models} uses it, and no public or protected signature outside it names one of
 * its types ({@code ArchitectureTest} checks both). Arrows point from here to {@code layers}, {@code losses},
 * {@code metrics} and {@code optimizers} (the program runs them), never back.
 */
package io.github.keras4j.backend;
