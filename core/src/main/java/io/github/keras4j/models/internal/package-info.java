/**
 * Not API: the service provider interface between {@code models} and the file formats of {@code saving}
 * ({@link io.github.keras4j.models.internal.ModelSaving}), which keeps {@code models} from depending on
 * {@code saving}.
 *
 * <p>Every {@code io.github.keras4j.*.internal} package is excluded from the Javadoc and may change in any release;
 * {@code ArchitectureTest} checks that only {@code io.github.keras4j} code uses them and that no public signature
 * outside them names their types.
 */
package io.github.keras4j.models.internal;
