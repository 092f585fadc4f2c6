/**
 * Not API: {@code saving}'s implementation of {@link io.github.keras4j.models.internal.ModelSaving}
 * ({@link io.github.keras4j.saving.internal.KerasModelSaving}), registered in {@code META-INF/services}.
 *
 * <p>Every {@code io.github.keras4j.*.internal} package is excluded from the Javadoc and may change in any release;
 * {@code ArchitectureTest} checks that only {@code io.github.keras4j} code uses them and that no public signature
 * outside them names their types.
 */
package io.github.keras4j.saving.internal;
