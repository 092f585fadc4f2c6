/**
 * Not API: the parts of {@link io.github.keras4j.optimizers.Optimizer} that compiled programs, model files and
 * {@code keras4j-spark} need and applications must not use — the update op of a step, the checked learning rate
 * of a step, and the optimizer's variables one by one ({@code iterations}, global scalars, slots).
 *
 * <p>Every {@code io.github.keras4j.*.internal} package is excluded from the Javadoc and may change in any release;
 * {@code ArchitectureTest} checks that only {@code io.github.keras4j} code uses them and that no public signature
 * outside them names their types.
 */
package io.github.keras4j.optimizers.internal;
